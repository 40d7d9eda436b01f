import { LetterTemplateError, renderTemplate } from '../../../src/domain/letters';
import { baseContext } from './fixtures';

const T = (body: string, head = '#! type: test_letter\n#! remedy: none\n#! seal: unsealed\n') => head + body;

describe('renderTemplate (templates/README.md mini-language)', () => {
  it('renders directives, placeholders and computed dates into blocks', () => {
    const doc = renderTemplate(
      T('@title {{agency.name}}告知书\n@docnumber {{docNumber}}\n@salutation {{applicant.name}}：\n@p 本机关于{{dates.receiptDate}}收到\n您的申请。\n@signature {{agency.name}}\n@date {{dates.issuedOn}}\n'),
      baseContext(),
    );
    expect(doc.blocks).toEqual([
      { kind: 'title', text: '某某市自然资源和规划局告知书' },
      { kind: 'docNumber', text: '某某自然资源公开〔2026〕12号' },
      { kind: 'salutation', text: '张三：' },
      { kind: 'paragraph', text: '本机关于2026年3月9日收到您的申请。' },
      { kind: 'signature', text: '某某市自然资源和规划局' },
      { kind: 'date', text: '2026年3月30日' },
    ]);
    expect(doc.remedy).toBe('none');
  });

  it('supports if/else, unless, each with @number and tables', () => {
    const ctx = { ...baseContext(), docNumber: null, correction: { items: ['甲', '乙'], periodDays: 15, dueDate: '2026-03-27' } };
    const doc = renderTemplate(
      T('@title 题\n{{#if docNumber}}@docnumber {{docNumber}}{{else}}@p 无文号{{/if}}\n{{#unless docNumber}}@p 草拟{{/unless}}\n{{#each correction.items}}\n@item {{@number}}.{{this}}\n{{/each}}\n@table\n| a | {{correction.periodDays}} |\n| b | {{dates.correctionDue}} |\n'),
      ctx,
    );
    expect(doc.blocks.slice(1)).toEqual([
      { kind: 'paragraph', text: '无文号' },
      { kind: 'paragraph', text: '草拟' },
      { kind: 'item', text: '1.甲' },
      { kind: 'item', text: '2.乙' },
      { kind: 'table', rows: [['a', '15'], ['b', '2026年3月27日']] },
    ]);
  });

  it('raises a clear error for a missing placeholder instead of printing undefined', () => {
    expect(() => renderTemplate(T('@title {{agency.nmae}}'), baseContext())).toThrow(LetterTemplateError);
    expect(() => renderTemplate(T('@title {{agency.nmae}}'), baseContext())).toThrow(/missing value for placeholder \{\{agency\.nmae\}\}/);
    expect(() => renderTemplate(T('@title x\n@p {{docNumber}}'), { ...baseContext(), docNumber: null })).toThrow(/docNumber/);
  });

  it('rejects unbalanced blocks, unknown directives and stray text', () => {
    expect(() => renderTemplate(T('@title x{{#if docNumber}}'), baseContext())).toThrow(/unclosed/);
    expect(() => renderTemplate(T('@title x\n@foo y'), baseContext())).toThrow(/unknown directive/);
    expect(() => renderTemplate(T('stray'), baseContext())).toThrow(/outside a directive/);
    // every template says whether it is sealed (GB/T 9704 §7.3.5.1) or a form (§7.3.5.2)
    expect(() => renderTemplate('#! type: t\n#! remedy: none\n@title x', baseContext())).toThrow(/#! seal:/);
    expect(() => renderTemplate('#! type: t\n#! remedy: none\n#! seal: maybe\n@title x', baseContext())).toThrow(/#! seal:/);
  });

  it('computes the remedy clause from the outcome and refuses it in procedural notices', () => {
    const reply = renderTemplate('#! type: reply_not_exist\n#! outcome: not_exist\n#! seal: sealed\n@title 答复书\n@p 依据{{citation}}。\n@remedy\n', baseContext());
    expect(reply.remedy).toBe('ordinary');
    expect(reply.blocks[1]).toEqual({ kind: 'paragraph', text: '依据《中华人民共和国政府信息公开条例》第三十六条第（四）项。' });
    expect(reply.blocks[2]).toMatchObject({ kind: 'remedy', text: expect.stringContaining('六个月内向某某市西湖区人民法院') });
    expect(() => renderTemplate(T('@title x\n@remedy'), baseContext())).toThrow(/carries no remedy/);
    expect(() => renderTemplate('#! type: reply_x\n#! outcome: disclose\n#! seal: sealed\n@title x\n', baseContext())).toThrow(/no @remedy/);
    expect(() => renderTemplate('#! type: reply_x\n#! outcome: disclose\n#! seal: sealed\n@title x\n@remedy', { ...baseContext(), outcome: 'not_exist' })).toThrow(/does not match/);
  });
});
