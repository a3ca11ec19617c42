/**
 * Route tables: the one way the ECS and Nova modules register their routes. A table is a list of
 * rows `[method, path, handler, operationId]`, so that every API's routes read as one list that can
 * be checked against the API Reference; what differs between APIs (a path prefix registered
 * twice, a wrapper around every handler, the `{project_id}` mismatch error, no auth) is said once
 * per table, not once per route.
 */
import type { Handler, RouteOptions, Router } from './router';

/** The methods the simulated APIs use. */
export type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

/** One route: method, path (below the table's prefixes), handler, operation id (the route name). */
export type RouteRow = readonly [Method, string, Handler, string];

/** What a table says once for all of its rows. */
export interface TableOptions extends Omit<RouteOptions, 'name'> {
  /** Each row is registered once under every prefix, in this order; default: the path as is. */
  prefixes?: readonly string[];
  /** Wraps every handler (Nova's microversion check, for example). */
  wrap?: (handler: Handler) => Handler;
}

/** Registers every row of a table, named by its operation id. */
export function registerTable(router: Router, rows: readonly RouteRow[], options: TableOptions = {}): void {
  const { prefixes = [''], wrap, ...routeOptions } = options;
  for (const [method, path, handler, name] of rows) {
    const registered = wrap ? wrap(handler) : handler;
    for (const prefix of prefixes)
      router.add(method, `${prefix}${path}`, registered, { name, ...routeOptions });
  }
}
