import type { Context } from 'probot';
import { CONFIG_PATH, type Config } from '../core/config/config.js';
import { selectRoadmapFiles } from '../core/roadmap/select-roadmap-files.js';
import { DONE } from './jobs/job-queue.js';
import type { AppRuntime } from './app-runtime.js';

import type { BotIdentity } from './bot-identity.js';
import { CHECKBOX_COMMIT_PREFIX } from '../core/checkboxes/render-checkbox-commit-message.js';
import { scheduleConverge } from './schedule-converge.js';
import { repoKey, targetOf } from './repo-target.js';

/** GitHub lists at most this many commits in a push payload; beyond it the file lists are partial. */
const PAYLOAD_COMMIT_LIMIT = 20;

type PushPayload = Context<'push'>['payload'];

/**
 * A push to the default branch that touches a roadmap file or the config converges the
 * repository. Everything else costs no request: other branches, tags, deletions, and the app's
 * own checkbox commits.
 */
export function handlePush(rt: AppRuntime) {
  return (context: Context<'push'>): Promise<void> => {
    const payload = context.payload;
    const skip = skipReason(payload, rt.bot, rt.configs.get(repoKey({ owner: payload.repository.owner?.login ?? '', repo: payload.repository.name })));
    if (skip) {
      context.log.debug({ ref: payload.ref, after: payload.after }, `push ignored: ${skip}`);
      return DONE;
    }
    const target = targetOf(payload, context.id);
    if (!target) return DONE;
    return scheduleConverge(rt, target, { reason: 'push', headSha: payload.after });
  };
}

/** Why a push needs no converge, or null when it does (or might: when in doubt, converge). */
export function skipReason(payload: PushPayload, bot: BotIdentity, config: Config | undefined): string | null {
  const defaultBranch = payload.repository.default_branch;
  if (payload.ref !== `refs/heads/${defaultBranch}`) return payload.ref.startsWith('refs/tags/') ? 'a tag' : 'not the default branch';
  if (payload.deleted) return 'a branch deletion';
  if (isOwnPush(payload, bot)) return "the app's own checkbox commit";
  const commits = payload.commits;
  if (payload.forced || commits.length === 0 || commits.length >= PAYLOAD_COMMIT_LIMIT) return null;
  const paths = new Set(commits.flatMap((c) => [...(c.added ?? []), ...(c.modified ?? []), ...(c.removed ?? [])]));
  if (paths.has(CONFIG_PATH)) return null;
  if (!config) return null;
  return selectRoadmapFiles([...paths], config).length > 0 ? null : 'no roadmap file changed';
}

/**
 * Pushed by the app's bot, or made only of checkbox commits authored by a bot: a person's commit
 * that happens to start with "roadmap: " still converges.
 */
function isOwnPush(payload: PushPayload, bot: BotIdentity): boolean {
  if (bot.isSelf(payload.sender)) return true;
  const commits = payload.commits;
  return (
    commits.length > 0 &&
    commits.every((c) => c.message.startsWith(CHECKBOX_COMMIT_PREFIX) && /\[bot\]$/.test(c.author.username ?? c.author.name))
  );
}
