import type { ItemMatch } from './match-items.js';
import type { PlanOp, Snapshot } from './model.js';

/**
 * The identity invariant, checked on every plan: at most one item per issue and one issue per
 * item; no op writes an issue for an item it is not bound to; no person's issue is retitled; no
 * issue is created for an item that has one, nor removed while an item holds it. A plan that
 * breaks it is a bug: it is refused, never applied.
 */
export function findIdentityViolations(match: ItemMatch, ops: readonly PlanOp[], snapshot: Snapshot): string[] {
  const out: string[] = [];
  const holders = new Map<number, string>();
  for (const [key, issue] of match.issueOf) {
    const other = holders.get(issue.number);
    if (other !== undefined) out.push(`#${issue.number} is bound to two items (${other}, ${key})`);
    holders.set(issue.number, key);
  }
  const created = new Set<string>();
  const byNumber = new Map(snapshot.issues.map((i) => [i.number, i]));
  for (const op of ops) {
    switch (op.kind) {
      case 'create-issue':
        if (match.issueOf.has(op.key)) out.push(`an issue is created for item ${op.key}, which has #${match.issueOf.get(op.key)?.number}`);
        if (created.has(op.key)) out.push(`two issues are created for item ${op.key}`);
        created.add(op.key);
        break;
      case 'update-issue': {
        if (holders.get(op.number) !== op.key) out.push(`#${op.number} is written for item ${op.key}, which it is not bound to`);
        const issue = byNumber.get(op.number);
        const persons = match.adopted.has(op.number) || issue?.marker?.adopted === true || (issue !== undefined && issue.marker === null);
        if (op.changes.title !== undefined && persons) out.push(`#${op.number}, a person's issue, would be retitled`);
        break;
      }
      case 'remove-issue':
      case 'record-removal':
        if (holders.has(op.number)) out.push(`#${op.number} is removed while item ${holders.get(op.number)} holds it`);
        break;
      default:
        break;
    }
  }
  return out;
}
