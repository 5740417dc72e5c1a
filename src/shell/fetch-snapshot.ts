import { readMarker } from '../core/sync/issue-body.js';
import type { Snapshot, SnapshotIssue, SnapshotLabel, SnapshotMilestone } from '../core/sync/model.js';
import { errorStatus, type GitHubClient, type RepoRef } from './client.js';
import { fetchPages } from './fetch-pages.js';

interface RestIssue {
  number: number;
  id: number;
  title: string;
  body?: string | null;
  state: string;
  state_reason?: string | null;
  labels: Array<string | { name?: string }>;
  milestone?: { number: number; title: string } | null;
  pull_request?: unknown;
  sub_issues_summary?: { total: number } | null;
  parent_issue_url?: string | null;
}

/**
 * Oldest first, so a newly created issue lands on the last page instead of shifting every page:
 * the pages before it keep their ETags and come back as free 304s on the next converge.
 */
const OLDEST_FIRST = { state: 'all', sort: 'created', direction: 'asc' } as const;

export function toSnapshotIssue(raw: RestIssue, repo: RepoRef): SnapshotIssue {
  return {
    number: raw.number,
    id: raw.id,
    title: raw.title,
    body: raw.body ?? '',
    state: raw.state === 'closed' ? 'closed' : 'open',
    stateReason: raw.state_reason ?? null,
    labels: raw.labels.map((l) => (typeof l === 'string' ? l : (l.name ?? ''))).filter(Boolean),
    milestone: raw.milestone ? { number: raw.milestone.number, title: raw.milestone.title } : null,
    marker: readMarker(raw.body),
    subIssueCount: raw.sub_issues_summary ? raw.sub_issues_summary.total : null,
    ...(raw.parent_issue_url !== undefined ? { parent: parentOf(raw.parent_issue_url, repo) } : {}),
  };
}

/** `https://api.github.com/repos/o/r/issues/7` → 7 when o/r is this repository. */
function parentOf(url: string | null, repo: RepoRef): number | 'elsewhere' | null {
  if (url === null) return null;
  const match = /\/repos\/([^/]+)\/([^/]+)\/issues\/(\d+)$/u.exec(url);
  if (!match || match[1]?.toLowerCase() !== repo.owner.toLowerCase() || match[2]?.toLowerCase() !== repo.repo.toLowerCase()) return 'elsewhere';
  return Number(match[3]);
}

/**
 * The managed issues (by label, state all, 100 a page, pull requests dropped: GitHub lists them
 * among issues), milestones (state all) and labels. ceil(N/100) + 2 requests for N managed issues.
 */
export async function fetchSnapshot(github: GitHubClient, repo: RepoRef, roadmapLabel: string): Promise<Snapshot> {
  const issues = await fetchPages<RestIssue>(github, 'GET /repos/{owner}/{repo}/issues', { ...repo, labels: roadmapLabel, ...OLDEST_FIRST });
  const milestones = await fetchPages<{ number: number; title: string; state: string; description?: string | null; due_on?: string | null }>(
    github,
    'GET /repos/{owner}/{repo}/milestones',
    { ...repo, state: 'all' },
  );
  const labels = await fetchPages<{ name: string; color: string; description?: string | null }>(github, 'GET /repos/{owner}/{repo}/labels', { ...repo });
  return {
    issues: issues.filter((i) => !i.pull_request).map((i) => toSnapshotIssue(i, repo)),
    milestones: milestones.map(
      (m): SnapshotMilestone => ({ number: m.number, title: m.title, state: m.state === 'closed' ? 'closed' : 'open', description: m.description ?? '', dueOn: m.due_on ? m.due_on.slice(0, 10) : null }),
    ),
    labels: labels.map((l): SnapshotLabel => ({ name: l.name, color: l.color, description: l.description ?? '' })),
    subIssues: new Map(),
    unparsedFiles: new Set(),
  };
}

/**
 * Issues that carry a roadmap marker but lost the label (a person removed it): read before any
 * issue is created, so a lost label never yields a duplicate. Costs a full listing, so it only
 * runs when the plan would create issues.
 */
export async function fetchMarkedIssues(github: GitHubClient, repo: RepoRef): Promise<SnapshotIssue[]> {
  const all = await fetchPages<RestIssue>(github, 'GET /repos/{owner}/{repo}/issues', { ...repo, ...OLDEST_FIRST });
  return all.filter((i) => !i.pull_request).map((i) => toSnapshotIssue(i, repo)).filter((i) => i.marker !== null);
}

/** Issues named by explicit references in the roadmap that the label listing did not return. */
export async function fetchIssuesByNumber(github: GitHubClient, repo: RepoRef, numbers: number[]): Promise<SnapshotIssue[]> {
  const out: SnapshotIssue[] = [];
  for (const issue_number of numbers) {
    try {
      const { data } = await github.request('GET /repos/{owner}/{repo}/issues/{issue_number}', { ...repo, issue_number });
      const raw = data as unknown as RestIssue;
      if (!raw.pull_request) out.push(toSnapshotIssue(raw, repo));
    } catch (error) {
      const status = errorStatus(error);
      if (status !== 404 && status !== 410) throw error;
    }
  }
  return out;
}

export async function fetchSubIssues(github: GitHubClient, repo: RepoRef, parents: number[]): Promise<Map<number, number[]>> {
  const out = new Map<number, number[]>();
  for (const issue_number of parents) {
    const children = await fetchPages<{ number: number }>(github, 'GET /repos/{owner}/{repo}/issues/{issue_number}/sub_issues', { ...repo, issue_number });
    out.set(issue_number, children.map((c) => c.number));
  }
  return out;
}
