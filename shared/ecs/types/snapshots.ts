/**
 * Discarded Nova os-snapshots (§11.6).
 */

/** A snapshot (§11.6). */
export interface NovaSnapshot {
  id: string;
  status: string;
  displayName: string | null;
  displayDescription: string | null;
  createdAt: string;
  volumeId: string;
  size: number;
}

/** Body of POST .../os-snapshots (§11.6.1; the example wraps the fields in `snapshot`). */
export interface NovaCreateSnapshotBody {
  snapshot: {
    volume_id: string;
    display_name?: string;
    display_description?: string;
    force?: boolean | string;
  };
}

/** Result of create/show snapshot. */
export interface NovaSnapshotResult {
  snapshot: NovaSnapshot;
}
