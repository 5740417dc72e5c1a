import type { Context } from 'probot';
import { readMarker } from '../core/sync/issue-body.js';
import { DONE } from './jobs/job-queue.js';
import type { AppRuntime } from './app-runtime.js';

import { scheduleCheckboxes } from './schedule-checkboxes.js';
import { targetOf } from './repo-target.js';

/**
 * issues.closed / issues.reopened on a managed issue: its checkbox follows. The state is read
 * again at commit time, so the payload's own state and the delivery order do not matter.
 * The app's own closes and reopens came from the markdown, which already says so.
 */
export function handleIssueState(rt: AppRuntime) {
  return (context: Context<'issues.closed'> | Context<'issues.reopened'>): Promise<void> => {
    const { issue, sender } = context.payload;
    if (rt.bot.isSelf(sender) || !readMarker(issue.body)) return DONE;
    const target = targetOf(context.payload, context.id);
    if (!target) return DONE;
    return scheduleCheckboxes(rt, target, [issue.number], `issue #${issue.number} ${context.payload.action}`);
  };
}
