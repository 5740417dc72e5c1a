import type { FileOp } from '../ops/model.js';
import type { FileCheckboxPlan } from './plan-checkbox-edits.js';
import { renderCheckboxCommitMessage } from './render-checkbox-commit-message.js';

/** Where checkbox edits go when the default branch refuses direct writes. */
export const CHECKBOX_BRANCH = 'roadmap-sync/checkboxes';
export const CHECKBOX_PULL_TITLE = 'roadmap-sync: update checkboxes';

/** One sha-guarded commit per edited file, with the blob sha each file was read at. */
export function planCheckboxCommits(
  files: readonly FileCheckboxPlan[],
  shas: ReadonlyMap<string, string>,
  branch: string,
): Array<Extract<FileOp, { kind: 'commit-file' }>> {
  return files.flatMap((file) => {
    const blobSha = shas.get(file.path);
    if (!blobSha) return [];
    return [{ kind: 'commit-file' as const, path: file.path, branch, blobSha, text: file.text, message: renderCheckboxCommitMessage(file.changes), changes: file.changes }];
  });
}

/** The pull request that proposes checkbox edits on a protected branch. */
export function planCheckboxPullRequest(base: string, commits: ReadonlyArray<Extract<FileOp, { kind: 'commit-file' }>>): Extract<FileOp, { kind: 'create-pull-request' }> {
  return {
    kind: 'create-pull-request',
    head: CHECKBOX_BRANCH,
    base,
    title: CHECKBOX_PULL_TITLE,
    body: [
      `\`${base}\` is protected, so roadmap-sync proposes its checkbox edits here instead of committing them.`,
      '',
      'Issues closed or reopened since the roadmap last changed:',
      '',
      ...commits.flatMap((c) => c.changes.map((ch) => `- ${ch.action} #${ch.number} ${ch.title} (\`${c.path}\` line ${ch.line})`)),
      '',
      'Later closes and reopens are added to this pull request while it is open.',
    ].join('\n'),
  };
}
