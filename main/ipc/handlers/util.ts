/**
 * Helpers shared by the handlers: collecting paginated lists, and per-server batches that report
 * what succeeded and what failed.
 */
import type { ErrorData } from '../../../shared/errors';
import { toErrorData } from '../../app-error';

/** Most items a catalogue list collects (pages are fetched until then). */
export const MAX_ITEMS = 10_000;
/** Per-server calls of a tag batch run this many at a time (the limiter paces them further). */
export const BATCH_CONCURRENCY = 8;

export async function collect<T>(items: AsyncIterable<T>, max = MAX_ITEMS): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) {
    out.push(item);
    if (out.length >= max) break;
  }
  return out;
}

/** Runs `fn` for every id, a few at a time, and sorts the outcomes into succeeded and failed. */
export async function forEachServer(
  ids: readonly string[],
  fn: (id: string) => Promise<unknown>,
): Promise<{ succeeded: string[]; failed: { id: string; error: ErrorData }[] }> {
  const succeeded: string[] = [];
  const failed: { id: string; error: ErrorData }[] = [];
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < ids.length) {
      const id = ids[next++]!;
      try {
        await fn(id);
        succeeded.push(id);
      } catch (err) {
        failed.push({ id, error: toErrorData(err) });
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(BATCH_CONCURRENCY, ids.length) }, worker));
  // Stable order for the caller, whatever order the calls finished in.
  const order = new Map(ids.map((id, i) => [id, i]));
  succeeded.sort((a, b) => order.get(a)! - order.get(b)!);
  failed.sort((a, b) => order.get(a.id)! - order.get(b.id)!);
  return { succeeded, failed };
}
