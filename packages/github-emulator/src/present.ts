/**
 * Renders state as GitHub's REST JSON. Each function `satisfies` the matching schema from
 * @octokit/openapi-types (generated from GitHub's OpenAPI description), so the compiler checks that
 * every field GitHub documents as required is there with the right type.
 */
import type { components } from '@octokit/openapi-types';
import type {
  Account,
  AppInfo,
  CheckRunState,
  CommentState,
  EmulatorState,
  InstallationState,
  IssueState,
  LabelState,
  MilestoneState,
  PullState,
  RepoState,
} from './state.js';
import type { GitCommit } from './git-store.js';
import { unifiedPatch } from './unified-patch.js';

type S = components['schemas'];

export interface Urls {
  /** REST base, e.g. http://127.0.0.1:3000/api/v3 (no trailing slash). */
  readonly api: string;
  /** Web base, e.g. http://127.0.0.1:3000. */
  readonly html: string;
}

export interface Presenter {
  readonly urls: Urls;
  readonly state: EmulatorState;
}

export function presentUser(p: Presenter, a: Account): S['simple-user'] {
  const api = `${p.urls.api}/users/${a.login}`;
  return {
    login: a.login,
    id: a.id,
    node_id: a.nodeId,
    avatar_url: `${p.urls.html}/avatars/u/${a.id}?v=4`,
    gravatar_id: '',
    url: api,
    html_url: a.type === 'Bot' ? `${p.urls.html}/apps/${a.login.replace(/\[bot\]$/, '')}` : `${p.urls.html}/${a.login}`,
    followers_url: `${api}/followers`,
    following_url: `${api}/following{/other_user}`,
    gists_url: `${api}/gists{/gist_id}`,
    starred_url: `${api}/starred{/owner}{/repo}`,
    subscriptions_url: `${api}/subscriptions`,
    organizations_url: `${api}/orgs`,
    repos_url: `${api}/repos`,
    events_url: `${api}/events{/privacy}`,
    received_events_url: `${api}/received_events`,
    type: a.type,
    site_admin: false,
  } satisfies S['simple-user'];
}

export function repoApiUrl(p: Presenter, r: RepoState): string {
  return `${p.urls.api}/repos/${r.owner.login}/${r.name}`;
}

export function repoHtmlUrl(p: Presenter, r: RepoState): string {
  return `${p.urls.html}/${r.owner.login}/${r.name}`;
}

function openIssueCount(r: RepoState): number {
  let n = 0;
  for (const i of r.issues.values()) if (i.state === 'open') n++;
  return n;
}

export function presentMinimalRepo(p: Presenter, r: RepoState): S['minimal-repository'] {
  const api = repoApiUrl(p, r);
  return {
    id: r.id,
    node_id: r.nodeId,
    name: r.name,
    full_name: `${r.owner.login}/${r.name}`,
    private: r.private,
    owner: presentUser(p, r.owner),
    html_url: repoHtmlUrl(p, r),
    description: null,
    fork: r.fork,
    url: api,
    archive_url: `${api}/{archive_format}{/ref}`,
    assignees_url: `${api}/assignees{/user}`,
    blobs_url: `${api}/git/blobs{/sha}`,
    branches_url: `${api}/branches{/branch}`,
    collaborators_url: `${api}/collaborators{/collaborator}`,
    comments_url: `${api}/comments{/number}`,
    commits_url: `${api}/commits{/sha}`,
    compare_url: `${api}/compare/{base}...{head}`,
    contents_url: `${api}/contents/{+path}`,
    contributors_url: `${api}/contributors`,
    deployments_url: `${api}/deployments`,
    downloads_url: `${api}/downloads`,
    events_url: `${api}/events`,
    forks_url: `${api}/forks`,
    git_commits_url: `${api}/git/commits{/sha}`,
    git_refs_url: `${api}/git/refs{/sha}`,
    git_tags_url: `${api}/git/tags{/sha}`,
    git_url: `${p.urls.html.replace(/^https?/, 'git')}/${r.owner.login}/${r.name}.git`,
    hooks_url: `${api}/hooks`,
    issue_comment_url: `${api}/issues/comments{/number}`,
    issue_events_url: `${api}/issues/events{/number}`,
    issues_url: `${api}/issues{/number}`,
    keys_url: `${api}/keys{/key_id}`,
    labels_url: `${api}/labels{/name}`,
    languages_url: `${api}/languages`,
    merges_url: `${api}/merges`,
    milestones_url: `${api}/milestones{/number}`,
    notifications_url: `${api}/notifications{?since,all,participating}`,
    pulls_url: `${api}/pulls{/number}`,
    releases_url: `${api}/releases{/id}`,
    ssh_url: `git@${new URL(p.urls.html).host}:${r.owner.login}/${r.name}.git`,
    stargazers_url: `${api}/stargazers`,
    statuses_url: `${api}/statuses/{sha}`,
    subscribers_url: `${api}/subscribers`,
    subscription_url: `${api}/subscription`,
    tags_url: `${api}/tags`,
    teams_url: `${api}/teams`,
    trees_url: `${api}/git/trees{/sha}`,
    clone_url: `${repoHtmlUrl(p, r)}.git`,
    mirror_url: null,
    svn_url: repoHtmlUrl(p, r),
    homepage: null,
    language: null,
    forks_count: 0,
    stargazers_count: 0,
    watchers_count: 0,
    size: 0,
    default_branch: r.defaultBranch,
    open_issues_count: openIssueCount(r),
    is_template: false,
    topics: [],
    has_issues: true,
    has_projects: true,
    has_wiki: true,
    has_pages: false,
    has_downloads: true,
    has_discussions: false,
    archived: false,
    disabled: false,
    visibility: r.private ? 'private' : 'public',
    pushed_at: r.pushedAt,
    created_at: r.createdAt,
    updated_at: r.updatedAt,
    permissions: { admin: false, maintain: false, push: true, triage: true, pull: true },
    license: null,
    forks: 0,
    open_issues: openIssueCount(r),
    watchers: 0,
    allow_forking: true,
    web_commit_signoff_required: false,
  } satisfies S['minimal-repository'];
}

export function presentRepoAsRepository(p: Presenter, r: RepoState): S['repository'] {
  const m = presentMinimalRepo(p, r);
  return {
    ...m,
    description: null,
    git_url: m.git_url ?? '',
    ssh_url: m.ssh_url ?? '',
    clone_url: m.clone_url ?? '',
    svn_url: m.svn_url ?? '',
    mirror_url: null,
    homepage: null,
    language: null,
    forks: 0,
    forks_count: 0,
    stargazers_count: 0,
    watchers_count: 0,
    watchers: 0,
    size: 0,
    default_branch: r.defaultBranch,
    open_issues: openIssueCount(r),
    open_issues_count: openIssueCount(r),
    has_issues: true,
    has_projects: true,
    has_wiki: true,
    has_pages: false,
    has_discussions: false,
    has_downloads: true,
    archived: false,
    disabled: false,
    license: null,
    pushed_at: r.pushedAt,
    created_at: r.createdAt,
    updated_at: r.updatedAt,
    allow_rebase_merge: true,
    allow_squash_merge: true,
    allow_merge_commit: true,
    allow_auto_merge: false,
    delete_branch_on_merge: false,
    allow_update_branch: false,
    use_squash_pr_title_as_default: false,
    permissions: { admin: false, maintain: false, push: true, triage: true, pull: true },
    squash_merge_commit_title: 'COMMIT_OR_PR_TITLE',
    squash_merge_commit_message: 'COMMIT_MESSAGES',
    merge_commit_title: 'MERGE_MESSAGE',
    merge_commit_message: 'PR_TITLE',
  };
}

export function presentRepo(p: Presenter, r: RepoState): S['full-repository'] {
  const repo: S['full-repository'] = {
    ...presentRepoAsRepository(p, r),
    permissions: { admin: false, maintain: false, push: true, triage: true, pull: true },
    has_discussions: false,
    pushed_at: r.pushedAt,
    created_at: r.createdAt,
    updated_at: r.updatedAt,
    network_count: 0,
    subscribers_count: 0,
    custom_properties: {},
  };
  if (r.parent) {
    repo.parent = presentRepoAsRepository(p, r.parent);
    repo.source = presentRepoAsRepository(p, r.parent);
  }
  return repo;
}

export function presentLabel(p: Presenter, r: RepoState, l: LabelState): S['label'] {
  return {
    id: l.id,
    node_id: l.nodeId,
    url: `${repoApiUrl(p, r)}/labels/${encodeURIComponent(l.name)}`,
    name: l.name,
    color: l.color,
    default: l.default,
    description: l.description,
  } satisfies S['label'];
}

function issueCounts(r: RepoState, m: MilestoneState): { open: number; closed: number } {
  let open = 0;
  let closed = 0;
  for (const i of r.issues.values()) {
    if (i.milestone !== m) continue;
    if (i.state === 'open') open++;
    else closed++;
  }
  return { open, closed };
}

export function presentMilestone(p: Presenter, r: RepoState, m: MilestoneState): S['milestone'] {
  const counts = issueCounts(r, m);
  const url = `${repoApiUrl(p, r)}/milestones/${m.number}`;
  return {
    url,
    html_url: `${repoHtmlUrl(p, r)}/milestone/${m.number}`,
    labels_url: `${url}/labels`,
    id: m.id,
    node_id: m.nodeId,
    number: m.number,
    state: m.state,
    title: m.title,
    description: m.description,
    creator: presentUser(p, m.creator),
    open_issues: counts.open,
    closed_issues: counts.closed,
    created_at: m.createdAt,
    updated_at: m.updatedAt,
    closed_at: m.closedAt,
    due_on: m.dueOn,
  } satisfies S['milestone'];
}

export function presentIntegration(p: Presenter, app: AppInfo): S['integration'] {
  return {
    id: app.id,
    slug: app.slug,
    node_id: `A_kwDO${Buffer.from(String(app.id)).toString('base64url')}`,
    client_id: `Iv1.${app.id.toString(16).padStart(16, '0')}`,
    owner: presentUser(p, app.owner),
    name: app.name,
    description: 'Keeps markdown roadmaps and GitHub issues in step.',
    external_url: p.urls.html,
    html_url: `${p.urls.html}/apps/${app.slug}`,
    created_at: app.createdAt,
    updated_at: app.createdAt,
    permissions: { checks: 'write', contents: 'write', issues: 'write', metadata: 'read', pull_requests: 'write' },
    events: ['installation', 'installation_repositories', 'issues', 'pull_request', 'push'],
    installations_count: p.state.installations.size,
  } satisfies S['integration'];
}

export function subIssuesSummary(p: Presenter, i: IssueState): S['sub-issues-summary'] {
  const children = i.subIssueIds.map((id) => p.state.issueById(id)?.issue).filter((c) => c !== undefined);
  const completed = children.filter((c) => c.state === 'closed').length;
  const total = children.length;
  return { total, completed, percent_completed: total === 0 ? 0 : Math.floor((completed * 100) / total) };
}

function authorAssociation(r: RepoState, a: Account): 'OWNER' | 'NONE' | 'CONTRIBUTOR' {
  if (a.id === r.owner.id) return 'OWNER';
  return a.type === 'Bot' ? 'NONE' : 'CONTRIBUTOR';
}

export function presentIssue(p: Presenter, r: RepoState, i: IssueState): S['issue'] {
  const url = `${repoApiUrl(p, r)}/issues/${i.number}`;
  const htmlKind = i.pull ? 'pull' : 'issues';
  const parent = i.parentId === null ? undefined : p.state.issueById(i.parentId);
  const issue: S['issue'] = {
    url,
    repository_url: repoApiUrl(p, r),
    labels_url: `${url}/labels{/name}`,
    comments_url: `${url}/comments`,
    events_url: `${url}/events`,
    html_url: `${repoHtmlUrl(p, r)}/${htmlKind}/${i.number}`,
    id: i.id,
    node_id: i.nodeId,
    number: i.number,
    title: i.title,
    user: presentUser(p, i.user),
    labels: i.labels.map((l) => presentLabel(p, r, l)),
    state: i.state,
    locked: i.locked,
    assignee: i.assignees[0] ? presentUser(p, i.assignees[0]) : null,
    assignees: i.assignees.map((a) => presentUser(p, a)),
    milestone: i.milestone ? presentMilestone(p, r, i.milestone) : null,
    comments: r.comments.filter((c) => c.issueNumber === i.number).length,
    created_at: i.createdAt,
    updated_at: i.updatedAt,
    closed_at: i.closedAt,
    author_association: authorAssociation(r, i.user),
    active_lock_reason: null,
    body: i.body,
    closed_by: i.closedBy ? presentUser(p, i.closedBy) : null,
    reactions: {
      url: `${url}/reactions`,
      total_count: 0,
      '+1': 0,
      '-1': 0,
      laugh: 0,
      hooray: 0,
      confused: 0,
      heart: 0,
      rocket: 0,
      eyes: 0,
    },
    timeline_url: `${url}/timeline`,
    performed_via_github_app: i.viaApp ? presentIntegration(p, p.state.app) : null,
    state_reason: i.stateReason,
    sub_issues_summary: subIssuesSummary(p, i),
  };
  // Listed with null when there is none, next to sub_issues_summary, as GitHub's issue objects are.
  issue.parent_issue_url = parent ? `${repoApiUrl(p, parent.repo)}/issues/${parent.issue.number}` : null;
  if (i.pull) {
    const pullUrl = `${repoHtmlUrl(p, r)}/pull/${i.number}`;
    issue.draft = i.pull.draft;
    issue.pull_request = {
      url: `${repoApiUrl(p, r)}/pulls/${i.number}`,
      html_url: pullUrl,
      diff_url: `${pullUrl}.diff`,
      patch_url: `${pullUrl}.patch`,
      merged_at: i.pull.mergedAt,
    };
  }
  return issue;
}

export function presentComment(p: Presenter, r: RepoState, c: CommentState): S['issue-comment'] {
  const url = `${repoApiUrl(p, r)}/issues/comments/${c.id}`;
  return {
    id: c.id,
    node_id: c.nodeId,
    url,
    html_url: `${repoHtmlUrl(p, r)}/issues/${c.issueNumber}#issuecomment-${c.id}`,
    issue_url: `${repoApiUrl(p, r)}/issues/${c.issueNumber}`,
    body: c.body,
    user: presentUser(p, c.user),
    created_at: c.createdAt,
    updated_at: c.updatedAt,
    author_association: authorAssociation(r, c.user),
    performed_via_github_app: c.viaApp ? presentIntegration(p, p.state.app) : null,
    reactions: {
      url: `${url}/reactions`,
      total_count: 0,
      '+1': 0,
      '-1': 0,
      laugh: 0,
      hooray: 0,
      confused: 0,
      heart: 0,
      rocket: 0,
      eyes: 0,
    },
  } satisfies S['issue-comment'];
}

function branchLabel(r: RepoState, ref: string): string {
  return `${r.owner.login}:${ref}`;
}

export function presentPull(p: Presenter, r: RepoState, i: IssueState): S['pull-request'] {
  const pull = i.pull;
  if (!pull) throw new Error(`#${i.number} is not a pull request`);
  const url = `${repoApiUrl(p, r)}/pulls/${i.number}`;
  const htmlUrl = `${repoHtmlUrl(p, r)}/pull/${i.number}`;
  const issueUrl = `${repoApiUrl(p, r)}/issues/${i.number}`;
  const files = pullFileCount(p, pull.baseSha, pull.headSha);
  const inBase = p.state.git.ancestors(pull.baseSha);
  const commits = p.state.git.log(pull.headSha).filter((c) => !inBase.has(c.sha)).length;
  return {
    url,
    id: pull.id,
    node_id: pull.nodeId,
    html_url: htmlUrl,
    diff_url: `${htmlUrl}.diff`,
    patch_url: `${htmlUrl}.patch`,
    issue_url: issueUrl,
    commits_url: `${url}/commits`,
    review_comments_url: `${url}/comments`,
    review_comment_url: `${repoApiUrl(p, r)}/pulls/comments{/number}`,
    comments_url: `${issueUrl}/comments`,
    statuses_url: `${repoApiUrl(p, pull.headRepo)}/statuses/${pull.headSha}`,
    number: i.number,
    state: i.state,
    locked: i.locked,
    title: i.title,
    user: presentUser(p, i.user),
    body: i.body,
    labels: i.labels.map((l) => presentLabel(p, r, l)),
    milestone: i.milestone ? presentMilestone(p, r, i.milestone) : null,
    active_lock_reason: null,
    created_at: i.createdAt,
    updated_at: i.updatedAt,
    closed_at: i.closedAt,
    merged_at: pull.mergedAt,
    merge_commit_sha: pull.mergeCommitSha,
    assignee: i.assignees[0] ? presentUser(p, i.assignees[0]) : null,
    assignees: i.assignees.map((a) => presentUser(p, a)),
    requested_reviewers: [],
    requested_teams: [],
    head: {
      label: branchLabel(pull.headRepo, pull.headRef),
      ref: pull.headRef,
      sha: pull.headSha,
      user: presentUser(p, pull.headRepo.owner),
      repo: presentRepoAsRepository(p, pull.headRepo),
    },
    base: {
      label: branchLabel(r, pull.baseRef),
      ref: pull.baseRef,
      sha: pull.baseSha,
      user: presentUser(p, r.owner),
      repo: presentRepoAsRepository(p, r),
    },
    _links: {
      self: { href: url },
      html: { href: htmlUrl },
      issue: { href: issueUrl },
      comments: { href: `${issueUrl}/comments` },
      review_comments: { href: `${url}/comments` },
      review_comment: { href: `${repoApiUrl(p, r)}/pulls/comments{/number}` },
      commits: { href: `${url}/commits` },
      statuses: { href: `${repoApiUrl(p, pull.headRepo)}/statuses/${pull.headSha}` },
    },
    author_association: authorAssociation(r, i.user),
    auto_merge: null,
    draft: pull.draft,
    merged: pull.merged,
    ...mergeability(p, r, i, pull),
    merged_by: pull.mergedBy ? presentUser(p, pull.mergedBy) : null,
    comments: r.comments.filter((c) => c.issueNumber === i.number).length,
    review_comments: 0,
    maintainer_can_modify: false,
    commits,
    additions: files.additions,
    deletions: files.deletions,
    changed_files: files.changed,
  } satisfies S['pull-request'];
}

function mergeability(p: Presenter, r: RepoState, i: IssueState, pull: PullState): { mergeable: boolean | null; rebaseable: boolean | null; mergeable_state: string } {
  if (pull.merged || i.state === 'closed' || !pull.mergeabilityKnown) return { mergeable: null, rebaseable: null, mergeable_state: 'unknown' };
  const baseHead = r.refs.get(`heads/${pull.baseRef}`);
  const clean = baseHead !== undefined && p.state.git.mergeCommits(baseHead, pull.headSha) !== undefined;
  return { mergeable: clean, rebaseable: clean, mergeable_state: clean ? 'clean' : 'dirty' };
}

/** The list form (`pull-request-simple`) drops the counters of the single-pull form. */
export function presentPullSimple(p: Presenter, r: RepoState, i: IssueState): S['pull-request-simple'] {
  const {
    merged: _m,
    mergeable: _ma,
    rebaseable: _rb,
    mergeable_state: _ms,
    merged_by: _mb,
    comments: _c,
    review_comments: _rc,
    maintainer_can_modify: _mcm,
    commits: _co,
    additions: _a,
    deletions: _d,
    changed_files: _cf,
    ...simple
  } = presentPull(p, r, i);
  // pull-request-simple types a label description as a non-null string.
  return {
    ...simple,
    labels: simple.labels.map((l) => ({ ...l, description: l.description ?? '' })),
    requested_teams: [],
  };
}

export interface FileDiff {
  readonly filename: string;
  readonly status: 'added' | 'removed' | 'modified';
  readonly sha: string;
  readonly additions: number;
  readonly deletions: number;
  readonly patch: string;
}

export function diffCommits(p: Presenter, baseSha: string, headSha: string): FileDiff[] {
  const git = p.state.git;
  const baseTree = git.commit(baseSha)?.tree;
  const headTree = git.commit(headSha)?.tree;
  const before = new Map((baseTree ? git.flatten(baseTree) : []).map((f) => [f.path, f.sha]));
  const after = new Map((headTree ? git.flatten(headTree) : []).map((f) => [f.path, f.sha]));
  const text = (sha: string | undefined): string => (sha ? (git.blob(sha)?.content.toString('utf8') ?? '') : '');
  const out: FileDiff[] = [];
  for (const path of [...new Set([...before.keys(), ...after.keys()])].sort()) {
    const a = before.get(path);
    const b = after.get(path);
    if (a === b) continue;
    const d = unifiedPatch(text(a), text(b));
    const status = a === undefined ? 'added' : b === undefined ? 'removed' : 'modified';
    out.push({ filename: path, status, sha: b ?? a ?? '', ...d });
  }
  return out;
}

function pullFileCount(p: Presenter, baseSha: string, headSha: string): { additions: number; deletions: number; changed: number } {
  const base = p.state.git.mergeBase(baseSha, headSha) ?? baseSha;
  const diffs = diffCommits(p, base, headSha);
  return {
    additions: diffs.reduce((n, d) => n + d.additions, 0),
    deletions: diffs.reduce((n, d) => n + d.deletions, 0),
    changed: diffs.length,
  };
}

export function presentDiffEntry(p: Presenter, r: RepoState, headSha: string, d: FileDiff): S['diff-entry'] {
  return {
    sha: d.sha,
    filename: d.filename,
    status: d.status,
    additions: d.additions,
    deletions: d.deletions,
    changes: d.additions + d.deletions,
    blob_url: `${repoHtmlUrl(p, r)}/blob/${headSha}/${d.filename}`,
    raw_url: `${repoHtmlUrl(p, r)}/raw/${headSha}/${d.filename}`,
    contents_url: `${repoApiUrl(p, r)}/contents/${d.filename}?ref=${headSha}`,
    patch: d.patch,
  } satisfies S['diff-entry'];
}

export function presentGitCommit(p: Presenter, r: RepoState, c: GitCommit): S['git-commit'] {
  return {
    sha: c.sha,
    node_id: `C_kwDO${Buffer.from(c.sha.slice(0, 12)).toString('base64url')}`,
    url: `${repoApiUrl(p, r)}/git/commits/${c.sha}`,
    html_url: `${repoHtmlUrl(p, r)}/commit/${c.sha}`,
    author: { ...c.author },
    committer: { ...c.committer },
    tree: { sha: c.tree, url: `${repoApiUrl(p, r)}/git/trees/${c.tree}` },
    message: c.message,
    parents: c.parents.map((sha) => ({
      sha,
      url: `${repoApiUrl(p, r)}/git/commits/${sha}`,
      html_url: `${repoHtmlUrl(p, r)}/commit/${sha}`,
    })),
    verification: { verified: false, reason: 'unsigned', signature: null, payload: null, verified_at: null },
  } satisfies S['git-commit'];
}

/** The `commit` schema (GET /commits/{ref}, compare), with files when a diff is given. */
export function presentCommit(p: Presenter, r: RepoState, c: GitCommit, withFiles: boolean): S['commit'] {
  const api = repoApiUrl(p, r);
  const base: S['commit'] = {
    url: `${api}/commits/${c.sha}`,
    sha: c.sha,
    node_id: `C_kwDO${Buffer.from(c.sha.slice(0, 12)).toString('base64url')}`,
    html_url: `${repoHtmlUrl(p, r)}/commit/${c.sha}`,
    comments_url: `${api}/commits/${c.sha}/comments`,
    commit: {
      url: `${api}/git/commits/${c.sha}`,
      author: { ...c.author },
      committer: { ...c.committer },
      message: c.message,
      comment_count: 0,
      tree: { sha: c.tree, url: `${api}/git/trees/${c.tree}` },
      verification: { verified: false, reason: 'unsigned', signature: null, payload: null, verified_at: null },
    },
    author: null,
    committer: null,
    parents: c.parents.map((sha) => ({ sha, url: `${api}/commits/${sha}`, html_url: `${repoHtmlUrl(p, r)}/commit/${sha}` })),
  };
  const author = p.state.accounts.get(c.author.name.toLowerCase());
  if (author) base.author = presentUser(p, author);
  const committer = p.state.accounts.get(c.committer.name.toLowerCase());
  if (committer) base.committer = presentUser(p, committer);
  if (withFiles) {
    const diffs = diffCommits(p, c.parents[0] ?? '', c.sha);
    const additions = diffs.reduce((n, d) => n + d.additions, 0);
    const deletions = diffs.reduce((n, d) => n + d.deletions, 0);
    base.stats = { additions, deletions, total: additions + deletions };
    base.files = diffs.map((d) => presentDiffEntry(p, r, c.sha, d));
  }
  return base;
}

export function presentCheckRun(p: Presenter, r: RepoState, c: CheckRunState): S['check-run'] {
  const url = `${repoApiUrl(p, r)}/check-runs/${c.id}`;
  return {
    id: c.id,
    node_id: c.nodeId,
    head_sha: c.headSha,
    name: c.name,
    url,
    html_url: `${repoHtmlUrl(p, r)}/runs/${c.id}`,
    details_url: c.detailsUrl ?? `${repoHtmlUrl(p, r)}/runs/${c.id}`,
    external_id: c.externalId ?? '',
    status: c.status,
    conclusion: c.conclusion,
    started_at: c.startedAt,
    completed_at: c.completedAt,
    output: {
      title: c.output.title,
      summary: c.output.summary,
      text: c.output.text,
      annotations_count: 0,
      annotations_url: `${url}/annotations`,
    },
    check_suite: { id: c.id + 7 },
    app: presentIntegration(p, p.state.app),
    pull_requests: [],
  } satisfies S['check-run'];
}

export function presentInstallation(p: Presenter, inst: InstallationState): S['installation'] {
  return {
    id: inst.id,
    account: presentUser(p, inst.account),
    repository_selection: 'selected',
    access_tokens_url: `${p.urls.api}/app/installations/${inst.id}/access_tokens`,
    repositories_url: `${p.urls.api}/installation/repositories`,
    html_url: `${p.urls.html}/settings/installations/${inst.id}`,
    app_id: p.state.app.id,
    app_slug: p.state.app.slug,
    target_id: inst.account.id,
    target_type: inst.account.type === 'Organization' ? 'Organization' : 'User',
    permissions: { checks: 'write', contents: 'write', issues: 'write', metadata: 'read', pull_requests: 'write' },
    events: ['installation', 'installation_repositories', 'issues', 'pull_request', 'push'],
    created_at: inst.createdAt,
    updated_at: inst.createdAt,
    single_file_name: null,
    has_multiple_single_files: false,
    single_file_paths: [],
    suspended_by: null,
    suspended_at: null,
  } satisfies S['installation'];
}
