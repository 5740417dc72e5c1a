import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'vitest';
import { expectBatchRoundTrips, expectSingleItemRoundTrip, expectStrikeAndRefRoundTrips, listItems, sampleIndexes } from './rewrite-helpers.js';

/** The real-roadmap corpus lives beside the project (never copied into it). */
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const corpusDir = path.join(path.resolve(repoRoot, '..', 'shared', 'corpus'), 'files');

const corpusFiles = existsSync(corpusDir) ? readdirSync(corpusDir).sort() : [];

describe.skipIf(corpusFiles.length === 0)('checkbox round trips on the real corpus (../shared/corpus)', () => {
  for (const name of corpusFiles) {
    it(name, () => {
      const text = readFileSync(path.join(corpusDir, name), 'utf8');
      const items = listItems(text);
      expectBatchRoundTrips(text, items);
      expectStrikeAndRefRoundTrips(text, items);
      for (const i of sampleIndexes(items.length, 2)) expectSingleItemRoundTrip(text, i, items);
    });
  }
});

if (corpusFiles.length === 0) {
  describe('real corpus', () => {
    it.skip(`skipped: no corpus at ${corpusDir}`, () => {});
  });
}
