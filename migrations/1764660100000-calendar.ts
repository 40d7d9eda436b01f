import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The working-day calendar as data (shared/domain §3): one row per year with the State Council's
 * holiday notice, an append-only history of every load or replacement, and the 2025 and 2026
 * notices that ship with the product (copied here so that this migration never changes).
 */
const BUILTIN = [
  {
    "year": 2025,
    "notice": "国务院办公厅关于2025年部分节假日安排的通知（国办发明电〔2024〕12号，2024年11月12日）",
    "source": "https://www.gov.cn/zhengce/zhengceku/202411/content_6986383.htm",
    "holidays": [
      {
        "name": "元旦",
        "from": "2025-01-01",
        "to": "2025-01-01"
      },
      {
        "name": "春节",
        "from": "2025-01-28",
        "to": "2025-02-04"
      },
      {
        "name": "清明节",
        "from": "2025-04-04",
        "to": "2025-04-06"
      },
      {
        "name": "劳动节",
        "from": "2025-05-01",
        "to": "2025-05-05"
      },
      {
        "name": "端午节",
        "from": "2025-05-31",
        "to": "2025-06-02"
      },
      {
        "name": "国庆节、中秋节",
        "from": "2025-10-01",
        "to": "2025-10-08"
      }
    ],
    "makeupWorkdays": [
      {
        "name": "春节",
        "date": "2025-01-26"
      },
      {
        "name": "春节",
        "date": "2025-02-08"
      },
      {
        "name": "劳动节",
        "date": "2025-04-27"
      },
      {
        "name": "国庆节、中秋节",
        "date": "2025-09-28"
      },
      {
        "name": "国庆节、中秋节",
        "date": "2025-10-11"
      }
    ]
  },
  {
    "year": 2026,
    "notice": "国务院办公厅关于2026年部分节假日安排的通知（2025年11月4日）",
    "source": "https://www.gov.cn/zhengce/zhengceku/202511/content_7047091.htm",
    "holidays": [
      {
        "name": "元旦",
        "from": "2026-01-01",
        "to": "2026-01-03"
      },
      {
        "name": "春节",
        "from": "2026-02-15",
        "to": "2026-02-23"
      },
      {
        "name": "清明节",
        "from": "2026-04-04",
        "to": "2026-04-06"
      },
      {
        "name": "劳动节",
        "from": "2026-05-01",
        "to": "2026-05-05"
      },
      {
        "name": "端午节",
        "from": "2026-06-19",
        "to": "2026-06-21"
      },
      {
        "name": "中秋节",
        "from": "2026-09-25",
        "to": "2026-09-27"
      },
      {
        "name": "国庆节",
        "from": "2026-10-01",
        "to": "2026-10-07"
      }
    ],
    "makeupWorkdays": [
      {
        "name": "元旦",
        "date": "2026-01-04"
      },
      {
        "name": "春节",
        "date": "2026-02-14"
      },
      {
        "name": "春节",
        "date": "2026-02-28"
      },
      {
        "name": "劳动节",
        "date": "2026-05-09"
      },
      {
        "name": "国庆节",
        "date": "2026-09-20"
      },
      {
        "name": "国庆节",
        "date": "2026-10-10"
      }
    ]
  }
];

export class Calendar1764660100000 implements MigrationInterface {
  name = 'Calendar1764660100000';

  async up(q: QueryRunner): Promise<void> {
    // Shared by every append-only table: UPDATE and DELETE are refused.
    await q.query(`
      CREATE FUNCTION refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION '% on % is not allowed: the table is append-only', TG_OP, TG_TABLE_NAME
          USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(`
      CREATE TABLE calendar_years (
        year integer PRIMARY KEY CHECK (year BETWEEN 2000 AND 2100),
        notice text NOT NULL,
        source text NOT NULL,
        holidays jsonb NOT NULL,
        makeup_workdays jsonb NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        updated_by uuid REFERENCES users(id)
      )`);
    await q.query(`
      CREATE TABLE calendar_changes (
        id bigserial PRIMARY KEY,
        year integer NOT NULL,
        action text NOT NULL CHECK (action IN ('load', 'replace')),
        before jsonb,
        after jsonb NOT NULL,
        changed_by uuid REFERENCES users(id),
        changed_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX calendar_changes_year_idx ON calendar_changes (year, id)`);
    await q.query(`CREATE TRIGGER calendar_changes_append_only BEFORE UPDATE OR DELETE ON calendar_changes
                   FOR EACH ROW EXECUTE FUNCTION refuse_change()`);
    for (const n of BUILTIN) {
      const row = { notice: n.notice, source: n.source, holidays: n.holidays, makeupWorkdays: n.makeupWorkdays };
      await q.query(
        `INSERT INTO calendar_years (year, notice, source, holidays, makeup_workdays) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (year) DO NOTHING`,
        [n.year, n.notice, n.source, JSON.stringify(n.holidays), JSON.stringify(n.makeupWorkdays)],
      );
      await q.query(`INSERT INTO calendar_changes (year, action, after) VALUES ($1, 'load', $2)`, [
        n.year,
        JSON.stringify({ year: n.year, ...row }),
      ]);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE calendar_changes`);
    await q.query(`DROP TABLE calendar_years`);
    await q.query(`DROP FUNCTION refuse_change()`);
  }
}
