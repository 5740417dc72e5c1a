import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { expectBatchRoundTrips, expectSingleItemRoundTrip, expectStrikeAndRefRoundTrips, listItems, sampleIndexes, toCrlf, toTabs } from './rewrite-helpers.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const seedsDir = path.join(repoRoot, 'seeds');

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
        expectStrikeAndRefRoundTrips(text, items);
        for (const i of sampleIndexes(items.length, 4)) expectSingleItemRoundTrip(text, i, items);
      });
    }
  }
});
