import type { CheckboxAction, CheckboxChange } from './plan-checkbox-edits.js';

/** Every checkbox commit starts with this; a push made only of such bot commits is the app's own. */
export const CHECKBOX_COMMIT_PREFIX = 'roadmap: ';

const VERB: Record<CheckboxAction, string> = { check: 'check', uncheck: 'uncheck', strike: 'strike' };
const MAX_TITLE = 72;
const MAX_REFS = 10;

/**
 * `roadmap: check "Add HTTPS support" (#42)` for one change;
 * `roadmap: check 3 items, uncheck 1 (#42, #43, #44, #45)` for several.
 */
export function renderCheckboxCommitMessage(changes: readonly CheckboxChange[]): string {
  const numbers = changes.map((c) => c.number);
  const refs = numbers.length > MAX_REFS ? `${numbers.slice(0, MAX_REFS).map((n) => `#${n}`).join(', ')}, …` : numbers.map((n) => `#${n}`).join(', ');
  const only = changes.length === 1 ? changes[0] : undefined;
  if (only) {
    const title = only.title.length > MAX_TITLE ? `${only.title.slice(0, MAX_TITLE - 1)}…` : only.title;
    return `${CHECKBOX_COMMIT_PREFIX}${VERB[only.action]} "${title.replace(/[\r\n]+/g, ' ')}" (${refs})`;
  }
  const parts: string[] = [];
  for (const action of ['check', 'uncheck', 'strike'] as const) {
    const count = changes.filter((c) => c.action === action).length;
    if (count > 0) parts.push(parts.length === 0 ? `${VERB[action]} ${count} item${count === 1 ? '' : 's'}` : `${VERB[action]} ${count}`);
  }
  const body = changes.map((c) => `- ${VERB[c.action]} #${c.number} ${c.title}`).join('\n');
  return `${CHECKBOX_COMMIT_PREFIX}${parts.join(', ')} (${refs})\n\n${body}\n`;
}
