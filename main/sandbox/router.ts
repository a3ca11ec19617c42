/**
 * Method + path-pattern routing on raw (still percent-encoded) paths.
 *
 * Patterns look like `/v1/{project_id}/cloudservers/{server_id}`. Literal segments win over
 * parameters at the same depth (`/cloudservers/detail` beats `/cloudservers/{server_id}`), with
 * backtracking, so registration order never matters. Parameters are percent-decoded per segment.
 */
import type { RequestContext } from './context';

/** A route handler: reads the context, mutates state, answers through the context (or throws a fault). */
export type Handler = (ctx: RequestContext) => void | Promise<void>;

/** How the dispatcher treats a route before calling its handler. */
export interface RouteOptions {
  /** `none`: no credentials needed (IAM token, version documents). Default `required`. */
  auth?: 'none' | 'required';
  /**
   * Which error the dispatcher uses for a `{project_id}` that is not the caller's: `ecs` ->
   * `Ecs.0023`, `common` -> `Common.0018` (both 400, A.2). Default `ecs`.
   */
  projectMismatch?: 'ecs' | 'common';
  /** A name for logs and benchmarks, e.g. the operation id. */
  name?: string;
}

/** A registered route. */
export interface Route {
  method: string;
  pattern: string;
  handler: Handler;
  options: RouteOptions;
}

/** A successful match. */
export interface RouteMatch {
  route: Route;
  params: Record<string, string>;
}

interface Node {
  literal: Map<string, Node>;
  param?: { name: string; node: Node };
  routes: Map<string, Route>;
}

function newNode(): Node {
  return { literal: new Map(), routes: new Map() };
}

/** Splits a raw path into segments, ignoring a trailing slash (`/v2.1/` is `/v2.1`). */
export function splitPath(rawPath: string): string[] {
  const parts = rawPath.split('/');
  if (parts[0] === '') parts.shift();
  if (parts.length > 0 && parts[parts.length - 1] === '') parts.pop();
  return parts;
}

/** The route table. */
export class Router {
  private readonly root = newNode();

  /** Registers a handler; registering the same method and pattern twice throws (two owners of one route). */
  add(method: string, pattern: string, handler: Handler, options: RouteOptions = {}): void {
    let node = this.root;
    for (const seg of splitPath(pattern)) {
      const m = /^\{([A-Za-z_][A-Za-z0-9_]*)\}$/.exec(seg);
      if (m) {
        const name = m[1]!;
        if (node.param && node.param.name !== name)
          throw new Error(`route ${pattern}: parameter {${name}} clashes with {${node.param.name}}`);
        node.param ??= { name, node: newNode() };
        node = node.param.node;
      } else {
        let next = node.literal.get(seg);
        if (!next) {
          next = newNode();
          node.literal.set(seg, next);
        }
        node = next;
      }
    }
    const upper = method.toUpperCase();
    if (node.routes.has(upper)) throw new Error(`route ${upper} ${pattern} registered twice`);
    node.routes.set(upper, { method: upper, pattern, handler, options });
  }

  /** Shorthands. */
  get(pattern: string, handler: Handler, options?: RouteOptions): void {
    this.add('GET', pattern, handler, options);
  }
  /** Registers a POST route. */
  post(pattern: string, handler: Handler, options?: RouteOptions): void {
    this.add('POST', pattern, handler, options);
  }
  /** Registers a PUT route. */
  put(pattern: string, handler: Handler, options?: RouteOptions): void {
    this.add('PUT', pattern, handler, options);
  }
  /** Registers a DELETE route. */
  delete(pattern: string, handler: Handler, options?: RouteOptions): void {
    this.add('DELETE', pattern, handler, options);
  }

  /**
   * Finds the route for a method and raw path: a match, `'method'` when the path exists with other
   * methods only (405), or undefined (404).
   */
  match(method: string, rawPath: string): RouteMatch | 'method' | undefined {
    const segs = splitPath(rawPath);
    const params: Record<string, string> = {};
    let pathExists = false;
    const upper = method.toUpperCase();
    const walk = (node: Node, i: number): Route | undefined => {
      if (i === segs.length) {
        if (node.routes.size > 0) pathExists = true;
        return node.routes.get(upper) ?? (upper === 'HEAD' ? node.routes.get('GET') : undefined);
      }
      const seg = segs[i]!;
      const lit = node.literal.get(seg);
      if (lit) {
        const r = walk(lit, i + 1);
        if (r) return r;
      }
      if (node.param && seg !== '') {
        let value: string;
        try {
          value = decodeURIComponent(seg);
        } catch {
          value = seg;
        }
        const r = walk(node.param.node, i + 1);
        if (r) {
          params[node.param.name] = value;
          return r;
        }
      }
      return undefined;
    };
    const route = walk(this.root, 0);
    if (route) return { route, params };
    return pathExists ? 'method' : undefined;
  }

  /** Every registered route (for docs and tests). */
  list(): Route[] {
    const out: Route[] = [];
    const visit = (n: Node): void => {
      for (const r of n.routes.values()) out.push(r);
      for (const c of n.literal.values()) visit(c);
      if (n.param) visit(n.param.node);
    };
    visit(this.root);
    return out;
  }
}
