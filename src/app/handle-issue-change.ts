import type { Context } from 'probot';
import { readMarker } from '../core/sync/issue-body.js';
import { DONE } from './jobs/job-queue.js';
import type { AppRuntime } from './app-runtime.js';

import { scheduleConverge } from './schedule-converge.js';
import { targetOf } from './repo-target.js';

/**
 * issues.edited / deleted / transferred on a managed issue: converge. The markdown stays the
 * source of the item's text; a deleted or transferred issue's item gets a new issue.
 */
export function handleIssueChange(rt: AppRuntime) {
  return (context: Context<'issues.edited'> | Context<'issues.deleted'> | Context<'issues.transferred'>): Promise<void> => {
    const { issue, sender } = context.payload;
    if (rt.bot.isSelf(sender) || !readMarker(issue.body)) return DONE;
    const target = targetOf(context.payload, context.id);
    if (!target) return DONE;
    return scheduleConverge(rt, target, { reason: `issue #${issue.number} ${context.payload.action}` });
  };
}
