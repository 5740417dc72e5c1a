import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { applyEdits, planCheckboxToggle, planIssueRefEdit, planStrikeEdit, type TextEdit } from '../src/core/roadmap/rewrite.js';
import { expectBatchRoundTrips, expectStrikeAndRefRoundTrips, listItems, type LocatedItem } from './rewrite-helpers.js';

/**
 * Golden fixtures: test/fixtures/rewrite/<case>/input.md beside the expected results of planning
 * one kind of edit for every list item and applying them all at once. Regenerate with
 * UPDATE_FIXTURES=1 and review the diff. The folder's .gitattributes keeps the bytes as written.
 */
const fixturesDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', 'rewrite');
const update = process.env.UPDATE_FIXTURES === '1';

const outputs: ReadonlyArray<readonly [string, (text: string, items: readonly LocatedItem[]) => TextEdit[]]> = [
  ['checked.md', (text, items) => items.flatMap((it) => planCheckboxToggle(text, it.source, true) ?? [])],
  ['unchecked.md', (text, items) => items.flatMap((it) => planCheckboxToggle(text, it.source, false) ?? [])],
  [
    'closed-not-planned.md',
    (text, items) =>
      items.flatMap((it) => {
        const check = planCheckboxToggle(text, it.source, true);
        return [...(check ? [check] : []), ...planStrikeEdit(text, it.source)];
      }),
  ],
  ['referenced.md', (text, items) => items.flatMap((it, i) => planIssueRefEdit(text, it.source, i + 1) ?? [])],
];

const cases = readdirSync(fixturesDir, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();

describe('rewrite golden fixtures', () => {
  it('has fixtures', () => {
    expect(cases.length).toBeGreaterThan(10);
  });
  for (const name of cases) {
    describe(name, () => {
      const input = readFileSync(path.join(fixturesDir, name, 'input.md'), 'utf8');
      const items = listItems(input);
      for (const [file, plan] of outputs) {
        it(file, () => {
          const actual = applyEdits(input, plan(input, items));
          const expectedPath = path.join(fixturesDir, name, file);
          if (update || !existsSync(expectedPath)) writeFileSync(expectedPath, actual, 'utf8');
          expect(actual).toBe(readFileSync(expectedPath, 'utf8'));
        });
      }
      it('round trips', () => {
        expectBatchRoundTrips(input, items);
        expectStrikeAndRefRoundTrips(input, items);
      });
    });
  }
});
