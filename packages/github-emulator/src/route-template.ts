/**
 * Matches request paths against GitHub route templates like
 * `/repos/{owner}/{repo}/contents/{path}`. Parameters that GitHub lets span slashes (a file path,
 * a ref, a branch, a compare range) match greedily; Octokit sends them percent-encoded
 * (`docs%2FROADMAP.md`) but other clients send raw slashes, and GitHub accepts both.
 */
const SLASHY_PARAMS = new Set(['path', 'ref', 'branch', 'basehead']);

export interface CompiledTemplate {
  readonly template: string;
  readonly regex: RegExp;
  readonly params: readonly string[];
  /** Literal characters, to prefer the most specific of several matching templates. */
  readonly literalLength: number;
}

export function compileTemplate(template: string): CompiledTemplate {
  const params: string[] = [];
  let literalLength = 0;
  const parts = template.split(/(\{[a-z_]+\})/);
  const source = parts
    .map((part, i) => {
      const m = /^\{([a-z_]+)\}$/.exec(part);
      if (m?.[1]) {
        params.push(m[1]);
        // A trailing file path may be empty (`/contents` or `/contents/` is the root directory).
        if (m[1] === 'path' && i === parts.length - 2 && parts[i + 1] === '') return '(?:/(.*?))?';
        return SLASHY_PARAMS.has(m[1]) ? '(.+?)' : '([^/]+)';
      }
      const next = parts[i + 1];
      const literal = next === '{path}' && i + 2 === parts.length - 1 && parts[i + 2] === '' && part.endsWith('/') ? part.slice(0, -1) : part;
      literalLength += literal.length;
      return literal.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    })
    .join('');
  return { template, regex: new RegExp(`^${source}/?$`), params, literalLength };
}

export interface TemplateMatch<T> {
  readonly entry: T;
  readonly params: Record<string, string>;
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** The most specific template matching a raw (still percent-encoded) path. */
export function matchTemplate<T extends { readonly compiled: CompiledTemplate }>(
  entries: readonly T[],
  rawPath: string,
): TemplateMatch<T> | undefined {
  let best: TemplateMatch<T> | undefined;
  for (const entry of entries) {
    const m = entry.compiled.regex.exec(rawPath);
    if (!m) continue;
    if (best && best.entry.compiled.literalLength >= entry.compiled.literalLength) continue;
    const params: Record<string, string> = {};
    entry.compiled.params.forEach((name, i) => {
      params[name] = safeDecode(m[i + 1] ?? '');
    });
    best = { entry, params };
  }
  return best;
}
