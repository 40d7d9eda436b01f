import fc from 'fast-check';
import {
  CASE_ACTIONS,
  STATE_KEYS,
  allowedActions,
  applyEvent,
  persistCase,
  representativeEvent,
  restoreCase,
  stateKey,
} from '../../../src/domain/workflow';
import { fresh } from './helpers';

const everyone = { id: 'u-all', roles: ['clerk', 'handler', 'approver', 'legal', '—'] };

describe('random walks over the statechart', () => {
  it('allowed actions are exactly those applyEvent takes; refusals carry a reason; snapshots round-trip', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(CASE_ACTIONS.length - 1), { maxLength: 40 }), (picks) => {
        let s = fresh();
        for (const i of picks) {
          const action = CASE_ACTIONS[i];
          const allowed = allowedActions(s, everyone, '2026-03-10').includes(action);
          const r = applyEvent(s, representativeEvent(s, action, everyone, '2026-03-10'));
          if (r.changed !== allowed) return false;
          if (!r.changed && !r.reason) return false;
          if (!STATE_KEYS.includes(stateKey(r.snapshot))) return false;
          const back = restoreCase(JSON.parse(JSON.stringify(persistCase(r.snapshot))));
          if (JSON.stringify(back.value) !== JSON.stringify(r.snapshot.value)) return false;
          if (JSON.stringify(back.context) !== JSON.stringify(r.snapshot.context)) return false;
          s = r.snapshot;
        }
        return true;
      }),
      { numRuns: 300 },
    );
  });
});
