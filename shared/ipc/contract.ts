/**
 * The IPC contract: one typed table of invoke channels (`<namespace>.<verb>`, one plain-object
 * argument) and events pushed by main. Main implements every channel (a missing handler fails to
 * compile), the preload and the browser harness both build `window.api` with {@link makeApi}, and
 * the renderer reads `window.api` in one module only.
 */
import type { AccountView, ConnectionDiagnosis, ImportPreview, KeychainStatus, VaultMode } from '../accounts';
import type { ErrorData } from '../errors';
import type { FleetBatchView, FleetPageEvent, FleetScopeEvent, FleetScopeStatus } from '../fleet';
import { invokeSchemas, type InvokeArg, type InvokeChannel } from './schemas';
import type {
  AvailabilityZoneView,
  ConnectivityView,
  ConsoleOutputView,
  DiskView,
  FlavorView,
  ImageView,
  InstanceActionView,
  JobRef,
  JobView,
  KeypairView,
  NetworkView,
  NicView,
  PortPage,
  ProjectTagView,
  QuotaView,
  RegionView,
  SecurityGroupView,
  ServerDetailView,
  ServerDiskView,
  ServerGroupView,
  ServerPage,
  ServerView,
  SubnetView,
  TagView,
  VpcView,
} from './views';

export type { InvokeChannel, InvokeArg } from './schemas';

/** What every invoke resolves to: errors travel as data (an error thrown through ipcMain.handle loses all but its message). */
export type Result<T> = { ok: true; value: T } | { ok: false; error: ErrorData };

/** Information about the running app, for the about box and the status bar. */
export interface AppInfo {
  name: string;
  version: string;
  /** Versions of the runtime pieces (electron, chrome, node), when known. */
  versions: Record<string, string>;
  /** Where the UI runs: the Electron app or the browser test harness. */
  shell: 'electron' | 'harness';
}

/** The user's app settings (persisted in main, see main/settings/settings-store.ts). */
export interface AppSettings {
  /** The first-run welcome was dismissed (or a real account was added): it does not show again. */
  welcomeDismissed: boolean;
  /** Ask GitHub for a newer release at most once a day. */
  updateCheck: boolean;
}

/** The settings as the renderer sees them, with what was wrong with the file at start, if anything. */
export interface SettingsView extends AppSettings {
  problem?: string;
}

/** A newer release than the running app. */
export interface UpdateNotice {
  version: string;
  currentVersion: string;
  /** The release page (an allow-listed https link). */
  url: string;
  name?: string;
  publishedAt?: string;
}

/** The update check's state. */
export interface UpdateStatus {
  /** False when the off switch is set or this shell has no update check (the test harness). */
  enabled: boolean;
  /** Why checks do not run in this shell, when they never do. */
  unavailableReason?: string;
  /** A newer release that the user has not dismissed. */
  available?: UpdateNotice;
  /** ISO time of the last check (successful or not). */
  lastCheckAt?: string;
  /** What went wrong in the last check, if it failed. */
  lastError?: string;
  checking: boolean;
}

/** Result type of every invoke channel. */
export interface InvokeResults {
  'app.info': AppInfo;

  'accounts.list': {
    accounts: AccountView[];
    defaultAccountId: string;
    vaultMode: VaultMode;
    keychain: KeychainStatus;
  };
  'accounts.add': AccountView;
  'accounts.edit': AccountView;
  'accounts.remove': { removed: true };
  'accounts.test': ConnectionDiagnosis;
  'accounts.setDefault': { defaultAccountId: string };
  'accounts.reorder': { accounts: AccountView[] };
  'accounts.importPreview': ImportPreview;
  'accounts.import': { added: AccountView[]; failed: { candidateId: string; error: ErrorData }[] };
  'accounts.export': { json: string };
  'accounts.importExport': { added: AccountView[] };
  'accounts.keychainStatus': KeychainStatus;
  'accounts.setVaultMode': { vaultMode: VaultMode };
  'regions.list': { regions: RegionView[] };

  'servers.list': ServerPage;
  'servers.get': ServerDetailView;
  'servers.create': JobRef & { dryRunPassed?: boolean };
  'servers.delete': JobRef;
  'servers.start': JobRef;
  'servers.stop': JobRef;
  'servers.reboot': JobRef;
  'servers.resize': JobRef & { dryRunPassed?: boolean };
  'servers.confirmResize': JobRef;
  'servers.revertResize': JobRef;
  'servers.rebuild': JobRef;
  'servers.reinstall': JobRef;
  'servers.changeOs': JobRef;
  'servers.lock': JobRef;
  'servers.unlock': JobRef;
  'servers.migrate': JobRef;
  'servers.update': ServerView;
  'servers.createImage': JobRef & { imageId?: string };
  'servers.getMetadata': { metadata: Record<string, string> };
  'servers.setMetadata': { metadata: Record<string, string> };
  'servers.deleteMetadata': { deleted: true };
  'servers.consoleOutput': ConsoleOutputView;
  'servers.actions': { actions: InstanceActionView[] };
  'servers.addSecurityGroup': JobRef;
  'servers.removeSecurityGroup': JobRef;
  /** The encrypted password blob as the API returns it (only decryptable with the key pair's private key). */
  'servers.getPassword': { encryptedPassword: string };
  'servers.deletePassword': { deleted: true };

  /**
   * One page of the region's disks, in the API's order (creation order in the Sandbox, stable
   * while the list is unchanged); `nextOffset`, absent on the last page, asks for the next one.
   */
  'disks.list': { disks: DiskView[]; nextOffset?: number };
  'disks.listForServer': { disks: ServerDiskView[] };
  'disks.attach': JobRef;
  'disks.detach': JobRef;
  'disks.create': DiskView;
  'disks.delete': { deleted: true };

  'nics.list': { nics: NicView[] };
  /** Every NIC of the region, one page at a time (VPC ports; infrastructure ports left out). */
  'nics.listAll': PortPage;
  'nics.add': JobRef;
  'nics.delete': JobRef;
  'networks.list': { networks: NetworkView[] };

  'tags.server': { tags: TagView[] };
  'tags.project': { tags: ProjectTagView[] };
  'tags.filterServers': { servers: { id: string; name: string; tags: TagView[] }[]; total: number };
  'tags.batchAdd': { succeeded: string[]; failed: { id: string; error: ErrorData }[] };
  'tags.batchDelete': { succeeded: string[]; failed: { id: string; error: ErrorData }[] };
  'tags.nova': { tags: string[] };
  'tags.novaReplace': { tags: string[] };

  'flavors.list': { flavors: FlavorView[] };
  'images.list': { images: ImageView[] };
  'zones.list': { zones: AvailabilityZoneView[] };
  'vpcs.list': { vpcs: VpcView[] };
  'subnets.list': { subnets: SubnetView[] };
  'securityGroups.list': { securityGroups: SecurityGroupView[] };

  'keypairs.list': { keypairs: KeypairView[] };
  /** The private key is returned once, here, and never stored by the app. */
  'keypairs.create': KeypairView & { privateKey: string };
  'keypairs.import': KeypairView;
  'keypairs.delete': { deleted: true };

  'serverGroups.list': { serverGroups: ServerGroupView[] };
  'serverGroups.get': ServerGroupView;
  'serverGroups.create': ServerGroupView;
  'serverGroups.delete': { deleted: true };
  'serverGroups.addMember': { done: true };
  'serverGroups.removeMember': { done: true };

  'quotas.get': QuotaView;

  'jobs.list': { jobs: JobView[] };
  'jobs.retry': JobRef;
  'jobs.forget': { forgotten: true };

  'settings.get': SettingsView;
  'settings.set': SettingsView;
  'updates.status': UpdateStatus;
  'updates.check': UpdateStatus;
  'updates.dismiss': UpdateStatus;
  /** The window title main set for the renderer's scope. */
  'app.setScope': { title: string };
  'fleet.list': { listingId: string; scopes: FleetScopeStatus[] };
  'fleet.batch': FleetBatchView;
  'fleet.batches': { batches: FleetBatchView[] };
}

/** Invoke channels: `<namespace>.<verb>` -> argument and result types. */
export type InvokeChannels = { [C in InvokeChannel]: { arg: InvokeArg<C>; result: InvokeResults[C] } };

/** Events pushed by main: channel -> payload type. */
export interface EventChannels {
  'app.notice': { level: 'info' | 'warning' | 'error'; message: string };
  /** A tracked job changed (created, progressed, finished). */
  'jobs.updated': JobView;
  /** Connectivity of an account+region changed. */
  'connectivity.changed': ConnectivityView;
  /** The accounts list changed (added, edited, removed, reordered). */
  'accounts.changed': { accounts: AccountView[]; defaultAccountId: string };
  /** Servers of a scope changed because a job touched them: refresh these ids (or all when empty). */
  'servers.changed': { accountId: string; region: string; ids: string[] };
  /** The update check's state changed (a newer release was found, a check ran or failed). */
  'app.update': UpdateStatus;
  /** Show this job in Activity (the user clicked its desktop notification). */
  'jobs.reveal': { id: string };
  /** Open "About & settings" (the application menu's Settings…). */
  'app.openSettings': Record<string, never>;
  /** Servers of one scope of a fleet listing arrived. */
  'fleet.page': FleetPageEvent;
  /** A fleet scope's listing state changed (loading, ok, failed, stale). */
  'fleet.scope': FleetScopeEvent;
  /** A fleet batch progressed. */
  'fleet.batch': FleetBatchView;
}

/** Every invoke channel name, as a runtime list (the preload exposes exactly these). */
export const INVOKE_CHANNELS = Object.freeze(Object.keys(invokeSchemas) as InvokeChannel[]);

/** Every event channel name, as a runtime list. */
export const EVENT_CHANNELS = Object.freeze([
  'app.notice',
  'jobs.updated',
  'connectivity.changed',
  'accounts.changed',
  'servers.changed',
  'app.update',
  'jobs.reveal',
  'app.openSettings',
  'fleet.page',
  'fleet.scope',
  'fleet.batch',
] as const satisfies readonly (keyof EventChannels)[]);

// A missing or extra event name fails to compile.
type _EventsComplete =
  Exclude<keyof EventChannels, (typeof EVENT_CHANNELS)[number]> extends never ? true : never;
const _eventsComplete: _EventsComplete = true;
void _eventsComplete;

/** The channel plumbing a concrete bridge provides (Electron's ipcRenderer, or the harness's HTTP bridge). */
export interface BridgeTransport {
  invoke(channel: string, arg: unknown): Promise<unknown>;
  subscribe(channel: string, listener: (payload: unknown) => void): () => void;
}

/** The API the renderer sees as `window.api`. */
export interface Api {
  invoke<C extends InvokeChannel>(
    channel: C,
    arg: InvokeChannels[C]['arg'],
  ): Promise<Result<InvokeChannels[C]['result']>>;
  /** Subscribes to an event; returns the function that unsubscribes. */
  on<E extends keyof EventChannels>(channel: E, listener: (payload: EventChannels[E]) => void): () => void;
  /** Unsubscribes a listener added with `on`. */
  off<E extends keyof EventChannels>(channel: E, listener: (payload: EventChannels[E]) => void): void;
}

const invokeSet: ReadonlySet<string> = new Set(INVOKE_CHANNELS);
const eventSet: ReadonlySet<string> = new Set(EVENT_CHANNELS);

/**
 * Builds `window.api` from the contract over a transport. The preload and the browser harness
 * both use this function, so the renderer sees the same API in Electron and in tests.
 * Unknown channels are refused before anything is sent; a transport failure resolves as an
 * error result, never a rejection.
 */
export function makeApi(transport: BridgeTransport): Api {
  const unsubscribers = new Map<string, Map<(payload: never) => void, () => void>>();
  const api: Api = {
    async invoke(channel, arg) {
      if (!invokeSet.has(channel)) {
        return {
          ok: false,
          error: {
            name: 'ValidationError',
            code: 'VALIDATION',
            message: `Unknown channel: ${String(channel)}`,
            retryable: false,
          },
        };
      }
      try {
        return (await transport.invoke(channel, arg)) as never;
      } catch (err) {
        const message = err instanceof Error ? err.message : String(err);
        return {
          ok: false,
          error: {
            name: 'BridgeError',
            code: 'INTERNAL',
            message: `The app's main process did not answer: ${message}`,
            retryable: true,
          },
        };
      }
    },
    on(channel, listener) {
      if (!eventSet.has(channel)) throw new TypeError(`Unknown event channel: ${String(channel)}`);
      const unsubscribe = transport.subscribe(channel, listener as (payload: unknown) => void);
      let byListener = unsubscribers.get(channel);
      if (!byListener) unsubscribers.set(channel, (byListener = new Map()));
      byListener.set(listener as (payload: never) => void, unsubscribe);
      return () => api.off(channel, listener);
    },
    off(channel, listener) {
      const byListener = unsubscribers.get(channel);
      const unsubscribe = byListener?.get(listener as (payload: never) => void);
      if (unsubscribe) {
        byListener!.delete(listener as (payload: never) => void);
        unsubscribe();
      }
    },
  };
  return Object.freeze(api);
}
