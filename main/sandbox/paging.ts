/**
 * Marker paging, as ECS v1.1, the ECS server-group list, Nova and VPC v1 all do it: `marker` is
 * the id of the previous page's last item, the page starts right after it, and an unknown marker
 * is refused (each API with its own error, which the caller builds). One implementation, so the
 * four lists cannot drift apart on the edge cases (an empty page never promises more).
 */

/** A page and whether more items follow it. */
export interface MarkerPage<T> {
  page: T[];
  more: boolean;
}

/**
 * The `limit` items after `marker` (from the start when it is undefined). Throws
 * `unknownMarker(marker)` when no item has that id.
 */
export function pageAfterMarker<T extends { id: string }>(
  items: readonly T[],
  marker: string | undefined,
  limit: number,
  unknownMarker: (marker: string) => unknown,
): MarkerPage<T> {
  let start = 0;
  if (marker !== undefined) {
    const i = items.findIndex((x) => x.id === marker);
    if (i < 0) throw unknownMarker(marker);
    start = i + 1;
  }
  const page = items.slice(start, start + limit);
  return { page, more: page.length > 0 && start + page.length < items.length };
}
