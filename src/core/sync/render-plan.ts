import type { ApplyResult, Plan, PlanOp } from './model.js';

export interface PlanCounts {
  createIssues: number;
  updateIssues: number;
  retitles: number;
  moves: number;
  closes: number;
  reopens: number;
  removals: number;
  labels: number;
  milestones: number;
  links: number;
  unlinks: number;
}

export function countPlan(plan: Plan): PlanCounts {
  const c: PlanCounts = { createIssues: 0, updateIssues: 0, retitles: 0, moves: 0, closes: 0, reopens: 0, removals: 0, labels: 0, milestones: 0, links: 0, unlinks: 0 };
  for (const op of plan.ops) {
    if (op.kind === 'create-issue') c.createIssues += 1;
    else if (op.kind === 'update-issue') {
      c.updateIssues += 1;
      if (op.changes.title !== undefined) c.retitles += 1;
      if (op.changes.milestone !== undefined) c.moves += 1;
      if (op.changes.state === 'closed') c.closes += 1;
      if (op.changes.state === 'open') c.reopens += 1;
    } else if (op.kind === 'remove-issue') c.removals += 1;
    else if (op.kind === 'create-label') c.labels += 1;
    else if (op.kind === 'create-milestone' || op.kind === 'update-milestone') c.milestones += 1;
    else if (op.kind === 'unlink-sub-issue') c.unlinks += 1;
    else if (op.kind === 'link-sub-issue') c.links += 1;
  }
  return c;
}

export function describeOp(op: PlanOp): string {
  switch (op.kind) {
    case 'create-label':
      return `create label "${op.label.name}"`;
    case 'create-milestone':
      return `create milestone "${op.title}"${op.dueOn ? ` due ${op.dueOn}` : ''}`;
    case 'update-milestone':
      return `update milestone "${op.title}" ${[op.description !== undefined ? 'description' : '', op.dueOn !== undefined ? `due ${op.dueOn}` : ''].filter(Boolean).join(', ')}`;
    case 'create-issue':
      return `create issue "${op.fields.title}"${op.fields.milestone ? ` in "${op.fields.milestone}"` : ''}${op.closed ? ' (closed)' : ''}  [${op.file}:${op.line}]`;
    case 'update-issue':
      if (isAdoption(op)) return `${op.reasons.join(', ')}  [${op.file}]`;
      return `update #${op.number} "${op.changes.title ?? op.previousTitle}": ${op.reasons.join(', ')}`;
    case 'remove-issue':
      return `${op.mode === 'close' ? 'close as not planned' : 'label as removed'} #${op.number} "${op.title}" (${op.duplicateOf !== null ? `duplicate of #${op.duplicateOf}` : `no longer in ${op.file}`})`;
    case 'link-sub-issue':
      return `link ${ref(op.childNumber, op.childKey)} as a sub-issue of ${ref(op.parentNumber, op.parentKey)}`;
    case 'record-removal':
      return `note on #${op.number} "${op.title}" that its item is gone from ${op.file} (no visible change)`;
    case 'unlink-sub-issue':
      return `take #${op.childNumber} "${op.childTitle}" out of #${op.parentNumber}'s sub-issues (no longer nested in the roadmap)`;
  }
}

/** A person's issue bound by an item's reference: shown as its own kind of row. */
function isAdoption(op: Extract<PlanOp, { kind: 'update-issue' }>): boolean {
  return op.reasons[0]?.startsWith('binds existing #') === true;
}

function ref(number: number | null, key: string): string {
  return number ? `#${number}` : `new item ${key}`;
}

export function renderPlanText(plan: Plan): string {
  const lines: string[] = [];
  if (plan.ops.length === 0) lines.push('Nothing to change: the issues match the roadmap.');
  for (const op of plan.ops) lines.push(`  ${describeOp(op)}`);
  for (const note of plan.notes) lines.push(`${note.level === 'warning' ? 'warning' : 'note'}: ${note.message}`);
  if (plan.blocked) lines.push(`STOPPED: ${plan.blocked}`);
  const c = countPlan(plan);
  lines.push(
    `Plan: ${c.createIssues} to create, ${c.updateIssues} to update (${c.retitles} retitled, ${c.moves} moved, ${c.closes} closed, ${c.reopens} reopened), ${c.removals} removed, ${c.labels} labels, ${c.milestones} milestones, ${c.links} sub-issue links${c.unlinks > 0 ? `, ${c.unlinks} unlinked` : ''}, ${plan.unchanged} unchanged.`,
  );
  return lines.join('\n');
}

const escapeCell = (text: string): string => text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');

/** A markdown table for the pull-request check run: one row per planned change. */
export function renderPlanMarkdown(plan: Plan, limit = 200): string {
  const c = countPlan(plan);
  const out: string[] = [];
  out.push(
    `**${c.createIssues}** to create · **${c.retitles}** to retitle · **${c.moves}** to move · **${c.closes}** to close · **${c.reopens}** to reopen · **${c.removals}** removed · ${c.milestones} milestones · ${c.labels} labels · ${c.links} sub-issue links${c.unlinks > 0 ? ` · ${c.unlinks} unlinked` : ''} · ${plan.unchanged} unchanged`,
  );
  if (plan.blocked) out.push('', `> [!WARNING]\n> ${escapeCell(plan.blocked)}`);
  const rows = plan.ops.filter((op) => op.kind !== 'create-label');
  if (rows.length > 0) {
    out.push('', '| Change | Issue | Details |', '| --- | --- | --- |');
    for (const op of rows.slice(0, limit)) out.push(tableRow(op));
    if (rows.length > limit) out.push(`| … | | ${rows.length - limit} more changes not shown |`);
  }
  for (const note of plan.notes) out.push('', `${note.level === 'warning' ? '⚠️' : 'ℹ️'} ${escapeCell(note.message)}`);
  return out.join('\n');
}

function tableRow(op: PlanOp): string {
  switch (op.kind) {
    case 'create-issue':
      return `| create | ${escapeCell(op.fields.title)} | ${op.fields.milestone ? `milestone ${escapeCell(op.fields.milestone)}; ` : ''}\`${escapeCell(op.file)}\` line ${op.line} |`;
    case 'update-issue':
      if (isAdoption(op)) return `| adopt | #${op.number} ${escapeCell(op.previousTitle)} | ${escapeCell(op.reasons.join(', '))}; its title and text stay as written |`;
      return `| ${op.changes.title !== undefined ? 'retitle' : op.changes.state === 'closed' ? 'close' : op.changes.state === 'open' ? 'reopen' : op.changes.milestone !== undefined ? 'move' : 'update'} | #${op.number} ${escapeCell(op.changes.title ?? op.previousTitle)} | ${escapeCell(op.reasons.join(', '))}${op.changes.title !== undefined ? ` (was “${escapeCell(op.previousTitle)}”)` : ''} |`;
    case 'remove-issue':
      return `| ${op.mode === 'close' ? 'close (removed)' : 'label (removed)'} | #${op.number} ${escapeCell(op.title)} | ${op.duplicateOf !== null ? `duplicate of #${op.duplicateOf}` : `no longer in \`${escapeCell(op.file)}\``} |`;
    case 'create-milestone':
      return `| create milestone | ${escapeCell(op.title)} | ${op.dueOn ? `due ${op.dueOn}` : ''} |`;
    case 'update-milestone':
      return `| update milestone | ${escapeCell(op.title)} | ${[op.description !== undefined ? 'description' : '', op.dueOn !== undefined ? `due ${op.dueOn}` : ''].filter(Boolean).join(', ')} |`;
    case 'link-sub-issue':
      return `| link sub-issue | ${ref(op.childNumber, op.childKey)} | under ${ref(op.parentNumber, op.parentKey)} |`;
    case 'unlink-sub-issue':
      return `| unlink sub-issue | #${op.childNumber} ${escapeCell(op.childTitle)} | no longer nested under #${op.parentNumber} |`;
    case 'create-label':
      return `| create label | ${escapeCell(op.label.name)} | |`;
    case 'record-removal':
      return `| note removal | #${op.number} ${escapeCell(op.title)} | already closed; its item is gone from \`${escapeCell(op.file)}\` |`;
  }
}

export function renderResultLine(result: ApplyResult): string {
  return `${result.created} created, ${result.updated} updated, ${result.closed} closed, ${result.reopened} reopened, ${result.removed} removed, ${result.linked} linked, ${result.unlinked > 0 ? `${result.unlinked} unlinked, ` : ''}${result.milestonesCreated} milestones and ${result.labelsCreated} labels created, ${result.unchanged} unchanged; ${result.writes} writes, ${result.rateLimitWaits.length} rate-limit waits, ${result.errors.length} errors`;
}
