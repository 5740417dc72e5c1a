import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Emulator } from '@roadmap-sync/github-emulator';
import { readMarker } from '../../src/core/sync/issue-body.js';
import type { AppHarness } from './app-harness.js';

export const SEEDS_DIR = join(import.meta.dirname, '..', '..', 'seeds');

export function seedFiles(): Array<{ name: string; text: string }> {
  return readdirSync(SEEDS_DIR)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((name) => ({ name, text: readFileSync(join(SEEDS_DIR, name), 'utf8') }));
}

export const SEEDS_CONFIG = readFileSync(join(SEEDS_DIR, '.github', 'roadmap-sync.yml'), 'utf8');

/** Creates the repository, installs the app on it and waits for the first converge. */
export async function installRepo(h: AppHarness, owner: string, name: string, files: Record<string, string>): Promise<void> {
  h.emulator.createRepo({ owner, name, files });
  h.emulator.installApp({ owner, repos: [name] });
  await h.settle();
}

export function managedIssues(emulator: Emulator, owner: string, repo: string) {
  return emulator.getIssues(owner, repo).filter((i) => readMarker(i.body) !== null);
}

export function commitMessages(emulator: Emulator, owner: string, repo: string, branch = 'main'): string[] {
  return emulator.listCommits(owner, repo, branch).map((c) => c.message);
}

export function checkboxCommits(emulator: Emulator, owner: string, repo: string, branch = 'main'): string[] {
  return commitMessages(emulator, owner, repo, branch).filter((m) => m.startsWith('roadmap: '));
}

/** A roadmap of n checkbox items under one milestone heading. */
export function checklist(n: number, title = 'Task'): string {
  const lines = ['# Roadmap', '', '## v1.0', ''];
  for (let i = 1; i <= n; i += 1) lines.push(`- [ ] ${title} number ${i} of the plan`);
  return `${lines.join('\n')}\n`;
}

/** Creates a branch at another branch's head through the REST API, as a person would. */
export async function createBranch(emulator: Emulator, owner: string, repo: string, branch: string, from = 'main'): Promise<void> {
  const token = `person-${owner}`;
  emulator.addToken(token, owner);
  const response = await fetch(`${emulator.url}/repos/${owner}/${repo}/git/refs`, {
    method: 'POST',
    headers: { authorization: `token ${token}`, 'content-type': 'application/json', accept: 'application/vnd.github+json' },
    body: JSON.stringify({ ref: `refs/heads/${branch}`, sha: emulator.branchSha(owner, repo, from) }),
  });
  if (response.status !== 201) throw new Error(`creating ${branch}: ${response.status} ${await response.text()}`);
}

/** Requests the app made to the emulator since `from` (an index into the request log). */
export function requestsSince(emulator: Emulator, from: number) {
  return emulator.log.entries().slice(from);
}
