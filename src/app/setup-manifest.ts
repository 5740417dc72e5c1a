/**
 * What Probot's setup page (`npm start` without APP_ID) submits to GitHub: app.yml from the
 * working directory, plus the webhook URL (WEBHOOK_PROXY_URL, else the page's own address + `/`),
 * `redirect_url` and `version`, which Probot adds. The page writes that manifest as JSON into
 * `value='…'` without escaping it, so an apostrophe in any string ends the attribute and GitHub
 * receives a cut manifest, and an ampersand may be decoded as a character reference.
 * checkSetupManifest finds such strings before the page is served.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

/** Characters that do not survive Probot's unescaped single-quoted attribute. */
const BREAKS_ATTRIBUTE = /['&]/;

export interface AttributeBreaker {
  /** Where the string is, like `description` or `default_events[2]`; a key is named by its own path. */
  path: string;
  value: string;
}

/** Every string in `value`, object keys included, that would be cut or altered inside `value='…'`. */
export function findAttributeBreakers(value: unknown, path = ''): AttributeBreaker[] {
  if (typeof value === 'string') return BREAKS_ATTRIBUTE.test(value) ? [{ path: path || '(value)', value }] : [];
  if (Array.isArray(value)) return value.flatMap((item, i) => findAttributeBreakers(item, `${path}[${i}]`));
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, item]) => {
    const at = path ? `${path}.${key}` : key;
    return [...(BREAKS_ATTRIBUTE.test(key) ? [{ path: at, value: key }] : []), ...findAttributeBreakers(item, at)];
  });
}

/**
 * The problem that would make Probot's setup page register a wrong app, as one line, or null:
 * no app.yml where Probot reads it (the working directory), app.yml not a YAML mapping, or a string
 * (in app.yml or WEBHOOK_PROXY_URL) that the page's attribute would cut.
 */
export function checkSetupManifest(cwd: string, webhookProxyUrl: string | undefined): string | null {
  const file = join(cwd, 'app.yml');
  if (!existsSync(file)) {
    return `setup mode registers the GitHub App from app.yml, and ${cwd} has none: run \`npm start\` in the roadmap-sync directory, or set APP_ID and PRIVATE_KEY`;
  }
  let manifest: unknown;
  try {
    manifest = parse(readFileSync(file, 'utf8'));
  } catch (error) {
    return `app.yml is not valid YAML: ${(error instanceof Error ? error.message : String(error)).split('\n')[0]}`;
  }
  if (typeof manifest !== 'object' || manifest === null || Array.isArray(manifest)) return 'app.yml must be a mapping of GitHub App manifest fields (name, url, default_permissions, …)';
  const breakers = [
    ...findAttributeBreakers(manifest).map((b) => `app.yml ${b.path} (${JSON.stringify(b.value)})`),
    ...(webhookProxyUrl !== undefined && BREAKS_ATTRIBUTE.test(webhookProxyUrl) ? [`WEBHOOK_PROXY_URL (${JSON.stringify(webhookProxyUrl)})`] : []),
  ];
  if (breakers.length === 0) return null;
  return (
    `${breakers.join(', ')}: an apostrophe or ampersand does not survive Probot's setup page, which puts the manifest unescaped in a single-quoted HTML attribute ` +
    '(GitHub would receive it cut or altered); write ’ or "and", or rephrase'
  );
}
