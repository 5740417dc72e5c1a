/**
 * The bounds that keep hostile input cheap must not get in the way of real input: the parse
 * limits accept every real roadmap we have, the regex check accepts the default patterns and
 * refuses the catastrophic shapes, and the linear glob matcher agrees with picomatch on the globs
 * and paths roadmaps use.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import picomatch from 'picomatch';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, DEFAULT_FILES } from '../src/core/config/config.js';
import { compileGlobs } from '../src/core/roadmap/glob.js';
import { checkParseLimits } from '../src/core/roadmap/parse-limits.js';
import { regexHazard } from '../src/core/roadmap/regex-hazard.js';
import { seedFiles } from './helpers/app-fixtures.js';

const CORPUS = join(import.meta.dirname, '..', '..', 'shared', 'corpus', 'files');

describe('parse limits', () => {
  it('accept every seed and corpus roadmap', () => {
    const files = seedFiles().map((f) => ({ name: f.name, text: f.text }));
    if (existsSync(CORPUS)) for (const name of readdirSync(CORPUS)) files.push({ name, text: readFileSync(join(CORPUS, name), 'utf8') });
    else console.info('[corpus] ../shared/corpus is absent: only the seeds are checked');
    for (const { name, text } of files) expect(checkParseLimits(text), name).toBeNull();
  });
});

describe('regex hazards', () => {
  it('accept the default patterns and common safe ones', () => {
    const defaults = [...DEFAULT_CONFIG.headings.milestone, ...DEFAULT_CONFIG.headings.priority, ...DEFAULT_CONFIG.skip.sections, ...DEFAULT_CONFIG.skip.context];
    for (const p of [...defaults, 'acknowledg(e)?ments', '^v\\d+(\\.\\d+)?$', '[ab]+c', '\\p{L}{2,}', '^(?:alpha|beta)\\b', '(?<year>\\d{4})', 'a{2}b?']) {
      expect(regexHazard(p), p).toBeNull();
    }
  });

  it.each([
    ['^(a+)+$', 'repeated group'],
    ['^((a+))+$', 'repeated group'],
    ['^(?:a|aa)*$', 'repeated group'],
    ['(x+x+)+y', 'repeated group'],
    ['^(\\w+\\s?)*$', 'repeated group'],
    ['(.*a){12}', 'repeated group'],
    ['^\\w*\\w*\\w*\\w*!$', 'more than 3'],
    ['(\\w)\\1+', 'backreferences'],
    ['(?<w>a)\\k<w>', 'backreferences'],
  ])('refuses %s', (pattern, why) => {
    expect(regexHazard(pattern)).toContain(why);
  });
});

describe('glob matching', () => {
  const segment = fc.constantFrom('ROADMAP.md', 'roadmap.md', 'TODO', 'todo.md', 'TODO-list.md', 'FUTURE_PLANS.md', 'Backlog.md', 'docs', 'node_modules', 'vendor', 'CHANGELOG.md', 'a', '.github', 'road_map_v2.md', 'notes.txt', 'PENDING_FEATURES.md', 'sub.dir');
  const path = fc.array(segment, { minLength: 1, maxLength: 5 }).map((s) => s.join('/'));
  const globs = [...DEFAULT_FILES, ...DEFAULT_CONFIG.exclude, '*.txt', 'docs/{a,sub.dir}/*.md', '**/[rt]*.md', 'a/**', '**/.github/**', '**/?odo*'];

  it('agrees with picomatch (nocase, dot) on the globs and paths roadmaps use', () => {
    const theirs = globs.map((g) => picomatch(g, { nocase: true, dot: true }));
    const ours = globs.map((g) => compileGlobs([g]));
    fc.assert(
      fc.property(path, (p) => {
        for (let i = 0; i < globs.length; i += 1) expect(ours[i]?.(p), `${globs[i]} vs ${p}`).toBe(theirs[i]?.(p));
      }),
      { numRuns: 2_000 },
    );
  });

  it('stays linear on globs and paths picomatch cannot finish', () => {
    const match = compileGlobs(['**/*a*a*a*a*a*a*a*a*a*a*a*a*b.md']);
    const started = performance.now();
    for (let i = 0; i < 100; i += 1) expect(match(`${'a/'.repeat(100)}${'a'.repeat(1_000)}.md`)).toBe(false);
    expect(performance.now() - started).toBeLessThan(5_000);
  });
});
