import { describe, expect, it } from 'vitest';
import { truncate } from '../src/core/text/truncate.js';

describe('truncate', () => {
  it('leaves text that fits alone', () => {
    expect(truncate('Ship it', 7)).toBe('Ship it');
    expect(truncate('Ship it', 7, { atWord: true })).toBe('Ship it');
  });

  it('by default cuts at exactly max - 1 and marks the cut', () => {
    expect(truncate('Add HTTPS support', 12)).toBe('Add HTTPS s…');
  });

  it('atWord ends at a space in the last 30%, without blanks before the mark', () => {
    expect(truncate('Add HTTPS support', 12, { atWord: true })).toBe('Add HTTPS…');
    expect(truncate('Add HTTPS  support', 12, { atWord: true })).toBe('Add HTTPS…');
    // The only space is too early: a hard cut rather than a title of one short word.
    expect(truncate('Add internationalization', 12, { atWord: true })).toBe('Add interna…');
  });

  it('never splits a surrogate pair', () => {
    const text = `${'a'.repeat(10)}🚀🚀`;
    expect(truncate(text, 12)).toBe(`${'a'.repeat(10)}…`);
    expect(truncate(text, 12, { atWord: true })).toBe(`${'a'.repeat(10)}…`);
    expect(truncate(text, 13)).toBe(`${'a'.repeat(10)}🚀…`);
  });
});
