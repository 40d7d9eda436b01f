import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Queryable } from '../../platform/database/queryable';
import { Agency, Department } from './agency';
import { AgencySettings } from './agency-settings';

interface AgencyRow {
  id: string;
  name: string;
  short_name: string;
  doc_prefix: string;
  disclosure_office_name: string;
  disclosure_office_phone: string | null;
  disclosure_office_email: string | null;
  address: string | null;
  postal_code: string | null;
  phone: string | null;
  reconsideration_body: string;
  court: string;
  settings: AgencySettings;
  created_at: Date;
  updated_at: Date;
}

interface DepartmentRow {
  id: string;
  agency_id: string;
  name: string;
  created_at: Date;
}

/** The columns an agency's fields map to (the only ones an update may write). */
const AGENCY_FIELDS = {
  name: 'name',
  shortName: 'short_name',
  docPrefix: 'doc_prefix',
  disclosureOfficeName: 'disclosure_office_name',
  disclosureOfficePhone: 'disclosure_office_phone',
  disclosureOfficeEmail: 'disclosure_office_email',
  address: 'address',
  postalCode: 'postal_code',
  phone: 'phone',
  reconsiderationBody: 'reconsideration_body',
  court: 'court',
  settings: 'settings',
} as const satisfies Partial<Record<keyof Agency, keyof AgencyRow>>;

export type AgencyChanges = Partial<Pick<Agency, keyof typeof AGENCY_FIELDS>>;

const toAgency = (r: AgencyRow): Agency => ({
  id: r.id,
  name: r.name,
  shortName: r.short_name,
  docPrefix: r.doc_prefix,
  disclosureOfficeName: r.disclosure_office_name,
  disclosureOfficePhone: r.disclosure_office_phone,
  disclosureOfficeEmail: r.disclosure_office_email,
  address: r.address,
  postalCode: r.postal_code,
  phone: r.phone,
  reconsiderationBody: r.reconsideration_body,
  court: r.court,
  settings: r.settings,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

const toDepartment = (r: DepartmentRow): Department => ({ id: r.id, agencyId: r.agency_id, name: r.name, createdAt: r.created_at });

/** Tables agencies and departments. */
@Injectable()
export class AgencyRepository {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  /** `q`: inside a transaction, its manager (a second pool connection is never awaited while one is held). */
  async findById(id: string, q: Queryable = this.db): Promise<Agency | null> {
    const [r] = (await q.query(`SELECT * FROM agencies WHERE id = $1`, [id])) as AgencyRow[];
    return r ? toAgency(r) : null;
  }

  /** Of `ids`, those that are active users of the agency with role `approver`. */
  async activeApprovers(agencyId: string, ids: string[]): Promise<Set<string>> {
    if (!ids.length) return new Set();
    const rows = (await this.db.query(
      `SELECT id FROM users WHERE agency_id = $1 AND id = ANY($2::uuid[]) AND active AND 'approver' = ANY(roles)`,
      [agencyId, ids],
    )) as { id: string }[];
    return new Set(rows.map((r) => r.id));
  }

  async update(id: string, changes: AgencyChanges): Promise<Agency | null> {
    const sets: string[] = [];
    const params: unknown[] = [id];
    for (const [field, column] of Object.entries(AGENCY_FIELDS)) {
      const v = changes[field as keyof AgencyChanges];
      if (v === undefined) continue;
      params.push(field === 'settings' ? JSON.stringify(v) : v);
      sets.push(`${column} = $${params.length}`);
    }
    sets.push('updated_at = now()');
    const rows = (await this.db.query(`UPDATE agencies SET ${sets.join(', ')} WHERE id = $1 RETURNING *`, params)) as [AgencyRow[], number];
    const [r] = rows[0];
    return r ? toAgency(r) : null;
  }

  /** A new agency (platform operator). Fields not given are empty until the agency's admin sets them. */
  async insert(
    m: Queryable,
    a: Pick<Agency, 'name' | 'shortName' | 'docPrefix' | 'disclosureOfficeName' | 'reconsiderationBody' | 'court' | 'settings'>,
  ): Promise<Agency> {
    const [r] = (await m.query(
      `INSERT INTO agencies (name, short_name, doc_prefix, disclosure_office_name, reconsideration_body, court, settings)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING *`,
      [a.name, a.shortName, a.docPrefix, a.disclosureOfficeName, a.reconsiderationBody, a.court, JSON.stringify(a.settings)],
    )) as AgencyRow[];
    return toAgency(r);
  }

  /** Every agency of the deployment, by name (platform operator). */
  async list(): Promise<Agency[]> {
    const rows = (await this.db.query(`SELECT * FROM agencies ORDER BY name, created_at`)) as AgencyRow[];
    return rows.map(toAgency);
  }

  async departments(agencyId: string): Promise<Department[]> {
    const rows = (await this.db.query(`SELECT * FROM departments WHERE agency_id = $1 ORDER BY name`, [agencyId])) as DepartmentRow[];
    return rows.map(toDepartment);
  }

  async department(agencyId: string, departmentId: string, q: Queryable = this.db): Promise<Department | null> {
    const [r] = (await q.query(`SELECT * FROM departments WHERE id = $1 AND agency_id = $2`, [departmentId, agencyId])) as DepartmentRow[];
    return r ? toDepartment(r) : null;
  }

  async departmentNamed(agencyId: string, name: string): Promise<Department | null> {
    const [r] = (await this.db.query(`SELECT * FROM departments WHERE agency_id = $1 AND name = $2`, [agencyId, name])) as DepartmentRow[];
    return r ? toDepartment(r) : null;
  }

  async insertDepartment(agencyId: string, name: string): Promise<Department> {
    const [r] = (await this.db.query(`INSERT INTO departments (agency_id, name) VALUES ($1, $2) RETURNING *`, [agencyId, name])) as DepartmentRow[];
    return toDepartment(r);
  }
}
