/**
 * Handing big, freshly parsed data to a Solid store without the store walking it. A store setter
 * unwraps every value it is given, deeply: for each nested object it lists the property
 * descriptors and recurses, about 25 us per server row, so 10,000 servers or 20,000 disks cost
 * hundreds of ms in one task. `unwrap` stops at anything answering `$RAW`; data just parsed from
 * an IPC answer holds no store proxy to unwrap, so that walk finds nothing and can be skipped.
 */
import { $RAW } from 'solid-js/store';

/**
 * `value` as a store setter takes it without walking it: the store keeps `value` itself (and
 * wraps it lazily when read, as usual). Only for plain data that contains no store proxy.
 */
export function storedAsIs<T extends object>(value: T): T {
  return { [$RAW]: value } as unknown as T;
}
