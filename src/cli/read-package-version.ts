import { readFileSync } from 'node:fs';

/** The installed package's version: package.json is two levels up from src/cli/ and from dist/cli/ alike. */
export function readPackageVersion(): string {
  const pkg: unknown = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
  if (typeof pkg === 'object' && pkg !== null && 'version' in pkg && typeof pkg.version === 'string') return pkg.version;
  throw new Error('package.json has no version');
}
