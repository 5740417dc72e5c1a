import { describeOp } from '../sync/render-plan.js';
import type { WriteOp } from './model.js';

/** One line per write, for logs, dry runs and errors. */
export function describeWriteOp(op: WriteOp): string {
  switch (op.kind) {
    case 'commit-file':
      return `commit ${op.path} on ${op.branch}: ${op.message.split('\n')[0]}`;
    case 'create-branch':
      return `create branch ${op.branch} at ${op.sha.slice(0, 7)}`;
    case 'delete-branch':
      return `delete branch ${op.branch}`;
    case 'create-pull-request':
      return `open pull request "${op.title}" from ${op.head} into ${op.base}`;
    case 'write-check-run':
      return `${op.existingId === null ? 'create' : 'update'} check run ${op.name} on ${op.headSha.slice(0, 7)}: ${op.conclusion}, "${op.title}"`;
    default:
      return describeOp(op);
  }
}
