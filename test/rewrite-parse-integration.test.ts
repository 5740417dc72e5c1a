import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../src/core/config/config.js';
import { parseRoadmapFile } from '../src/core/roadmap/parse.js';
import { planItemEdits } from '../src/core/checkboxes/plan-checkbox-edits.js';
import { applyEdits, planCheckboxToggle, type TextEdit } from '../src/core/roadmap/rewrite.js';

/**
 * The rewriter against the real parser: sources from parseRoadmapFile drive the edits, and
 * checking every item keeps every item (same keys, same order) while making them all checked,
 * except those the rewriter refuses (no paragraph to put a box in).
 */
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const corpusDir = path.join(path.resolve(repoRoot, '..', 'shared', 'corpus'), 'files');
const files = [
  ...readdirSync(path.join(repoRoot, 'seeds'), { withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.join(repoRoot, 'seeds', e.name)),
  ...(existsSync(corpusDir) ? ['arturklimovich-art__CRD_12__ROADMAP__GENERAL_PLAN_CANONICAL.md', 'tlberglund__utm-redux__TODO.md'].map((f) => path.join(corpusDir, f)).filter(existsSync) : []),
];

describe('rewrite with sources from parseRoadmapFile', () => {
  for (const file of files) {
    it(path.basename(file), () => {
      const text = readFileSync(file, 'utf8');
      const before = parseRoadmapFile('ROADMAP.md', text, DEFAULT_CONFIG);
      const edits: TextEdit[] = [];
      const refused = new Set<string>();
      for (const item of before.items) {
        const edit = planCheckboxToggle(text, item.source, true);
        if (edit) edits.push(edit);
        else if (item.checkbox !== 'checked') refused.add(item.key);
        if (item.source.checkbox) expect(text[item.source.checkbox.open]).toBe('[');
        expect(text.slice(item.source.start, item.source.start + 1)).toMatch(/[-*+0-9]/);
      }
      const after = parseRoadmapFile('ROADMAP.md', applyEdits(text, edits), DEFAULT_CONFIG);
      expect(after.items.map((i) => i.key)).toEqual(before.items.map((i) => i.key));
      expect(after.items.filter((i) => i.checkbox !== 'checked').map((i) => i.key)).toEqual([...refused]);
    });
  }
});

/**
 * Closing or reopening one issue must not change which lines are items: the app's edit for one
 * item alone (a box toggled; a plain bullet gains `[X]`, or loses it) keeps every key, in every seed
 * and corpus file. Items with sub-items are the ones whose box a reading rule could depend on; each
 * is toggled alone, with a few others.
 */
const allCorpus = existsSync(corpusDir) ? readdirSync(corpusDir).map((f) => path.join(corpusDir, f)) : [];

describe('the app toggling one item never changes the reading', () => {
  for (const file of [...files.filter((f) => !f.startsWith(corpusDir)), ...allCorpus]) {
    it(path.basename(file), () => {
      const text = readFileSync(file, 'utf8');
      const before = parseRoadmapFile('ROADMAP.md', text, DEFAULT_CONFIG);
      const keys = before.items.map((i) => i.key);
      const parents = new Set(before.items.flatMap((i) => (i.parent ? [i.parent] : [])));
      const chosen = before.items.filter((item, i) => parents.has(item.key) || i % 25 === 0);
      for (const item of chosen) {
        const edits = planItemEdits(text, item, item.checkbox === 'checked' ? 'uncheck' : 'check');
        if (!edits || edits.length === 0) continue;
        const toggled = applyEdits(text, edits);
        expect(parseRoadmapFile('ROADMAP.md', toggled, DEFAULT_CONFIG).items.map((i) => i.key), `${path.basename(file)}:${item.line} toggled`).toEqual(keys);
      }
    });
  }
});
