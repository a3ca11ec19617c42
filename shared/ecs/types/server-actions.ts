/**
 * ECS (Huawei) server actions on existing servers: delete (§5.1.2), reinstall and change OS
 * (§5.2.1–5.2.2), migrate and resize (§5.2.3–5.2.4), the batch start/reboot/stop actions (§5.3)
 * and auto-recovery (§11.1.1). Server views are servers.ts, creation server-create.ts.
 */
import type { ServerIdRef } from './common';

/** Body of POST /v1/{project_id}/cloudservers/delete (§5.1.2). */
export interface DeleteServersBody {
  servers: ServerIdRef[];
  delete_publicip?: boolean;
  delete_volume?: boolean;
}

/** Body of POST /v2/{project_id}/cloudservers/{server_id}/reinstallos (§5.2.1). */
export interface ReinstallServerOsBody {
  'os-reinstall': {
    /** Mandatory per the table; the password examples omit it (§19.4). */
    keyname?: string;
    userid?: string;
    adminpass?: string;
    metadata?: { user_data?: string };
    /** Undocumented in the tables; the example sends `withStopServer`. */
    mode?: 'withStopServer' | string;
  };
}

/** Body of POST /v2/{project_id}/cloudservers/{server_id}/changeos (§5.2.2). */
export interface ChangeServerOsBody {
  'os-change': {
    keyname?: string;
    userid?: string;
    adminpass?: string;
    imageid: string;
    metadata?: { user_data?: string };
    mode?: 'withStopServer' | string;
  };
}

/** Body of POST /v1/{project_id}/cloudservers/{server_id}/migrate (§5.2.3). */
export interface MigrateServerBody {
  migrate: { dedicated_host_id?: string } | null;
}

/** Body of POST /v1/{project_id}/cloudservers/{server_id}/resize (§5.2.4). */
export interface ResizeServerBody {
  resize: { flavorRef: string; dedicated_host_id?: string; extendparam?: Record<string, unknown> };
  dry_run?: boolean;
}

/** Body of the os-start batch action (§5.3.1). */
export interface BatchStartServersBody {
  'os-start': { servers: ServerIdRef[] };
}

/** Body of the reboot batch action (§5.3.2). */
export interface BatchRebootServersBody {
  reboot: { type: 'SOFT' | 'HARD'; servers: ServerIdRef[] };
}

/** Body of the os-stop batch action (§5.3.3). */
export interface BatchStopServersBody {
  'os-stop': { type?: 'SOFT' | 'HARD'; servers: ServerIdRef[] };
}

/** Result of GET /v1/{project_id}/cloudservers/{server_id}/autorecovery (§11.1.1). */
export interface ServerAutoRecovery {
  support_auto_recovery: 'true' | 'false';
}
