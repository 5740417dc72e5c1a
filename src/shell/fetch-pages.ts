import type { GitHubClient } from './client.js';

/** GitHub's largest page. */
export const PER_PAGE = 100;
const MAX_PAGES = 1_000;

/**
 * All items of a paginated GET, one request per page of 100, following the `Link` header's
 * rel="next". Pages are requested by number so each page's ETag can be reused on the next run.
 */
export async function fetchPages<T>(
  github: GitHubClient,
  route: string,
  params: Record<string, unknown>,
  /** Where the page's list is, for endpoints that wrap it (`GET /installation/repositories`). */
  listOf: (data: unknown) => unknown = (data) => data,
  maxPages = MAX_PAGES,
): Promise<T[]> {
  const out: T[] = [];
  for (let page = 1; page <= maxPages; page += 1) {
    const response = await github.request(route, { ...params, per_page: PER_PAGE, page });
    const data = listOf(response.data as unknown);
    if (!Array.isArray(data)) throw new Error(`${route}: expected a list, got ${typeof data}`);
    out.push(...(data as T[]));
    const link = String(response.headers.link ?? '');
    if (!/rel="next"/.test(link) || data.length === 0) break;
  }
  return out;
}
