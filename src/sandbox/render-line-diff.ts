/**
 * A unified diff of two texts, by lines, for showing small edits (a checkbox commit, a pull
 * request): common head and tail are trimmed, the middle is aligned by a longest common
 * subsequence, and only changed lines with `context` lines around them are kept.
 */

export interface LineDiffOptions {
  /** Shown in the `---`/`+++` header. */
  path: string;
  /** Unchanged lines shown around each change (default 2). */
  context?: number;
  /** Above this many lines in the differing middle, lines are not aligned (default 2,000). */
  maxAligned?: number;
}

type Op = { kind: ' ' | '-' | '+'; text: string; oldLine: number; newLine: number };

export function renderLineDiff(before: string, after: string, options: LineDiffOptions): string {
  if (before === after) return '';
  const context = options.context ?? 2;
  const a = splitLines(before);
  const b = splitLines(after);
  const ops = diffLines(a, b, options.maxAligned ?? 2_000);

  const changed = ops.map((op, i) => (op.kind === ' ' ? -1 : i)).filter((i) => i >= 0);
  const hunks: Array<[number, number]> = [];
  for (const i of changed) {
    const from = Math.max(0, i - context);
    const to = Math.min(ops.length - 1, i + context);
    const last = hunks[hunks.length - 1];
    if (last && from <= last[1] + 1) last[1] = Math.max(last[1], to);
    else hunks.push([from, to]);
  }

  const out = [`--- a/${options.path}`, `+++ b/${options.path}`];
  for (const [from, to] of hunks) {
    const slice = ops.slice(from, to + 1);
    const first = slice[0] as Op;
    const oldCount = slice.filter((op) => op.kind !== '+').length;
    const newCount = slice.filter((op) => op.kind !== '-').length;
    // As diff(1) does, an empty side names the line before it.
    out.push(`@@ -${oldCount === 0 ? first.oldLine - 1 : first.oldLine},${oldCount} +${newCount === 0 ? first.newLine - 1 : first.newLine},${newCount} @@`);
    for (const op of slice) out.push(`${op.kind}${op.text}`);
  }
  return out.join('\n');
}

/** Lines without their endings (a CRLF file diffs like an LF one); no phantom last line. */
function splitLines(text: string): string[] {
  const lines = text.split(/\r?\n/);
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

function diffLines(a: readonly string[], b: readonly string[], maxAligned: number): Op[] {
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head += 1;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail += 1;
  const midA = a.slice(head, a.length - tail);
  const midB = b.slice(head, b.length - tail);

  const ops: Op[] = [];
  let oldLine = 1;
  let newLine = 1;
  const push = (kind: Op['kind'], text: string): void => {
    ops.push({ kind, text, oldLine, newLine });
    if (kind !== '+') oldLine += 1;
    if (kind !== '-') newLine += 1;
  };
  for (let i = 0; i < head; i += 1) push(' ', a[i] as string);
  for (const [kind, text] of alignMiddle(midA, midB, maxAligned)) push(kind, text);
  for (let i = a.length - tail; i < a.length; i += 1) push(' ', a[i] as string);
  return ops;
}

/** LCS alignment of the differing middle; beyond `maxAligned` lines, all removed then all added. */
function alignMiddle(a: readonly string[], b: readonly string[], maxAligned: number): Array<[Op['kind'], string]> {
  if (a.length > maxAligned || b.length > maxAligned) return [...a.map((t): [Op['kind'], string] => ['-', t]), ...b.map((t): [Op['kind'], string] => ['+', t])];
  // lengths[i][j]: LCS length of a[i..] and b[j..]
  const width = b.length + 1;
  const lengths = new Uint32Array((a.length + 1) * width);
  for (let i = a.length - 1; i >= 0; i -= 1) {
    for (let j = b.length - 1; j >= 0; j -= 1) {
      lengths[i * width + j] =
        a[i] === b[j] ? (lengths[(i + 1) * width + j + 1] as number) + 1 : Math.max(lengths[(i + 1) * width + j] as number, lengths[i * width + j + 1] as number);
    }
  }
  const out: Array<[Op['kind'], string]> = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      out.push([' ', a[i] as string]);
      i += 1;
      j += 1;
    } else if (i < a.length && (j === b.length || (lengths[(i + 1) * width + j] as number) >= (lengths[i * width + j + 1] as number))) {
      out.push(['-', a[i] as string]);
      i += 1;
    } else {
      out.push(['+', b[j] as string]);
      j += 1;
    }
  }
  return out;
}
