/**
 * Reconciliation of disk operations: attach and detach (ECS jobs, §5.5), create and delete
 * (os-volumes, §11.4).
 *
 * - attach: the disk attached to the server -> done; `attaching` -> wait; otherwise send again.
 * - detach: `detaching` -> wait; still attached -> send again; otherwise (or the disk is gone) done.
 *   A blind re-send of this DELETE would fail with "not attached" after the first one worked.
 * - create: the request carries a marker in the disk's metadata (`ecs_desktop_request`), so the
 *   disk can be found again; found -> done (its record is the answer), else send again.
 * - delete: gone (404) or `deleting` -> done; else send again (a blind re-send would get a 404).
 */
import type { NovaVolume } from '../../../shared/ecs/types/volumes';
import { ApiError } from '../errors';
import type { RequestInput } from '../request';
import { observedResult, type ReadCall, type ReconcileRule } from './types';

/** The metadata key holding the client's marker on disks it creates. */
export const DISK_MARKER_KEY = 'ecs_desktop_request';

async function volumeOrNull(read: ReadCall, id: string) {
  try {
    return (await read('novaShowVolume', { path: { volume_id: id } })).volume;
  } catch (err) {
    if (err instanceof ApiError && err.status === 404) return null;
    throw err;
  }
}

/** Volumes per os-volumes page: upstream Nova's max_limit, which cuts every answer anyway. */
const VOLUME_PAGE = 1000;

/**
 * The first volume matching `match`, reading os-volumes/detail page by page (limit/offset): one
 * answer carries at most 1,000 volumes, so a single call would miss the rest of a big project.
 */
async function findVolume(
  read: ReadCall,
  match: (v: NovaVolume) => boolean,
): Promise<NovaVolume | undefined> {
  for (let offset = 0; ; offset += VOLUME_PAGE) {
    const page =
      (await read('novaListVolumesDetail', { query: { limit: VOLUME_PAGE, offset } }))?.volumes ?? [];
    const found = page.find(match);
    if (found !== undefined || page.length < VOLUME_PAGE) return found;
  }
}

async function serverStatus(read: ReadCall, id: string): Promise<string> {
  return String((await read('showServer', { path: { server_id: id } })).server.status);
}

function pathOf(input: RequestInput): Record<string, string> {
  return (input.path ?? {}) as Record<string, string>;
}

/** The disk rules, by operation id. */
export const volumeRules = {
  attachServerVolume: {
    async check({ read, input }) {
      const serverId = pathOf(input).server_id!;
      const volumeId = (input.body as { volumeAttachment?: { volumeId?: string } } | undefined)
        ?.volumeAttachment?.volumeId;
      const vol = volumeId === undefined ? null : await volumeOrNull(read, volumeId);
      if (vol === null) return { kind: 'absent' };
      if (vol.status === 'attaching') return { kind: 'pending' };
      if (vol.attachments.some((a) => a.serverId === serverId))
        return { kind: 'applied', result: observedResult(await serverStatus(read, serverId)) };
      return { kind: 'absent' };
    },
  },
  detachServerVolume: {
    async check({ read, input }) {
      const { server_id: serverId, volume_id: volumeId } = pathOf(input);
      const vol = await volumeOrNull(read, volumeId!);
      if (vol !== null && vol.status === 'detaching') return { kind: 'pending' };
      if (vol !== null && vol.attachments.some((a) => a.serverId === serverId)) return { kind: 'absent' };
      return { kind: 'applied', result: observedResult(await serverStatus(read, serverId!)) };
    },
  },
  novaCreateVolume: {
    prepare(input, marker) {
      const body = (input.body ?? {}) as { volume?: { metadata?: Record<string, string> } };
      const volume = { ...body.volume, metadata: { ...body.volume?.metadata, [DISK_MARKER_KEY]: marker } };
      return { ...input, body: { ...body, volume } };
    },
    async check({ read, input }) {
      const marker = (input.body as { volume?: { metadata?: Record<string, string> } }).volume?.metadata?.[
        DISK_MARKER_KEY
      ];
      if (marker === undefined) return { kind: 'absent' };
      const found = await findVolume(read, (v) => v.metadata?.[DISK_MARKER_KEY] === marker);
      return found ? { kind: 'applied', result: { volume: found } } : { kind: 'absent' };
    },
  },
  novaDeleteVolume: {
    async check({ read, input }) {
      const vol = await volumeOrNull(read, pathOf(input).volume_id!);
      return vol === null || vol.status === 'deleting'
        ? { kind: 'applied', result: undefined }
        : { kind: 'absent' };
    },
  },
} satisfies Record<string, ReconcileRule>;
