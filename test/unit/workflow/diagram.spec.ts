import * as fs from 'node:fs';
import * as path from 'node:path';
import { caseMachine, stateDiagramMarkdown, toMermaid } from '../../../src/domain/workflow';

const FILE = path.join(__dirname, '../../../docs/state-diagram.md');

describe('Mermaid export', () => {
  const m = toMermaid(caseMachine);
  it('is a stateDiagram-v2 with every top-level state and the parallel regions', () => {
    expect(m.startsWith('stateDiagram-v2\n')).toBe(true);
    for (const s of [
      'registered',
      'accepted',
      'awaitingCorrection',
      'handling',
      'inApproval',
      'decided',
      'closed',
      'archived',
    ]) {
      expect(m).toContain(`as case_${s}`);
    }
    expect(m).toContain('case_handling_work_proposed --> case_inApproval: SUBMIT_FOR_APPROVAL');
    expect(m).toContain('case_inApproval --> case_decided: APPROVE [validAndFinal]');
    expect(m).toMatch(/\n\s+--\n/);
  });
  it('docs/state-diagram.md is current (regenerate with UPDATE_DIAGRAM=1)', () => {
    const md = stateDiagramMarkdown(caseMachine);
    if (process.env.UPDATE_DIAGRAM || !fs.existsSync(FILE)) fs.writeFileSync(FILE, md);
    expect(fs.readFileSync(FILE, 'utf8')).toBe(md);
  });
});
