import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { expectBatchRoundTrips, expectSingleItemRoundTrip, listItems, toCrlf, toTabs } from './rewrite-helpers.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const seedsDir = path.join(repoRoot, 'seeds');
const corpusDir = path.resolve(repoRoot, '..', 'shared', 'corpus', 'files');

const seeds = readdirSync(seedsDir, { withFileTypes: true })
  .filter((entry) => entry.isFile())
  .map((entry) => entry.name)
  .sort();

const variants: ReadonlyArray<readonly [string, (text: string) => string]> = [
  ['as is', (text) => text],
  ['CRLF', toCrlf],
  ['tab-indented', toTabs],
  ['tab-indented CRLF', (text) => toCrlf(toTabs(text))],
];

/** Single-item round trips re-parse the whole file twice each: a spread-out sample keeps it fast. */
function sampleIndexes(count: number, max: number): number[] {
  if (count <= max) return Array.from({ length: count }, (_, i) => i);
  return Array.from({ length: max }, (_, k) => Math.floor((k * (count - 1)) / (max - 1)));
}

describe('checkbox round trips on the seeds', () => {
  it('has the five seeds', () => {
    expect(seeds).toHaveLength(5);
  });
  for (const name of seeds) {
    for (const [label, variant] of variants) {
      it(`${name} (${label})`, () => {
        const text = variant(readFileSync(path.join(seedsDir, name), 'utf8'));
        const items = listItems(text);
        expect(items.length).toBeGreaterThan(0);
        expectBatchRoundTrips(text, items);
        for (const i of sampleIndexes(items.length, 4)) expectSingleItemRoundTrip(text, i, items);
      });
    }
  }
});

const corpusFiles = existsSync(corpusDir) ? readdirSync(corpusDir).sort() : [];

describe.skipIf(corpusFiles.length === 0)('checkbox round trips on the real corpus (../shared/corpus)', () => {
  for (const name of corpusFiles) {
    it(name, () => {
      const text = readFileSync(path.join(corpusDir, name), 'utf8');
      const items = listItems(text);
      expectBatchRoundTrips(text, items);
      for (const i of sampleIndexes(items.length, 2)) expectSingleItemRoundTrip(text, i, items);
    });
  }
});

if (corpusFiles.length === 0) {
  describe('real corpus', () => {
    it.skip(`skipped: no corpus at ${corpusDir}`, () => {});
  });
}
