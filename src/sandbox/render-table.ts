/** A plain-text table for the terminal: columns padded to their widest cell, cells cut to `maxWidth`. */
export function renderTable(headers: readonly string[], rows: ReadonlyArray<readonly string[]>, options: { indent?: string; maxWidth?: number } = {}): string {
  const indent = options.indent ?? '  ';
  const maxWidth = options.maxWidth ?? 48;
  const cut = (cell: string): string => {
    const flat = cell.replace(/\s+/g, ' ');
    return flat.length > maxWidth ? `${flat.slice(0, maxWidth - 1)}…` : flat;
  };
  const cells = [headers, ...rows].map((row) => row.map(cut));
  const widths = headers.map((_, c) => Math.max(...cells.map((row) => (row[c] ?? '').length)));
  const line = (row: readonly string[]): string =>
    `${indent}${row
      .map((cell, c) => (c === row.length - 1 ? cell : cell.padEnd(widths[c] ?? 0)))
      .join('  ')}`.trimEnd();
  const [head, ...body] = cells;
  return [line(head ?? []), line(widths.map((w) => '─'.repeat(w))), ...body.map(line)].join('\n');
}
