/**
 * ECS 2D tags (API Reference §5.9.2 "Querying ECSs by Tag", §5.9.3 "Adding Tags to an ECS in a
 * Batch", §5.9.4 "Deleting Tags from an ECS in a Batch", §5.9.5 project tags, §5.9.6 server tags),
 * at the document's `/servers` and the SDK's `/cloudservers` paths, and the tag rule of create
 * (§5.1.1 Table 5-76).
 */
import type { RequestContext } from '../context';
import { ecs, invalid } from '../faults';
import { touch } from '../kit';
import type { Server } from '../state';
import { arr, asObj, findServer, str } from './util';

const TAG_KEY = /^[A-Za-z0-9_\-\u4E00-\u9FFF]+$/;
const TAG_VALUE = /^[A-Za-z0-9_.\-\u4E00-\u9FFF]*$/;

/**
 * A 2D tag for create (Table 5-76): key 1-36 characters of letters, digits, `-`, `_`; value
 * 0-43 characters, also `.`. Ecs.0906 for length, Ecs.0907 for characters.
 */
export function checkTag(key: unknown, value: unknown): { key: string; value: string } {
  if (typeof key !== 'string' || key.length === 0 || [...key].length > 36)
    throw ecs('Ecs.0906', 'A tag key must be 1 to 36 characters long.');
  if (!TAG_KEY.test(key)) throw ecs('Ecs.0907', `Invalid character in tag key "${key}".`);
  const v = value === undefined || value === null ? '' : value;
  if (typeof v !== 'string' || [...v].length > 43)
    throw ecs('Ecs.0906', 'A tag value must be at most 43 characters long.');
  if (!TAG_VALUE.test(v)) throw ecs('Ecs.0907', `Invalid character in tag value "${v}".`);
  return { key, value: v };
}

const MAX_TAGS = 10;

/** POST .../tags/action (§5.9.3 create, §5.9.4 delete). */
export function tagsAction(ctx: RequestContext): void {
  const server = findServer(ctx);
  const body = ctx.jsonObject();
  const action = str(body, 'action')!;
  const list = arr(body, 'tags')!;
  if (action === 'create') {
    const pairs = list.map((t) => checkTag(asObj(t)?.key, asObj(t)?.value));
    const keys = new Set<string>();
    for (const p of pairs) {
      if (keys.has(p.key)) throw ecs('Ecs.0908', `Duplicate tag key ${p.key}.`);
      keys.add(p.key);
    }
    // Identical key+value is a no-op, a same key with another value overwrites (§5.9.3). A Map, so
    // that any valid key (`__proto__` included) is stored rather than reaching the prototype.
    const merged = new Map(Object.entries(server.tags));
    for (const p of pairs) merged.set(p.key, p.value);
    if (merged.size > MAX_TAGS) throw ecs('Ecs.0905', `An ECS allows a maximum of ${MAX_TAGS} tags.`);
    server.tags = Object.fromEntries(merged);
  } else if (action === 'delete') {
    const pairs = list.map((t) => {
      const o = asObj(t);
      const key = o?.key;
      if (typeof key !== 'string' || key === '' || [...key].length > 127)
        throw ecs('Ecs.0906', 'A tag key must be 1 to 127 characters long.');
      const value = o?.value;
      if (value !== undefined && value !== null && (typeof value !== 'string' || [...value].length > 255))
        throw ecs('Ecs.0906', 'A tag value must be at most 255 characters long.');
      return { key, value: typeof value === 'string' ? value : undefined };
    });
    // Deleting a missing tag succeeds (§5.9.4); with a value, only an exact match is deleted.
    for (const p of pairs)
      if (
        Object.hasOwn(server.tags, p.key) &&
        (p.value === undefined || p.value === '' || server.tags[p.key] === p.value)
      )
        delete server.tags[p.key];
  } else {
    throw invalid('action must be create or delete (lowercase).');
  }
  touch(server);
  ctx.noContent();
}

/** GET .../{server_id}/tags (§5.9.6): one server's tags. */
export function listServerTags(ctx: RequestContext): void {
  const server = findServer(ctx);
  ctx.ok({ tags: Object.entries(server.tags).map(([key, value]) => ({ key, value })) });
}

/** GET .../tags (§5.9.5): every key of the project's servers with its values. */
export function listProjectTags(ctx: RequestContext): void {
  const map = new Map<string, Set<string>>();
  for (const s of ctx.state.servers.values()) {
    if (s.project_id !== ctx.who.projectId) continue;
    for (const [k, v] of Object.entries(s.tags)) {
      let set = map.get(k);
      if (!set) map.set(k, (set = new Set()));
      set.add(v);
    }
  }
  ctx.ok({ tags: [...map].map(([key, values]) => ({ key, values: [...values] })) });
}

function tagQuery(v: unknown, name: string): { key: string; values: string[] }[] {
  if (v === undefined) return [];
  if (!Array.isArray(v)) throw invalid(`${name} must be an array.`);
  if (v.length > 10) throw invalid(`${name} allows at most 10 entries.`);
  return v.map((t) => {
    const o = asObj(t);
    const key = o?.key;
    if (typeof key !== 'string' || key === '' || [...key].length > 127)
      throw invalid(`${name}[].key must be 1 to 127 characters long.`);
    const values = o?.values ?? [];
    if (!Array.isArray(values) || values.some((x) => typeof x !== 'string' || [...x].length > 255))
      throw invalid(`${name}[].values must be strings of at most 255 characters.`);
    return { key, values: values as string[] };
  });
}

/** POST .../resource_instances/action (§5.9.2): filter or count servers by tag. */
export function resourceInstances(ctx: RequestContext): void {
  const body = ctx.jsonObject();
  const action = str(body, 'action')!;
  if (action !== 'filter' && action !== 'count') throw invalid('action must be filter or count.');
  const tags = tagQuery(body.tags, 'tags');
  const notTags = tagQuery(body.not_tags, 'not_tags');
  const matches = (arr(body, 'matches', { optional: true }) ?? []).map((m) => {
    const o = asObj(m);
    if (o?.key !== 'resource_name' || typeof o.value !== 'string' || o.value.length > 255)
      throw invalid('matches[] must be {key: "resource_name", value}.');
    return o.value;
  });
  // limit and offset are Strings in Table 5-69; numbers are accepted too.
  const num = (key: string, def: number, max: number): number => {
    const v = body[key];
    if (v === undefined || v === null || action === 'count') return def;
    const n = typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : v;
    if (typeof n !== 'number' || !Number.isInteger(n) || n < 0 || n > max)
      throw invalid(`${key} must be an integer within [0, ${max}].`);
    return n;
  };
  const limit = num('limit', 1000, 1000);
  const offset = num('offset', 0, Number.MAX_SAFE_INTEGER);
  const has = (s: Server, t: { key: string; values: string[] }): boolean =>
    Object.hasOwn(s.tags, t.key) && (t.values.length === 0 || t.values.includes(s.tags[t.key]!));
  const all = [...ctx.state.servers.values()].filter(
    (s) =>
      s.project_id === ctx.who.projectId &&
      tags.every((t) => has(s, t)) &&
      !notTags.some((t) => has(s, t)) &&
      matches.every((m) => s.name.includes(m)),
  );
  if (action === 'count') {
    ctx.ok({ total_count: all.length });
    return;
  }
  ctx.ok({
    resources: all.slice(offset, offset + limit).map((s) => ({
      resource_id: s.id,
      resource_detail: '',
      tags: Object.entries(s.tags).map(([key, value]) => ({ key, value })),
      resource_name: s.name,
    })),
    total_count: all.length,
  });
}
