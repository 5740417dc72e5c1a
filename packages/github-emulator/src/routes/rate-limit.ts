/** GET /rate_limit: the caller's primary limit (this request does not count against it, as on GitHub). */
import { ok, route, type RouteDef } from '../router.js';

export const rateLimitRoutes: readonly RouteDef[] = [
  route(
    'GET',
    '/rate_limit',
    (ctx) => {
      const core = ctx.rate();
      const other = (limit: number) => ({ limit, used: 0, remaining: limit, reset: core.reset });
      return ok({
        resources: {
          core,
          graphql: other(5000),
          search: other(30),
          code_search: other(10),
          integration_manifest: other(5000),
          source_import: other(100),
          actions_runner_registration: other(10000),
          scim: other(15000),
          dependency_snapshots: other(100),
        },
        rate: core,
      });
    },
    'optional',
  ),
];
