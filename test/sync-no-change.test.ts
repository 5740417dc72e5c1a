/**
 * An install followed by a converge with no change writes nothing: on every seed and every real
 * roadmap of ../shared/corpus (beside the checkout, as in CI), including the ones that cite issue
 * numbers from elsewhere. Against the emulator over HTTP.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { applied, seedFiles, startSyncHarness, stopSyncHarness, writeCounts } from './helpers/sync-harness.js';

const corpusDir = path.resolve(import.meta.dirname, '..', '..', 'shared', 'corpus', 'files');
const present = existsSync(corpusDir);
if (!present) console.warn(`sync-no-change: ${corpusDir} not found, corpus files skipped`);
const corpus = present ? readdirSync(corpusDir).filter((n) => !n.startsWith('.')).sort() : [];

async function expectNoChangeWritesNothing(files: Record<string, string>): Promise<void> {
  const h = await startSyncHarness({ files });
  try {
    const install = applied(await h.converge());
    expect(install.result?.errors).toEqual([]);
    h.emulator.log.reset();
    const again = applied(await h.converge());
    expect(again.plan.ops).toEqual([]);
    expect(writeCounts(h)).toEqual({});
  } finally {
    await stopSyncHarness(h);
  }
}

describe('a converge with no change writes nothing', () => {
  it('on the seeds', async () => {
    await expectNoChangeWritesNothing(seedFiles());
  });

  it.each(corpus)('on %s', async (name) => {
    const text = readFileSync(path.join(corpusDir, name), 'utf8');
    await expectNoChangeWritesNothing({ [name]: text, '.github/roadmap-sync.yml': `files:\n  - ${JSON.stringify(name)}\nbulk:\n  confirm: true\n` });
  });
});
