import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../src/core/config/config.js';
import type { RoadmapFile } from '../src/core/roadmap/model.js';
import { parseRoadmapFile } from '../src/core/roadmap/parse.js';
import { CORPUS_READINGS, SEED_READINGS, type Reading } from './fixtures/corpus-readings.js';

/**
 * Every corpus file and every seed against a person's reading of it (test/fixtures/corpus-readings.ts):
 * the number of issues within 10 %, the milestones, three titles, a part that is not work, and no
 * title over 120 characters.
 */
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const corpusDir = path.join(path.resolve(repoRoot, '..', 'shared', 'corpus'), 'files');
const present = existsSync(corpusDir);
if (!present) console.warn(`corpus-readings: ${corpusDir} not found, the corpus readings are skipped (the seeds' still run)`);

const sha = (text: string): string => createHash('sha256').update(text).digest('hex').slice(0, 10);

function check(reading: Reading, file: RoadmapFile, hashed: boolean): void {
  const n = file.items.length;
  expect(n, `item count (a person counts ${reading.items})`).toBeGreaterThanOrEqual(reading.items * 0.9);
  expect(n, `item count (a person counts ${reading.items})`).toBeLessThanOrEqual(reading.items * 1.1);
  const milestones = file.milestones.map((m) => (hashed ? sha(m.title) : m.title));
  expect(milestones, 'milestones').toEqual(reading.milestones);
  for (const spot of reading.spots) {
    const item = file.items.find((i) => i.line === spot.line);
    expect(item, `an item at line ${spot.line}`).toBeDefined();
    if (spot.length !== undefined) expect(item?.title.length, `title length at line ${spot.line}`).toBe(spot.length);
    if (spot.sha !== undefined) expect(sha(item?.title ?? ''), `title hash at line ${spot.line}`).toBe(spot.sha);
    if (spot.title !== undefined) expect(item?.title).toBe(spot.title);
  }
  const { from, to, what } = reading.notWork;
  const inside = file.items.filter((i) => i.line >= from && i.line <= to).map((i) => i.line);
  expect(inside, `items inside lines ${from}-${to} (${what})`).toEqual([]);
  for (const item of file.items) expect(item.title.length, `title at line ${item.line}`).toBeLessThanOrEqual(120);
}

function readingTest(reading: Reading, read: () => RoadmapFile, hashed: boolean): void {
  const name = reading.pending === undefined ? reading.file : `${reading.file} — not yet: ${reading.pending}`;
  (reading.pending === undefined ? it : it.fails)(name, () => check(reading, read(), hashed));
}

describe('seeds, as a person reads them', () => {
  it('has a reading for every seed', () => {
    const seeds = readdirSync(path.join(repoRoot, 'seeds')).filter((n) => !n.startsWith('.')).map((n) => `seeds/${n}`);
    expect(SEED_READINGS.map((r) => r.file).sort()).toEqual(seeds.sort());
  });
  for (const reading of SEED_READINGS) {
    readingTest(reading, () => parseRoadmapFile(reading.file, readFileSync(path.join(repoRoot, reading.file), 'utf8'), DEFAULT_CONFIG), false);
  }
});

describe.skipIf(!present)('corpus, as a person reads it', () => {
  it('has a reading for every corpus file', () => {
    const names = readdirSync(corpusDir).filter((n) => !n.startsWith('.'));
    expect(CORPUS_READINGS.map((r) => r.file).sort()).toEqual(names.sort());
  });
  for (const reading of CORPUS_READINGS) {
    readingTest(reading, () => parseRoadmapFile(reading.file, readFileSync(path.join(corpusDir, reading.file), 'utf8'), DEFAULT_CONFIG), true);
  }
});
