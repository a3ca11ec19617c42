/**
 * Tag filter conditions of the tags pane and their mapping to `tags.filterServers`.
 */
import type { ProjectTagView, ServerView } from '../../../../shared/ipc/views';

/** One condition: a key, and a value or '' for any value. */
export interface TagCondition {
  key: string;
  value: string;
}

/** The `tags`/`notTags` argument of `tags.filterServers`, merging conditions on the same key. */
export function toFilterTags(conds: readonly TagCondition[]): { key: string; values?: string[] }[] {
  const byKey = new Map<string, Set<string> | undefined>();
  for (const c of conds) {
    if (!c.key) continue;
    if (!byKey.has(c.key)) byKey.set(c.key, c.value ? new Set([c.value]) : undefined);
    else if (!c.value) byKey.set(c.key, undefined);
    else byKey.get(c.key)?.add(c.value);
  }
  return [...byKey].map(([key, values]) => (values ? { key, values: [...values] } : { key }));
}

/** How many of `servers` carry each key and each key=value. */
export function tagCounts(servers: readonly Pick<ServerView, 'tags'>[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const s of servers)
    for (const t of s.tags) {
      out.set(t.key, (out.get(t.key) ?? 0) + 1);
      const kv = `${t.key}=${t.value}`;
      out.set(kv, (out.get(kv) ?? 0) + 1);
    }
  return out;
}

/** Project tags sorted by key, values sorted. */
export function sortProjectTags(tags: readonly ProjectTagView[]): ProjectTagView[] {
  return tags
    .map((t) => ({ key: t.key, values: t.values.slice().sort() }))
    .sort((a, b) => a.key.localeCompare(b.key));
}
