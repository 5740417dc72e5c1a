/**
 * Identity under random edit sequences on real roadmaps (the seeds): duplicate and near-duplicate
 * lines inserted anywhere, blocks moved, lines reworded, deleted and checked, numbers cited
 * (missing, the app's own, a person's issue, a pull request, the same one twice). After every
 * edit: the plan keeps the one-item-one-issue invariant, a person's issue is never rewritten, and
 * a converge with no change writes nothing.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseConfigText } from '../src/core/config/config.js';
import { SimulatedGitHub } from './helpers/simulated-github.js';

const SEEDS = path.resolve(import.meta.dirname, '..', 'seeds');
const config = parseConfigText(`${readFileSync(path.join(SEEDS, '.github/roadmap-sync.yml'), 'utf8')}\nbulk:\n  confirm: true\n`);
/** The first lines of each seed: the property explores edits, not size. */
const seeds = ['000_73e3fa0e1b9c444b.txt', '001_09ce0ff9edf03996.txt', '002_3d79c40ae97b78a9.txt', '003_4b2d3b25416997be.txt', '004_b8f00627e447448f.txt'].map((name) => ({
  name,
  text: `${readFileSync(path.join(SEEDS, name), 'utf8').split('\n').slice(0, 70).join('\n')}\n`,
}));

const ITEM = /^(\s*)([-*+]|\d+[.)])\s+/u;

type Edit =
  | { kind: 'dup' | 'near'; from: number; at: number }
  | { kind: 'move'; from: number; length: number; to: number }
  | { kind: 'reword' | 'delete' | 'check'; line: number; word: string }
  | { kind: 'cite'; line: number; target: 'missing' | 'own' | 'person' | 'pull' | 'repeat' };

const edit: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({ kind: fc.constantFrom('dup' as const, 'near' as const), from: fc.nat(), at: fc.nat() }),
  fc.record({ kind: fc.constant('move' as const), from: fc.nat(), length: fc.integer({ min: 1, max: 4 }), to: fc.nat() }),
  fc.record({ kind: fc.constantFrom('reword' as const, 'delete' as const, 'check' as const), line: fc.nat(), word: fc.constantFrom('faster', 'v2', 'again', 'for teams', 'properly') }),
  fc.record({ kind: fc.constant('cite' as const), line: fc.nat(), target: fc.constantFrom('missing' as const, 'own' as const, 'person' as const, 'pull' as const, 'repeat' as const) }),
);

interface Run {
  gh: SimulatedGitHub;
  file: string;
  lastCited: number | null;
  /** A person's issues: their title and text must never change. */
  persons: Map<number, { title: string; body: string }>;
}

function applyEdit(run: Run, e: Edit): void {
  const lines = (run.gh.files.get(run.file) as string).split('\n');
  const items = lines.flatMap((line, i) => (ITEM.test(line) ? [i] : []));
  const pick = (n: number): number | undefined => items[n % Math.max(1, items.length)];
  switch (e.kind) {
    case 'dup':
    case 'near': {
      const from = pick(e.from);
      if (from === undefined) return;
      const source = lines[from] as string;
      const copy = e.kind === 'dup' ? source : source.replace(/\b([a-z])/gu, (c) => c.toUpperCase()).replace(/\s*$/u, '.');
      lines.splice(e.at % (lines.length + 1), 0, copy);
      break;
    }
    case 'move': {
      const from = e.from % lines.length;
      const block = lines.splice(from, e.length);
      lines.splice(e.to % (lines.length + 1), 0, ...block);
      break;
    }
    case 'reword': {
      const at = pick(e.line);
      if (at !== undefined) lines[at] = `${lines[at]} ${e.word}`;
      break;
    }
    case 'delete': {
      const at = pick(e.line);
      if (at !== undefined) lines.splice(at, 1);
      break;
    }
    case 'check': {
      const at = pick(e.line);
      if (at === undefined) return;
      const line = lines[at] as string;
      lines[at] = /\[[xX]\]/u.test(line) ? line.replace(/\[[xX]\]/u, '[ ]') : /\[ \]/u.test(line) ? line.replace('[ ]', '[x]') : line.replace(ITEM, '$1$2 [x] ');
      break;
    }
    case 'cite': {
      const at = pick(e.line);
      if (at === undefined) return;
      let n: number;
      if (e.target === 'missing') n = 90_000 + at;
      else if (e.target === 'pull') n = run.gh.openPullRequest();
      else if (e.target === 'person') {
        const title = `A person's report ${run.persons.size + 1}`;
        const body = 'Reported by a user.\nSteps to reproduce below.';
        n = run.gh.createPersonIssue(title, body);
        run.persons.set(n, { title, body });
      } else if (e.target === 'repeat' && run.lastCited !== null) n = run.lastCited;
      else {
        const own = run.gh.issues.filter((i) => i.marker !== null);
        if (own.length === 0) return;
        n = (own[at % own.length] as (typeof own)[number]).number;
      }
      run.lastCited = n;
      lines[at] = `${(lines[at] as string).replace(/\s*$/u, '')} (#${n})`;
      break;
    }
  }
  run.gh.push(run.file, lines.join('\n'));
}

function converge(run: Run, step: string): void {
  const plan = run.gh.plan();
  expect(plan.blocked, `${step}: ${plan.notes.map((n) => n.message).join('; ')}`).toBeNull();
  // An issue changing hands takes the title of another item that still has its own issue.
  const openTitles = new Map(run.gh.issues.filter((i) => i.state === 'open' && i.marker).map((i) => [i.number, i.title]));
  for (const op of plan.ops) {
    if (op.kind !== 'update-issue' || op.changes.title === undefined) continue;
    const taken = [...openTitles].find(([number, title]) => number !== op.number && title === op.changes.title);
    expect(taken, `${step}: #${op.number} retitled to "${op.changes.title}", the title of #${taken?.[0]}`).toBeUndefined();
  }
  run.gh.apply(plan);
  const again = run.gh.plan();
  expect(again.ops, `${step}: a converge with no change must write nothing`).toEqual([]);
  // One open managed issue per item, and a person's issue as the person wrote it.
  const keys = run.gh.issues.filter((i) => i.state === 'open' && i.marker && !i.marker.adopted).map((i) => `${i.marker?.file}\0${i.marker?.key}`);
  expect(new Set(keys).size, `${step}: two open issues share an item`).toBe(keys.length);
  for (const [number, original] of run.persons) {
    const now = run.gh.issue(number);
    expect(now.title, `${step}: #${number} retitled`).toBe(original.title);
    expect(now.body.startsWith(original.body), `${step}: #${number}'s text rewritten`).toBe(true);
  }
}

describe('identity under random edits', () => {
  // About 10 s on a quiet machine; the timeout leaves room for a busy one.
  it('keeps one issue per item, never rewrites a person\'s issue, and a no-change converge writes nothing', { timeout: 120_000 }, () => {
    fc.assert(
      fc.property(fc.constantFrom(...seeds), fc.array(edit, { minLength: 1, maxLength: 6 }), (seed, edits) => {
        const run: Run = { gh: new SimulatedGitHub(config, { [seed.name]: seed.text }), file: seed.name, lastCited: null, persons: new Map() };
        converge(run, 'install');
        edits.forEach((e, i) => {
          applyEdit(run, e);
          converge(run, `edit ${i + 1} ${JSON.stringify(e)}`);
        });
      }),
      {
        numRuns: 40,
        // Counterexamples found by random seeds, replayed on every run.
        examples: [
          // FC_SEED=303: checking a numbered bold item turned its sub-bullets into its body; the
          // removed sub-item's marker moved to the new version, where a duplicate line now had its
          // key, and the next converge closed that line's issue as a duplicate of the removed one.
          [seeds[0] as (typeof seeds)[number], [{ kind: 'dup', from: 506053493, at: 454256369 }, { kind: 'check', line: 1659362023, word: 'faster' }]],
          // FC_SEED=808: the same, in another seed.
          [
            seeds[3] as (typeof seeds)[number],
            [
              { kind: 'dup', from: 1361999024, at: 984342075 },
              { kind: 'dup', from: 0, at: 0 },
              { kind: 'check', line: 878720926, word: 'faster' },
              { kind: 'cite', line: 0, target: 'missing' },
            ],
          ],
        ],
      },
    );
  });
});
