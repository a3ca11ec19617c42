/**
 * Incremental resource usage. Servers and volumes live in {@link TotalingMap}s that keep running
 * totals as records come and go, so `GET limits` and every quota check read a few numbers
 * instead of scanning 10,000 servers. A record's weight is taken when it is stored; code that
 * changes a weighed field in place (a server's `flavor_id` on resize/revert) calls `reweigh`.
 * test/integration/sandbox-usage.test.ts checks the totals against a full recount after random
 * operation sequences.
 */

/** Resources used now (the "used" side of the quotas). */
export interface Usage {
  instances: number;
  cores: number;
  ram: number;
  keyPairs: number;
  serverGroups: number;
  securityGroups: number;
  floatingIps: number;
  volumes: number;
  gigabytes: number;
}

/**
 * A Map from id to record that keeps the sum of a numeric vector per record (`weigh(record)`).
 * Reading `totals` is O(1); set/delete cost one `weigh` call.
 */
export class TotalingMap<V, K extends string> extends Map<string, V> {
  /** The sum of every stored record's weight, by key. */
  readonly totals: Record<K, number>;
  private readonly weights = new Map<string, Record<K, number>>();

  constructor(
    private readonly weigh: (value: V) => Record<K, number>,
    private readonly fields: readonly K[],
    entries: Iterable<[string, V]> = [],
  ) {
    // No entries to super(): Map's constructor would call the overridden set() before the fields exist.
    super();
    this.totals = Object.fromEntries(fields.map((k) => [k, 0])) as Record<K, number>;
    for (const [id, value] of entries) this.set(id, value);
  }

  override set(id: string, value: V): this {
    this.subtract(id);
    super.set(id, value);
    const w = this.weigh(value);
    this.weights.set(id, w);
    for (const k of this.fields) this.totals[k] += w[k];
    return this;
  }

  override delete(id: string): boolean {
    this.subtract(id);
    return super.delete(id);
  }

  override clear(): void {
    super.clear();
    this.weights.clear();
    for (const k of this.fields) this.totals[k] = 0;
  }

  /** Takes the record's weight again after a weighed field was changed in place. */
  reweigh(id: string): void {
    const value = this.get(id);
    if (value !== undefined) this.set(id, value);
  }

  private subtract(id: string): void {
    const old = this.weights.get(id);
    if (old === undefined) return;
    for (const k of this.fields) this.totals[k] -= old[k];
    this.weights.delete(id);
  }
}

/** "A maximum of 12 NICs can be attached to an ECS" (§5.1.1, §5.5.1). */
export const MAX_NICS_PER_SERVER = 12;

/**
 * The most NICs a server of `flavor` may have: the flavor's `instance_vnic:max_count` extra spec
 * (Table 5-41, "the maximum number of NICs") when it is set, never more than the 12 of §5.1.1.
 * Going over is Ecs.0050 ("The number of NICs attached to the ECS exceeds the quota").
 */
export function nicLimit(flavor: { extra_specs: Record<string, string> } | undefined): number {
  const raw = Number(flavor?.extra_specs['instance_vnic:max_count']);
  return Number.isInteger(raw) && raw > 0 ? Math.min(raw, MAX_NICS_PER_SERVER) : MAX_NICS_PER_SERVER;
}
