/**
 * Issue, label, milestone, comment and sub-issue mutations with GitHub's validation rules and the
 * webhooks GitHub sends for them. Pull requests are issues here too; their changes emit
 * `pull_request` instead of `issues`, as on GitHub.
 */
import type { Core } from './core.js';
import { HttpError, validationFailed, type ValidationErrorItem } from './http-error.js';
import { presentComment, presentIssue, presentLabel, presentMilestone, presentPull } from './present.js';
import {
  isoNow,
  type Account,
  type CommentState,
  type IssueState,
  type IssueStateReason,
  type LabelState,
  type MilestoneState,
  type RepoState,
} from './state.js';
import {
  makeEvent,
  repoEventBase,
  type EmulatorEvent,
  type IssueChanges,
  type IssuesAction,
  type PullRequestPayload,
  webhookIssue,
} from './webhook-events.js';

export const TITLE_MAX = 256;
export const BODY_MAX = 65536;
export const LABEL_NAME_MAX = 50;
export const MILESTONE_TITLE_MAX = 255;
export const DEFAULT_LABEL_COLOR = 'ededed';

type IssuesEvent = Extract<EmulatorEvent, { name: 'issues' }>;
type PullEvent = Extract<EmulatorEvent, { name: 'pull_request' }>;

const PULL_ACTIONS: ReadonlySet<string> = new Set<PullRequestPayload['action']>([
  'opened',
  'edited',
  'closed',
  'reopened',
  'labeled',
  'unlabeled',
  'milestoned',
  'demilestoned',
  'assigned',
  'unassigned',
]);

function isPullAction(action: string): action is PullRequestPayload['action'] {
  return PULL_ACTIONS.has(action);
}

function emitIssueEvent(
  core: Core,
  repo: RepoState,
  issue: IssueState,
  action: IssuesAction,
  sender: Account,
  extra: { changes?: IssueChanges; label?: LabelState; milestone?: MilestoneState } = {},
): void {
  const base = repoEventBase(core, repo, sender);
  if (issue.pull) {
    if (!isPullAction(action)) return;
    const payload: PullRequestPayload = {
      action,
      number: issue.number,
      pull_request: presentPull(core, repo, issue),
      ...(extra.changes ? { changes: extra.changes } : {}),
      ...(extra.label ? { label: presentLabel(core, repo, extra.label) } : {}),
      ...base,
    };
    core.emit(makeEvent<PullEvent>('pull_request', payload));
    return;
  }
  core.emit(
    makeEvent<IssuesEvent>('issues', {
      action,
      issue: webhookIssue(core, repo, issue),
      ...(extra.changes ? { changes: extra.changes } : {}),
      ...(extra.label ? { label: presentLabel(core, repo, extra.label) } : {}),
      ...(extra.milestone ? { milestone: presentMilestone(core, repo, extra.milestone) } : {}),
      ...base,
    }),
  );
}

export function validateTitle(title: string, resource = 'Issue'): ValidationErrorItem[] {
  if (title.trim() === '') return [{ resource, code: 'missing_field', field: 'title' }];
  if ([...title].length > TITLE_MAX) {
    return [{ resource, code: 'custom', field: 'title', message: `title is too long (maximum is ${TITLE_MAX} characters)` }];
  }
  return [];
}

export function validateBody(body: string | null | undefined, resource = 'Issue'): ValidationErrorItem[] {
  if (typeof body === 'string' && [...body].length > BODY_MAX) {
    return [{ resource, code: 'custom', field: 'body', message: `body is too long (maximum is ${BODY_MAX} characters)` }];
  }
  return [];
}

export function findLabel(repo: RepoState, name: string): LabelState | undefined {
  return repo.labels.get(name.toLowerCase());
}

export function createLabel(
  core: Core,
  repo: RepoState,
  input: { name: string; color?: string; description?: string | null },
  sender: Account,
  emit = true,
): LabelState {
  const name = input.name.trim();
  const errors: ValidationErrorItem[] = [];
  if (name === '') errors.push({ resource: 'Label', code: 'missing_field', field: 'name' });
  else if ([...name].length > LABEL_NAME_MAX) errors.push({ resource: 'Label', code: 'custom', field: 'name', message: `name is too long (maximum is ${LABEL_NAME_MAX} characters)` });
  const color = (input.color ?? DEFAULT_LABEL_COLOR).replace(/^#/, '');
  if (!/^[0-9a-fA-F]{6}$/.test(color)) errors.push({ resource: 'Label', code: 'invalid', field: 'color' });
  if (input.description && [...input.description].length > 100) {
    errors.push({ resource: 'Label', code: 'custom', field: 'description', message: 'description is too long (maximum is 100 characters)' });
  }
  if (errors.length === 0 && findLabel(repo, name)) errors.push({ resource: 'Label', code: 'already_exists', field: 'name' });
  if (errors.length > 0) throw validationFailed(errors, 'https://docs.github.com/rest/issues/labels#create-a-label');
  const id = core.state.newId();
  const label: LabelState = {
    id,
    nodeId: core.state.nodeId('LA', id),
    name,
    color: color.toLowerCase(),
    description: input.description ?? null,
    default: false,
  };
  repo.labels.set(name.toLowerCase(), label);
  if (emit) core.emit(makeEvent<Extract<EmulatorEvent, { name: 'label' }>>('label', { action: 'created', label: presentLabel(core, repo, label), ...repoEventBase(core, repo, sender) }));
  return label;
}

export function updateLabel(
  core: Core,
  repo: RepoState,
  label: LabelState,
  patch: { new_name?: string; color?: string; description?: string | null },
  sender: Account,
): LabelState {
  const errors: ValidationErrorItem[] = [];
  if (patch.new_name !== undefined) {
    const newName = patch.new_name.trim();
    if ([...newName].length > LABEL_NAME_MAX) errors.push({ resource: 'Label', code: 'custom', field: 'name', message: `name is too long (maximum is ${LABEL_NAME_MAX} characters)` });
    const clash = findLabel(repo, newName);
    if (clash && clash !== label) errors.push({ resource: 'Label', code: 'already_exists', field: 'name' });
  }
  if (patch.color !== undefined && !/^#?[0-9a-fA-F]{6}$/.test(patch.color)) errors.push({ resource: 'Label', code: 'invalid', field: 'color' });
  if (errors.length > 0) throw validationFailed(errors, 'https://docs.github.com/rest/issues/labels#update-a-label');
  if (patch.new_name !== undefined) {
    repo.labels.delete(label.name.toLowerCase());
    label.name = patch.new_name.trim();
    repo.labels.set(label.name.toLowerCase(), label);
  }
  if (patch.color !== undefined) label.color = patch.color.replace(/^#/, '').toLowerCase();
  if (patch.description !== undefined) label.description = patch.description;
  core.emit(makeEvent<Extract<EmulatorEvent, { name: 'label' }>>('label', { action: 'edited', label: presentLabel(core, repo, label), ...repoEventBase(core, repo, sender) }));
  return label;
}

/** Labels by name; names the repository lacks are created with the default colour, as GitHub does. */
export function resolveLabels(core: Core, repo: RepoState, names: readonly string[], sender: Account): LabelState[] {
  const out: LabelState[] = [];
  for (const raw of names) {
    const name = raw.trim();
    if (name === '') continue;
    const label = findLabel(repo, name) ?? createLabel(core, repo, { name }, sender);
    if (!out.includes(label)) out.push(label);
  }
  return out;
}

export function resolveMilestone(repo: RepoState, value: number | string | null): MilestoneState | null {
  if (value === null) return null;
  const n = typeof value === 'number' ? value : Number.parseInt(value, 10);
  const m = Number.isInteger(n) ? repo.milestones.get(n) : undefined;
  if (!m) throw validationFailed([{ value, resource: 'Issue', field: 'milestone', code: 'invalid' }]);
  return m;
}

export function resolveAssignees(core: Core, logins: readonly string[]): Account[] {
  return logins.map((login) => core.state.account(login));
}

export interface NewIssue {
  readonly title: string;
  readonly body?: string | null;
  readonly labels?: readonly string[];
  readonly milestone?: number | string | null;
  readonly assignees?: readonly string[];
}

export function createIssue(
  core: Core,
  repo: RepoState,
  input: NewIssue,
  author: Account,
  options: { viaApp: boolean; pull?: IssueState['pull'] } = { viaApp: false },
): IssueState {
  const errors = [...validateTitle(input.title), ...validateBody(input.body)];
  if (errors.length > 0) throw validationFailed(errors, 'https://docs.github.com/rest/issues/issues#create-an-issue');
  const milestone = input.milestone === undefined ? null : resolveMilestone(repo, input.milestone);
  const labels = resolveLabels(core, repo, input.labels ?? [], author);
  const id = core.state.newId();
  const now = isoNow();
  const issue: IssueState = {
    id,
    nodeId: core.state.nodeId(options.pull ? 'PR' : 'I', id),
    number: repo.nextNumber++,
    title: input.title,
    body: input.body ?? null,
    state: 'open',
    stateReason: null,
    labels,
    milestone,
    assignees: resolveAssignees(core, input.assignees ?? []),
    user: author,
    createdAt: now,
    updatedAt: now,
    closedAt: null,
    closedBy: null,
    locked: false,
    parentId: null,
    subIssueIds: [],
    pull: options.pull ?? null,
    viaApp: options.viaApp,
  };
  core.state.addIssue(repo, issue);
  emitIssueEvent(core, repo, issue, 'opened', author);
  return issue;
}

export interface IssuePatch {
  readonly title?: string;
  readonly body?: string | null;
  readonly state?: 'open' | 'closed';
  readonly state_reason?: IssueStateReason | null;
  readonly labels?: readonly string[];
  readonly milestone?: number | string | null;
  readonly assignees?: readonly string[];
}

export function updateIssue(core: Core, repo: RepoState, issue: IssueState, patch: IssuePatch, sender: Account): IssueState {
  const errors = [
    ...(patch.title !== undefined ? validateTitle(patch.title) : []),
    ...validateBody(patch.body),
  ];
  if (errors.length > 0) throw validationFailed(errors, 'https://docs.github.com/rest/issues/issues#update-an-issue');
  const milestone = patch.milestone === undefined ? issue.milestone : resolveMilestone(repo, patch.milestone);
  const now = isoNow();

  const changes: { title?: { from: string }; body?: { from: string | null } } = {};
  if (patch.title !== undefined && patch.title !== issue.title) {
    changes.title = { from: issue.title };
    issue.title = patch.title;
  }
  if (patch.body !== undefined && patch.body !== issue.body) {
    changes.body = { from: issue.body };
    issue.body = patch.body;
  }

  const addedLabels: LabelState[] = [];
  const removedLabels: LabelState[] = [];
  if (patch.labels !== undefined) {
    const next = resolveLabels(core, repo, patch.labels, sender);
    addedLabels.push(...next.filter((l) => !issue.labels.includes(l)));
    removedLabels.push(...issue.labels.filter((l) => !next.includes(l)));
    issue.labels = next;
  }

  const oldMilestone = issue.milestone;
  issue.milestone = milestone;

  const addedAssignees: Account[] = [];
  const removedAssignees: Account[] = [];
  if (patch.assignees !== undefined) {
    const next = resolveAssignees(core, patch.assignees);
    addedAssignees.push(...next.filter((a) => !issue.assignees.includes(a)));
    removedAssignees.push(...issue.assignees.filter((a) => !next.includes(a)));
    issue.assignees = next;
  }

  let stateAction: 'closed' | 'reopened' | undefined;
  if (patch.state === 'closed' && issue.state === 'open') {
    issue.state = 'closed';
    issue.closedAt = now;
    issue.closedBy = sender;
    issue.stateReason = patch.state_reason === undefined || patch.state_reason === null ? 'completed' : patch.state_reason;
    stateAction = 'closed';
  } else if (patch.state === 'open' && issue.state === 'closed') {
    issue.state = 'open';
    issue.closedAt = null;
    issue.stateReason = 'reopened';
    stateAction = 'reopened';
  } else if (patch.state_reason !== undefined && patch.state_reason !== null && issue.state === 'closed' && patch.state_reason !== 'reopened') {
    issue.stateReason = patch.state_reason;
  }

  const changed =
    Object.keys(changes).length > 0 ||
    addedLabels.length + removedLabels.length + addedAssignees.length + removedAssignees.length > 0 ||
    oldMilestone !== milestone ||
    stateAction !== undefined;
  if (changed) {
    issue.updatedAt = now;
    repo.updatedAt = now;
  }

  if (Object.keys(changes).length > 0) emitIssueEvent(core, repo, issue, 'edited', sender, { changes });
  for (const label of addedLabels) emitIssueEvent(core, repo, issue, 'labeled', sender, { label });
  for (const label of removedLabels) emitIssueEvent(core, repo, issue, 'unlabeled', sender, { label });
  if (oldMilestone !== milestone) {
    if (oldMilestone) emitIssueEvent(core, repo, issue, 'demilestoned', sender, { milestone: oldMilestone });
    if (milestone) emitIssueEvent(core, repo, issue, 'milestoned', sender, { milestone });
  }
  for (const _a of addedAssignees) emitIssueEvent(core, repo, issue, 'assigned', sender);
  for (const _a of removedAssignees) emitIssueEvent(core, repo, issue, 'unassigned', sender);
  if (stateAction) emitIssueEvent(core, repo, issue, stateAction, sender);
  return issue;
}

export function deleteIssue(core: Core, repo: RepoState, issue: IssueState, sender: Account): void {
  const payload = webhookIssue(core, repo, issue);
  core.state.removeIssue(repo, issue);
  if (issue.parentId !== null) {
    const parent = core.state.issueById(issue.parentId);
    if (parent) parent.issue.subIssueIds = parent.issue.subIssueIds.filter((id) => id !== issue.id);
  }
  for (const childId of issue.subIssueIds) {
    const child = core.state.issueById(childId);
    if (child) child.issue.parentId = null;
  }
  core.emit(makeEvent<IssuesEvent>('issues', { action: 'deleted', issue: payload, ...repoEventBase(core, repo, sender) }));
}

export function addComment(core: Core, repo: RepoState, issue: IssueState, body: string, author: Account, viaApp: boolean): CommentState {
  if ([...body].length > BODY_MAX) {
    throw validationFailed([{ resource: 'IssueComment', code: 'custom', field: 'body', message: `body is too long (maximum is ${BODY_MAX} characters)` }]);
  }
  if (body.trim() === '') throw validationFailed([{ resource: 'IssueComment', code: 'missing_field', field: 'body' }]);
  const id = core.state.newId();
  const now = isoNow();
  const comment: CommentState = { id, nodeId: core.state.nodeId('IC', id), issueNumber: issue.number, body, user: author, createdAt: now, updatedAt: now, viaApp };
  repo.comments.push(comment);
  issue.updatedAt = now;
  core.emit(
    makeEvent<Extract<EmulatorEvent, { name: 'issue_comment' }>>('issue_comment', {
      action: 'created',
      issue: presentIssue(core, repo, issue),
      comment: presentComment(core, repo, comment),
      ...repoEventBase(core, repo, author),
    }),
  );
  return comment;
}

export interface MilestoneInput {
  readonly title?: string;
  readonly state?: 'open' | 'closed';
  readonly description?: string | null;
  readonly due_on?: string | null;
}

function milestoneEvent(core: Core, repo: RepoState, m: MilestoneState, action: 'created' | 'edited' | 'closed' | 'opened', sender: Account): void {
  core.emit(makeEvent<Extract<EmulatorEvent, { name: 'milestone' }>>('milestone', { action, milestone: presentMilestone(core, repo, m), ...repoEventBase(core, repo, sender) }));
}

function validateMilestoneTitle(title: string): void {
  if ([...title].length > MILESTONE_TITLE_MAX) {
    throw validationFailed([{ resource: 'Milestone', code: 'custom', field: 'title', message: `title is too long (maximum is ${MILESTONE_TITLE_MAX} characters)` }]);
  }
}

function findMilestoneByTitle(repo: RepoState, title: string): MilestoneState | undefined {
  for (const m of repo.milestones.values()) if (m.title === title) return m;
  return undefined;
}

export function createMilestone(core: Core, repo: RepoState, input: MilestoneInput, sender: Account): MilestoneState {
  const title = input.title ?? '';
  if (title.trim() === '') throw validationFailed([{ resource: 'Milestone', code: 'missing_field', field: 'title' }]);
  validateMilestoneTitle(title);
  if (findMilestoneByTitle(repo, title)) {
    throw validationFailed([{ resource: 'Milestone', code: 'already_exists', field: 'title' }], 'https://docs.github.com/rest/issues/milestones#create-a-milestone');
  }
  const id = core.state.newId();
  const now = isoNow();
  const m: MilestoneState = {
    id,
    nodeId: core.state.nodeId('MI', id),
    number: repo.nextMilestoneNumber++,
    title,
    description: input.description ?? null,
    state: input.state ?? 'open',
    dueOn: input.due_on ? normalizeDueOn(input.due_on) : null,
    creator: sender,
    createdAt: now,
    updatedAt: now,
    closedAt: input.state === 'closed' ? now : null,
  };
  repo.milestones.set(m.number, m);
  milestoneEvent(core, repo, m, 'created', sender);
  return m;
}

/** GitHub stores a due date's day and answers it at 07:00 or 08:00 UTC (Pacific midnight); keep the day. */
function normalizeDueOn(value: string): string {
  const t = Date.parse(value);
  if (Number.isNaN(t)) throw validationFailed([{ resource: 'Milestone', code: 'invalid', field: 'due_on' }]);
  return `${new Date(t).toISOString().slice(0, 10)}T07:00:00Z`;
}

export function updateMilestone(core: Core, repo: RepoState, m: MilestoneState, input: MilestoneInput, sender: Account): MilestoneState {
  if (input.title !== undefined && input.title !== m.title) {
    if (input.title.trim() === '') throw validationFailed([{ resource: 'Milestone', code: 'missing_field', field: 'title' }]);
    validateMilestoneTitle(input.title);
    if (findMilestoneByTitle(repo, input.title)) throw validationFailed([{ resource: 'Milestone', code: 'already_exists', field: 'title' }]);
    m.title = input.title;
  }
  if (input.description !== undefined) m.description = input.description;
  if (input.due_on !== undefined) m.dueOn = input.due_on === null ? null : normalizeDueOn(input.due_on);
  const now = isoNow();
  let action: 'edited' | 'closed' | 'opened' = 'edited';
  if (input.state === 'closed' && m.state === 'open') {
    m.state = 'closed';
    m.closedAt = now;
    action = 'closed';
  } else if (input.state === 'open' && m.state === 'closed') {
    m.state = 'open';
    m.closedAt = null;
    action = 'opened';
  }
  m.updatedAt = now;
  milestoneEvent(core, repo, m, action, sender);
  return m;
}

export function addSubIssue(
  core: Core,
  repo: RepoState,
  parent: IssueState,
  subIssueId: number,
  replaceParent: boolean,
  sender: Account,
): IssueState {
  const found = core.state.issueById(subIssueId);
  if (!found || found.issue.pull) throw new HttpError(404, 'Not Found', { documentationUrl: 'https://docs.github.com/rest/issues/sub-issues#add-sub-issue' });
  const child = found.issue;
  const fail = (message: string): HttpError =>
    validationFailed([{ resource: 'Issue', code: 'custom', field: 'sub_issue_id', message }], 'https://docs.github.com/rest/issues/sub-issues#add-sub-issue');
  if (child.id === parent.id) throw fail('An issue cannot be a sub-issue of itself');
  if (parent.subIssueIds.includes(child.id)) throw fail('Issue is already a sub-issue of this issue');
  if (child.parentId !== null && !replaceParent) throw fail('Sub issue may only have one parent');
  let parentLevel = 1;
  for (let ancestor = parent.parentId; ancestor !== null; ancestor = core.state.issueById(ancestor)?.issue.parentId ?? null) {
    if (ancestor === child.id) throw fail('Adding this sub-issue would create a cycle');
    parentLevel += 1;
  }
  if (parent.subIssueIds.length >= 100) throw fail('Parent issue cannot have more than 100 sub-issues');
  if (parentLevel + 1 + levelsBelow(core, child) > MAX_SUB_ISSUE_LEVELS) throw fail(`Sub-issues cannot be nested more than ${MAX_SUB_ISSUE_LEVELS} levels deep`);
  if (child.parentId !== null) {
    const old = core.state.issueById(child.parentId);
    if (old) old.issue.subIssueIds = old.issue.subIssueIds.filter((id) => id !== child.id);
  }
  child.parentId = parent.id;
  parent.subIssueIds.push(child.id);
  const now = isoNow();
  parent.updatedAt = now;
  child.updatedAt = now;
  core.emit(
    makeEvent<Extract<EmulatorEvent, { name: 'sub_issues' }>>('sub_issues', {
      action: 'sub_issue_added',
      parent_issue_id: parent.id,
      parent_issue: presentIssue(core, repo, parent),
      parent_issue_repo: repoEventBase(core, repo, sender).repository,
      sub_issue_id: child.id,
      sub_issue: presentIssue(core, found.repo, child),
      ...repoEventBase(core, repo, sender),
    }),
  );
  return parent;
}

/** Levels of sub-issues in all, the top issue included (GitHub: "up to eight levels"). */
const MAX_SUB_ISSUE_LEVELS = 8;

function levelsBelow(core: Core, issue: IssueState): number {
  let deepest = 0;
  for (const id of issue.subIssueIds) {
    const child = core.state.issueById(id)?.issue;
    if (child) deepest = Math.max(deepest, 1 + levelsBelow(core, child));
  }
  return deepest;
}

export function removeSubIssue(core: Core, repo: RepoState, parent: IssueState, subIssueId: number, sender: Account): IssueState {
  const found = core.state.issueById(subIssueId);
  if (!found || found.issue.parentId !== parent.id) {
    throw new HttpError(404, 'Not Found', { documentationUrl: 'https://docs.github.com/rest/issues/sub-issues#remove-sub-issue' });
  }
  found.issue.parentId = null;
  parent.subIssueIds = parent.subIssueIds.filter((id) => id !== subIssueId);
  const now = isoNow();
  parent.updatedAt = now;
  found.issue.updatedAt = now;
  core.emit(
    makeEvent<Extract<EmulatorEvent, { name: 'sub_issues' }>>('sub_issues', {
      action: 'sub_issue_removed',
      parent_issue_id: parent.id,
      parent_issue: presentIssue(core, repo, parent),
      parent_issue_repo: repoEventBase(core, repo, sender).repository,
      sub_issue_id: found.issue.id,
      sub_issue: presentIssue(core, found.repo, found.issue),
      ...repoEventBase(core, repo, sender),
    }),
  );
  return parent;
}
