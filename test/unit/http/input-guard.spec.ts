import { findUnsafeInput, MAX_INPUT_DEPTH } from '../../../src/platform/http-errors/input-guard';

/** `levels` objects nested in one another, the innermost holding `leaf`. */
function nestedObject(levels: number, leaf: unknown = 1): unknown {
  let v: unknown = leaf;
  for (let i = 0; i < levels; i++) v = { x: v };
  return v;
}

describe('findUnsafeInput', () => {
  it('accepts ordinary bodies, with tab, line feed and carriage return', () => {
    expect(findUnsafeInput({ a: '第一行\r\n\t第二行', b: [1, true, null, { c: '文' }] })).toBeNull();
    expect(findUnsafeInput(undefined)).toBeNull();
    expect(findUnsafeInput('plain')).toBeNull();
  });

  it(`allows ${MAX_INPUT_DEPTH} levels and refuses one more, without recursing deeper`, () => {
    expect(findUnsafeInput(nestedObject(MAX_INPUT_DEPTH))).toBeNull();
    expect(findUnsafeInput(nestedObject(MAX_INPUT_DEPTH + 1))).toEqual({ kind: 'tooDeep' });
    const deep = JSON.parse('['.repeat(100_000) + ']'.repeat(100_000));
    expect(findUnsafeInput(deep)).toEqual({ kind: 'tooDeep' });
  });

  it('names each field holding a control character, in the DTO error path notation', () => {
    const body = { applicant: { name: '张\u0000三', address: 'ok' }, items: ['ok', 'a\u001fb'], note: '\u007f', ['k\u0000']: 1 };
    expect(findUnsafeInput(body)).toEqual({ kind: 'control', fields: ['applicant.name', 'items[1]', 'note', ''] });
    expect(findUnsafeInput({ a: '\u0085' })).toEqual({ kind: 'control', fields: ['a'] });
    expect(findUnsafeInput({ a: '\u00a0é' })).toBeNull(); // U+00A0 and beyond are text
  });
});
