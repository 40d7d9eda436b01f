import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { EVENT_LABELS } from '../../../src/domain/workflow/event-labels';

/** Every event a case's history can hold has its Chinese name (timeline, refusals): none shows as a code. */
describe('EVENT_LABELS', () => {
  const types = readFileSync(path.join(__dirname, '../../../src/domain/workflow/types.ts'), 'utf8');
  const events = [...new Set([...types.matchAll(/type: '([A-Z_]+)'/g)].map((m) => m[1]))];

  it.each(events)('%s has a Chinese label', (e) => {
    expect(EVENT_LABELS[e]).toMatch(/^[\u4e00-\u9fff（），、]+$/);
  });

  it('found the event union (the test reads what it checks)', () => {
    expect(events.length).toBeGreaterThan(25);
    expect(events).toEqual(expect.arrayContaining(['ACCEPT', 'ASSIGN', 'APPROVE', 'RECORD_LETTER_RECEIPT']));
  });
});
