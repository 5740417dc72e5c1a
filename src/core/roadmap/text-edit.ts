/** Replace `text[start, end)` with `insert`. Offsets are UTF-16 code unit offsets, as mdast gives them. */
export interface TextEdit {
  start: number;
  end: number;
  insert: string;
}

/**
 * Applies several edits to one text together: each edit's offsets refer to the original text.
 * Edits are ordered by offset (inserts at the same offset keep their given order, and an insert
 * at the start of a replaced range goes before the replacement) and spliced in one pass.
 * Throws on out-of-bounds or reversed offsets, offsets that split a surrogate pair, and
 * overlapping edits: those are bugs in the caller, and guessing would corrupt the file.
 */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  edits.forEach((edit, index) => assertEditFits(text, edit, index));
  const ordered = edits
    .map((edit, index) => ({ edit, index }))
    .sort((a, b) => a.edit.start - b.edit.start || a.edit.end - b.edit.end || a.index - b.index);
  const parts: string[] = [];
  let cursor = 0;
  for (const { edit, index } of ordered) {
    if (edit.start < cursor) {
      throw new Error(`applyEdits: edit #${index} [${edit.start}, ${edit.end}) overlaps an earlier edit ending at ${cursor}`);
    }
    parts.push(text.slice(cursor, edit.start), edit.insert);
    cursor = edit.end;
  }
  parts.push(text.slice(cursor));
  return parts.join('');
}

function assertEditFits(text: string, edit: TextEdit, index: number): void {
  const { start, end } = edit;
  if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end > text.length || start > end) {
    throw new Error(`applyEdits: edit #${index} [${start}, ${end}) is out of bounds for a text of length ${text.length}`);
  }
  if (splitsSurrogatePair(text, start) || splitsSurrogatePair(text, end)) {
    throw new Error(`applyEdits: edit #${index} [${start}, ${end}) splits a surrogate pair`);
  }
}

function splitsSurrogatePair(text: string, offset: number): boolean {
  if (offset <= 0 || offset >= text.length) return false;
  const before = text.charCodeAt(offset - 1);
  const after = text.charCodeAt(offset);
  return before >= 0xd800 && before <= 0xdbff && after >= 0xdc00 && after <= 0xdfff;
}
