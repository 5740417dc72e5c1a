import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { configSchema, DEFAULT_CONFIG } from '../src/core/config/config.js';
import type { RoadmapFile } from '../src/core/roadmap/model.js';
import { parseRoadmap, parseRoadmapFile } from '../src/core/roadmap/parse.js';

/**
 * Real roadmaps from public repositories (../shared/corpus, beside the checkout). Only generic
 * checks here: no corpus text is copied into the project. Each oddity has its own small fixture
 * in test/fixtures/parse (see parse-fixtures.test.ts).
 */
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const corpusDir = path.join(path.resolve(repoRoot, '..', 'shared', 'corpus'), 'files');
const present = existsSync(corpusDir);
if (!present) console.warn(`parse-corpus: ${corpusDir} not found, corpus checks skipped`);
const names = present ? readdirSync(corpusDir).filter((n) => !n.startsWith('.')).sort() : [];

const MARKUP = /\*\*|\]\(|<br|^\[[ xX]?\]|`/u;

function checkFile(file: RoadmapFile, text: string): void {
  const keys = new Set<string>();
  for (const item of file.items) {
    expect(item.title.trim(), `title at line ${item.line}`).not.toBe('');
    expect(item.title.length).toBeLessThanOrEqual(256);
    expect(item.title, `title at line ${item.line}`).not.toMatch(MARKUP);
    expect(keys.has(item.key), `duplicate key at line ${item.line}`).toBe(false);
    keys.add(item.key);
    expect(item.key).toMatch(/^[0-9a-f]{12}$/u);
    for (const label of item.labels) expect(label.length).toBeLessThanOrEqual(50);
    if (item.milestone !== null) expect(item.milestone.length).toBeLessThanOrEqual(255);
    const { start, end, contentStart, firstParagraphEnd, checkbox } = item.source;
    expect(0 <= start && start <= contentStart && contentStart <= firstParagraphEnd && firstParagraphEnd <= end).toBe(true);
    expect(end).toBeLessThanOrEqual(text.length);
    if (checkbox) expect(text[checkbox.open]).toBe('[');
  }
  for (const item of file.items) {
    if (item.parent !== null) expect(keys.has(item.parent), `parent of line ${item.line}`).toBe(true);
    for (const child of item.children) expect(keys.has(child)).toBe(true);
  }
  const titles = file.milestones.map((m) => m.title);
  expect(new Set(titles).size).toBe(titles.length);
}

describe.skipIf(!present)('corpus of real roadmaps', () => {
  it('has files to read', () => {
    expect(names.length).toBeGreaterThan(20);
  });

  for (const name of names) {
    it(name, () => {
      const text = readFileSync(path.join(corpusDir, name), 'utf8');
      const file = parseRoadmapFile(name, text, DEFAULT_CONFIG);
      expect(file.problems.filter((p) => p.message.startsWith('could not parse'))).toEqual([]);
      checkFile(file, text);
      // heading-per-item mode must hold up on the same files
      checkFile(parseRoadmapFile(name, text, configSchema.parse({ headings: { itemLevel: 3 } })), text);
    });
  }

  it('merges the whole corpus into one roadmap with unique labels and milestones', () => {
    const roadmap = parseRoadmap(
      names.map((n) => ({ path: n, text: readFileSync(path.join(corpusDir, n), 'utf8') })),
      DEFAULT_CONFIG,
    );
    const labels = roadmap.labels.map((l) => l.name.toLowerCase());
    expect(new Set(labels).size).toBe(labels.length);
    const milestones = roadmap.milestones.map((m) => m.title);
    expect(new Set(milestones).size).toBe(milestones.length);
    for (const l of roadmap.labels) {
      expect(l.color).toMatch(/^[0-9a-f]{6}$/u);
      expect(l.description.length).toBeLessThanOrEqual(100);
    }
  });

  it('finds items in the plain-text TODO files without markdown headings', () => {
    for (const name of names.filter((n) => !/\.\w+$/u.test(n))) {
      const file = parseRoadmapFile(name, readFileSync(path.join(corpusDir, name), 'utf8'), DEFAULT_CONFIG);
      expect(file.items.length).toBeGreaterThan(10);
      expect(file.items.every((i) => i.milestone === null)).toBe(true);
      expect(file.items.every((i) => i.labels.length === 1)).toBe(true);
    }
  });
});
