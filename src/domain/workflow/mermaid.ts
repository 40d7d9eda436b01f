/** Mermaid stateDiagram-v2 exporter for the case statechart (docs/state-diagram.md). */
import type { AnyStateMachine, AnyStateNode } from 'xstate';

const ident = (n: AnyStateNode) => n.id.replace(/[^A-Za-z0-9_]/g, '_');

function label(n: AnyStateNode): string {
  return n.description ? `${n.key} ${n.description}` : n.key;
}

export function toMermaid(machine: AnyStateMachine): string {
  const lines: string[] = ['stateDiagram-v2'];
  const edges: string[] = [];

  function emit(node: AnyStateNode, indent: string): void {
    const children = Object.values(node.states) as AnyStateNode[];
    const id = ident(node);
    lines.push(`${indent}state "${label(node)}" as ${id}`);
    if (children.length) {
      lines.push(`${indent}state ${id} {`);
      if (node.type === 'parallel') {
        children.forEach((c, i) => {
          if (i > 0) lines.push(`${indent}  --`);
          emit(c, indent + '  ');
        });
      } else {
        if (node.initial?.target?.[0])
          lines.push(`${indent}  [*] --> ${ident(node.initial.target[0])}`);
        children.forEach((c) => emit(c, indent + '  '));
      }
      lines.push(`${indent}}`);
    }
    for (const [eventType, defs] of node.transitions) {
      for (const t of defs) {
        const guard = t.guard ? ` [${typeof t.guard === 'string' ? t.guard : 'guard'}]` : '';
        const targets = (t.target ?? []) as AnyStateNode[];
        if (targets.length === 0) edges.push(`${id} --> ${id}: ${eventType}${guard}`);
        for (const tg of targets) edges.push(`${id} --> ${ident(tg)}: ${eventType}${guard}`);
      }
    }
  }

  const root = machine.root as AnyStateNode;
  if (root.initial?.target?.[0]) lines.push(`  [*] --> ${ident(root.initial.target[0])}`);
  for (const c of Object.values(root.states) as AnyStateNode[]) emit(c, '  ');
  return [...lines, ...[...new Set(edges)].map((e) => `  ${e}`)].join('\n') + '\n';
}

/** Full docs/state-diagram.md content. */
export function stateDiagramMarkdown(machine: AnyStateMachine): string {
  const everywhere = [...(machine.root as AnyStateNode).transitions.keys()];
  return [
    '# Case state diagram (依申请公开案件状态图)',
    '',
    'Generated from `src/domain/workflow/machine.ts` by `toMermaid` (test/unit/workflow/diagram.spec.ts checks it is current).',
    'Self-loops record data without changing state; `[valid…]` marks guarded transitions (see `src/domain/workflow/rules.ts`).',
    'Timer events (`*_LAPSED`, `CONSULTATION_EXPIRED`) come from PostgreSQL; the machine has no delayed transitions.',
    'A lapsed correction or fee period only proposes the closure (`closureProposed`): a person submits it, an approver',
    'decides, it is delivered; `RECORD_GOOD_REASON` reopens the period instead (条例第30条). `CORRECTION_PERIOD_EXPIRED` and',
    '`FEE_PERIOD_EXPIRED` (closing at once) are legacy: no longer sent, kept so that histories recorded with them replay.',
    ...(everywhere.length ? [`Taken in every state, without a change of state (machine-level): ${everywhere.map((e) => `\`${e}\``).join(', ')}.`] : []),
    '',
    '```mermaid',
    toMermaid(machine).trimEnd(),
    '```',
    '',
  ].join('\n');
}
