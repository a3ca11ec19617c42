/**
 * One pager for every list style of the operation table (OperationDef.pagination): Nova
 * `*_links` next links, limit + marker with the last item's id, `page_info.next_marker`, and
 * limit + offset (in the query or the body, counted in items or pages).
 */
import { AbortError, ProtocolError } from './errors';
import type { OperationDef, Pagination } from './ops/types';

/** The input of one list call: path parameters, query and body, as the request builder takes them. */
export interface PageInput {
  path?: Record<string, string | number>;
  query?: Record<string, unknown>;
  body?: unknown;
  headers?: Record<string, string>;
}

/** Fetches one page: the parsed body of the list call made with `input`. */
export type PageFetcher = (input: PageInput) => Promise<unknown>;

/** Options of {@link paginatePages}. */
export interface PaginateOptions {
  /** Stop after this many pages (default unlimited). */
  maxPages?: number;
  signal?: AbortSignal;
}

type Rec = Record<string, unknown>;

function isRec(v: unknown): v is Rec {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function itemsOf(def: OperationDef, p: Pagination, body: unknown): unknown[] {
  if (body === undefined) return [];
  const items = isRec(body) ? body[p.itemsKey] : undefined;
  if (items === undefined || items === null) return [];
  if (!Array.isArray(items))
    throw new ProtocolError(`${def.id}: "${p.itemsKey}" in the list response is not an array.`, {
      operation: def.id,
    });
  return items;
}

function idOf(item: unknown, key: string): string | undefined {
  if (!isRec(item)) return undefined;
  const v = item[key];
  return typeof v === 'string' || typeof v === 'number' ? String(v) : undefined;
}

/** The `marker` of the `rel=next` link in a Nova `*_links` array, if any. */
export function nextMarkerFromLinks(links: unknown): string | undefined {
  if (!Array.isArray(links)) return undefined;
  for (const l of links) {
    if (!isRec(l) || l.rel !== 'next' || typeof l.href !== 'string') continue;
    try {
      return new URL(l.href, 'http://placeholder.invalid').searchParams.get('marker') ?? undefined;
    } catch {
      return undefined;
    }
  }
  return undefined;
}

function withQuery(input: PageInput, extra: Rec): PageInput {
  return { ...input, query: { ...(input.query ?? {}), ...extra } };
}

function accepts(def: OperationDef, name: string): boolean {
  return def.query?.includes(name) ?? false;
}

function numberOr(v: unknown, fallback: number | undefined): number | undefined {
  if (v === undefined || v === null || v === '') return fallback;
  const n = Number(v);
  return Number.isFinite(n) ? n : fallback;
}

/**
 * Yields every page (the items array) of a list operation, fetching the next page only when the
 * consumer asks for it. Throws ProtocolError when the server sends the same marker twice (a loop).
 * Operations without `pagination` yield their single page.
 */
export async function* paginatePages(
  def: OperationDef,
  input: PageInput,
  fetchPage: PageFetcher,
  opts: PaginateOptions = {},
): AsyncGenerator<unknown[], void, undefined> {
  const p = def.pagination;
  if (p === undefined) {
    const body = await fetchPage(input);
    const key = isRec(body) ? Object.keys(body).find((k) => Array.isArray(body[k])) : undefined;
    yield key !== undefined && isRec(body) ? (body[key] as unknown[]) : [];
    return;
  }
  const maxPages = opts.maxPages ?? Infinity;
  let pages = 0;
  // Guard against servers that ignore the marker and answer the same page forever.
  let prevFirst: string | undefined;
  const idKey = p.kind === 'marker' ? (p.idKey ?? 'id') : 'id';
  const repeated = (items: unknown[]): boolean => {
    const first = idOf(items[0], idKey);
    const same = first !== undefined && first === prevFirst;
    prevFirst = first;
    return same;
  };

  switch (p.kind) {
    case 'links':
    case 'marker':
    case 'page_info': {
      const q = input.query ?? {};
      let limit = numberOr(q.limit, undefined);
      if (limit === undefined && p.kind === 'marker' && p.maxLimit !== undefined && accepts(def, 'limit'))
        limit = p.maxLimit;
      let marker = q.marker as string | undefined;
      const seen = new Set<string>();
      for (;;) {
        if (opts.signal?.aborted) throw new AbortError();
        const extra: Rec = {};
        if (limit !== undefined) extra.limit = limit;
        if (marker !== undefined) extra.marker = marker;
        const body = await fetchPage(withQuery(input, extra));
        const items = itemsOf(def, p, body);
        if (items.length === 0 || repeated(items)) return;
        yield items;
        if (++pages >= maxPages) return;
        let next: string | undefined;
        if (p.kind === 'links') next = nextMarkerFromLinks(isRec(body) ? body[p.linksKey] : undefined);
        else if (p.kind === 'page_info') {
          const info = isRec(body) && isRec(body.page_info) ? body.page_info : undefined;
          const m = info?.next_marker;
          next = typeof m === 'string' && m !== '' ? m : undefined;
        } else {
          if (limit !== undefined && items.length < limit) return;
          next = idOf(items[items.length - 1], idKey);
        }
        if (next === undefined) return;
        if (seen.has(next) || next === marker)
          throw new ProtocolError(`${def.id}: the server returned marker ${next} twice; stopped paging.`, {
            operation: def.id,
          });
        seen.add(next);
        marker = next;
      }
    }
    case 'offset': {
      const unit = p.offsetUnit ?? 'item';
      const src: Rec = p.inBody ? (isRec(input.body) ? input.body : {}) : (input.query ?? {});
      let limit = numberOr(src.limit, undefined);
      if (limit === undefined && p.maxLimit !== undefined && (p.inBody || accepts(def, 'limit')))
        limit = p.maxLimit;
      let offset = numberOr(src.offset, unit === 'page' ? 1 : 0)!;
      for (;;) {
        if (opts.signal?.aborted) throw new AbortError();
        let pageInput: PageInput;
        if (p.inBody) {
          // §5.9.2 types limit and offset in the body as Strings.
          const body: Rec = { ...src, offset: String(offset) };
          if (limit !== undefined) body.limit = String(limit);
          pageInput = { ...input, body };
        } else {
          const extra: Rec = { offset };
          if (limit !== undefined) extra.limit = limit;
          pageInput = withQuery(input, extra);
        }
        const body = await fetchPage(pageInput);
        const items = itemsOf(def, p, body);
        if (items.length === 0 || repeated(items)) return;
        yield items;
        if (++pages >= maxPages) return;
        if (limit !== undefined && items.length < limit) return;
        const total =
          p.totalKey !== undefined && isRec(body) ? numberOr(body[p.totalKey], undefined) : undefined;
        if (unit === 'page') {
          offset += 1;
          if (total !== undefined && limit !== undefined && (offset - 1) * limit >= total) return;
        } else {
          offset += items.length;
          if (total !== undefined && offset >= total) return;
        }
      }
    }
  }
}

/** Yields every item of a list operation, page after page (see {@link paginatePages}). */
export async function* paginateItems<T = unknown>(
  def: OperationDef,
  input: PageInput,
  fetchPage: PageFetcher,
  opts: PaginateOptions = {},
): AsyncGenerator<T, void, undefined> {
  for await (const page of paginatePages(def, input, fetchPage, opts)) {
    for (const item of page) yield item as T;
  }
}
