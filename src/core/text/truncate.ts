export interface TruncateOptions {
  /**
   * End at the last space in the final 30% when there is one, with no blanks before the "…": for
   * titles, labels and descriptions people read. Otherwise the text is cut at exactly `max - 1`
   * (issue bodies, where every character that fits is kept).
   */
  atWord?: boolean;
}

/** `text` cut to at most `max` UTF-16 units, marked with "…", never splitting a surrogate pair. */
export function truncate(text: string, max: number, { atWord = false }: TruncateOptions = {}): string {
  if (text.length <= max) return text;
  let cut = max - 1;
  if (isHighSurrogate(text.charCodeAt(cut - 1))) cut -= 1;
  if (!atWord) return `${text.slice(0, cut)}…`;
  const space = text.lastIndexOf(' ', cut);
  if (space > max * 0.7) cut = space;
  let head = text.slice(0, cut).trimEnd();
  // A lone high surrogate left before trimmed blanks.
  if (head.length > 0 && isHighSurrogate(head.charCodeAt(head.length - 1))) head = head.slice(0, -1);
  return `${head}…`;
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}
