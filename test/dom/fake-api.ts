/**
 * An in-memory implementation of the IPC contract's `Api` for component and store tests:
 * validates every argument with the contract's schemas (like main does), keeps servers and jobs
 * in memory, pages `servers.list` by marker, records every call, and lets a test push events or
 * make the next call of a channel fail.
 */
import type { AccountView } from '../../shared/accounts';
import type { ErrorData } from '../../shared/errors';
import type { Api, EventChannels, InvokeChannel, InvokeChannels, Result } from '../../shared/ipc/contract';
import { validateInvoke } from '../../shared/ipc/schemas';
import type { FlavorView, JobView, ServerView } from '../../shared/ipc/views';

/** The built-in Sandbox account as accounts.list returns it. */
export const SANDBOX_ACCOUNT: AccountView = {
  id: 'sandbox',
  name: 'Sandbox',
  kind: 'aksk',
  builtin: true,
  hasSecret: true,
  secretState: 'stored',
  expired: false,
  defaultRegion: 'sandbox-1',
  regions: ['sandbox-1'],
  projects: {},
  endpoints: {},
  order: 0,
  hidden: false,
  isDefault: true,
};

/** Flavors of the fake region; `s6.xlarge.2` is sold out in sandbox-1b. */
export const FLAVORS: FlavorView[] = [
  {
    id: 's6.small.1',
    name: 's6.small.1',
    vcpus: 1,
    ramMb: 1024,
    status: 'normal',
    azStatus: {},
    extraSpecs: {},
  },
  {
    id: 's6.large.2',
    name: 's6.large.2',
    vcpus: 2,
    ramMb: 4096,
    status: 'normal',
    azStatus: {},
    extraSpecs: {},
  },
  {
    id: 's6.xlarge.2',
    name: 's6.xlarge.2',
    vcpus: 4,
    ramMb: 8192,
    status: 'normal',
    azStatus: { 'sandbox-1a': 'normal', 'sandbox-1b': 'sellout' },
    extraSpecs: {},
  },
];

/** A server view for tests: `i` picks a deterministic name, IP, flavor and AZ. */
export function makeServer(i: number, over: Partial<ServerView> = {}): ServerView {
  const f = FLAVORS[i % FLAVORS.length]!;
  return {
    id: `srv-${String(i).padStart(5, '0')}`,
    name: `web-${String(i).padStart(3, '0')}`,
    status: 'ACTIVE',
    taskState: null,
    locked: false,
    flavor: { id: f.id, name: f.name, vcpus: f.vcpus, ramMb: f.ramMb },
    image: { id: 'img-ubuntu', name: 'Ubuntu 22.04' },
    availabilityZone: i % 2 === 0 ? 'sandbox-1a' : 'sandbox-1b',
    ips: [{ address: `192.168.${Math.floor(i / 250)}.${(i % 250) + 2}`, version: 4, type: 'fixed' }],
    tags: [],
    securityGroups: ['default'],
    volumeIds: [`vol-${i}`],
    metadata: {},
    created: new Date(Date.UTC(2026, 0, 1, 0, i)).toISOString(),
    ...over,
  };
}

/** A recorded call. */
export interface FakeCall {
  channel: InvokeChannel;
  arg: unknown;
}

/** The fake and its test controls. */
export interface FakeApi extends Api {
  servers: ServerView[];
  jobs: JobView[];
  accounts: AccountView[];
  calls: FakeCall[];
  /** Calls of one channel, in order. */
  callsOf(channel: InvokeChannel): unknown[];
  /** Pushes an event to every listener. */
  emit<E extends keyof EventChannels>(channel: E, payload: EventChannels[E]): void;
  /** Makes the next call of `channel` fail with `error`. */
  failNext(channel: InvokeChannel, error: ErrorData): void;
  /** Replaces one channel's behaviour. */
  handle<C extends InvokeChannel>(
    channel: C,
    fn: (
      arg: InvokeChannels[C]['arg'],
    ) => Result<InvokeChannels[C]['result']> | Promise<Result<InvokeChannels[C]['result']>>,
  ): void;
  /** How many listeners are subscribed (to check unsubscribing). */
  listenerCount(channel: keyof EventChannels): number;
}

const ok = <T>(value: T): Result<T> => ({ ok: true, value });
const notFound = (id: string): Result<never> => ({
  ok: false,
  error: {
    name: 'ApiError',
    code: 'API_ERROR',
    status: 404,
    apiCode: 'Ecs.0114',
    message: `The ECS ${id} does not exist.`,
    retryable: false,
  },
});

/** `api` with the Sandbox account in two regions, `sandbox-1` (the current one) and `sandbox-2`. */
export function withTwoRegions(api: FakeApi): FakeApi {
  api.accounts = [{ ...SANDBOX_ACCOUNT, regions: ['sandbox-1', 'sandbox-2'] }];
  api.handle('regions.list', () => ({
    ok: true,
    value: {
      regions: [
        { id: 'sandbox-1', name: 'Sandbox 1', enabled: true },
        { id: 'sandbox-2', name: 'Sandbox 2', enabled: true },
      ],
    },
  }));
  return api;
}

/** Builds a fake Api holding `servers` (a count or a list). */
export function makeFakeApi(opts: { servers?: number | ServerView[]; fromCache?: boolean } = {}): FakeApi {
  const servers =
    typeof opts.servers === 'number'
      ? Array.from({ length: opts.servers }, (_, i) => makeServer(i))
      : (opts.servers ?? []);
  const listeners = new Map<string, Set<(p: unknown) => void>>();
  const failures = new Map<string, ErrorData[]>();
  const overrides = new Map<string, (arg: unknown) => unknown>();
  let jobSeq = 0;

  const emit = (channel: string, payload: unknown) => {
    for (const l of [...(listeners.get(channel) ?? [])]) l(payload);
  };
  const newJob = (operation: string, title: string, ids: string[]): string => {
    const job: JobView = {
      id: `job-${++jobSeq}`,
      accountId: 'sandbox',
      region: 'sandbox-1',
      operation,
      title,
      targets: ids.map((id) => ({ id })),
      state: 'running',
      createdAt: new Date(Date.UTC(2026, 0, 2, 0, 0, jobSeq)).toISOString(),
      subJobs: ids.map((id) => ({ targetId: id, status: 'running' })),
      retryable: false,
    };
    fake.jobs.unshift(job);
    emit('jobs.updated', job);
    return job.id;
  };
  const byId = (id: string) => fake.servers.find((s) => s.id === id);

  const handlers: { [C in InvokeChannel]?: (arg: InvokeChannels[C]['arg']) => Result<unknown> } = {
    'app.info': () => ok({ name: 'ECS Desktop', version: '0.1.0', versions: {}, shell: 'harness' }),
    'accounts.list': () =>
      ok({
        accounts: fake.accounts,
        defaultAccountId: 'sandbox',
        vaultMode: 'keychain',
        keychain: { state: 'ok', message: 'ok' },
      }),
    'servers.list': (a) => {
      const limit = a.limit ?? 1000;
      const start = a.marker ? fake.servers.findIndex((s) => s.id === a.marker) + 1 : 0;
      const items = fake.servers.slice(start, start + limit);
      const next = start + limit < fake.servers.length ? items[items.length - 1]?.id : undefined;
      return ok({
        items: structuredClone(items),
        ...(next ? { nextMarker: next } : {}),
        total: fake.servers.length,
        fetchedAt: opts.fromCache
          ? new Date(Date.now() - 7.5 * 60_000).toISOString()
          : new Date().toISOString(),
        fromCache: !!opts.fromCache,
        ...(opts.fromCache
          ? {
              offlineError: {
                name: 'NetworkError',
                code: 'NETWORK' as const,
                message: 'connect ECONNREFUSED',
                retryable: true,
              },
            }
          : {}),
      });
    },
    'servers.get': (a) => {
      const s = byId(a.id);
      return s
        ? ok({ ...structuredClone(s), raw: { id: s.id, name: s.name, status: s.status } })
        : notFound(a.id);
    },
    'servers.start': (a) => {
      for (const id of a.ids) Object.assign(byId(id) ?? {}, { status: 'ACTIVE' });
      return ok({ jobId: newJob('batchStartServers', `Start ${a.ids.length} servers`, a.ids) });
    },
    'servers.stop': (a) => {
      for (const id of a.ids) Object.assign(byId(id) ?? {}, { status: 'SHUTOFF' });
      return ok({ jobId: newJob('batchStopServers', `Stop ${a.ids.length} servers`, a.ids) });
    },
    'servers.reboot': (a) =>
      ok({ jobId: newJob('batchRebootServers', `Reboot ${a.ids.length} servers`, a.ids) }),
    'servers.delete': (a) => {
      fake.servers = fake.servers.filter((s) => !a.ids.includes(s.id));
      return ok({ jobId: newJob('deleteServers', `Delete ${a.ids.length} servers`, a.ids) });
    },
    'servers.create': (a) => {
      if (a.dryRun) return ok({ dryRunPassed: true });
      const n = a.spec.count ?? 1;
      const ids: string[] = [];
      for (let i = 0; i < n; i++) {
        const s = makeServer(fake.servers.length + 1000, {
          id: `new-${fake.servers.length}`,
          name: n > 1 ? `${a.spec.name}-${String(i + 1).padStart(4, '0')}` : a.spec.name,
          status: 'BUILD',
          tags: a.spec.tags ?? [],
        });
        fake.servers.push(s);
        ids.push(s.id);
      }
      return ok({ jobId: newJob('createServers', `Create ${n} servers`, ids) });
    },
    'servers.update': (a) => {
      const s = byId(a.id);
      if (!s) return notFound(a.id);
      if (a.name !== undefined) s.name = a.name;
      if (a.description !== undefined) s.description = a.description;
      return ok(structuredClone(s));
    },
    'servers.resize': (a) =>
      a.dryRun ? ok({ dryRunPassed: true }) : ok({ jobId: newJob('resizeServer', 'Resize', [a.id]) }),
    'servers.confirmResize': (a) => ok({ jobId: newJob('confirmResize', 'Confirm resize', [a.id]) }),
    'servers.revertResize': (a) => ok({ jobId: newJob('revertResize', 'Revert resize', [a.id]) }),
    'servers.lock': (a) => {
      Object.assign(byId(a.id) ?? {}, { locked: true });
      return ok({});
    },
    'servers.unlock': (a) => {
      Object.assign(byId(a.id) ?? {}, { locked: false });
      return ok({});
    },
    'servers.getMetadata': (a) => ok({ metadata: { ...(byId(a.id)?.metadata ?? {}) } }),
    'servers.consoleOutput': () => ok({ output: 'Booting...\nlogin: ' }),
    'servers.actions': () =>
      ok({ actions: [{ requestId: 'req-1', action: 'create', startTime: '2026-01-01T00:00:00Z' }] }),
    'disks.listForServer': () =>
      ok({ disks: [{ volumeId: 'vol-1', device: '/dev/vda', sizeGb: 40, system: true, bootIndex: 0 }] }),
    'nics.list': (a) =>
      ok({
        nics: [
          {
            portId: 'port-1',
            serverId: a.serverId,
            mac: 'fa:16:3e:00:00:01',
            networkId: 'net-1',
            fixedIps: [{ address: '192.168.0.2' }],
            state: 'ACTIVE',
            primary: true,
          },
        ],
      }),
    // Every server's one (primary) NIC, on subnet-1, paged by marker like the VPC port list.
    'nics.listAll': (a) => {
      const all = fake.servers
        .filter((s) => !a.serverId || s.id === a.serverId)
        .map((s, i) => ({
          portId: `port-${s.id}`,
          serverId: s.id,
          mac: `fa:16:3e:01:${String(Math.floor(i / 100) % 100).padStart(2, '0')}:${String(i % 100).padStart(2, '0')}`,
          networkId: 'subnet-1',
          fixedIps: s.ips.filter((ip) => ip.type === 'fixed').map((ip) => ({ address: ip.address })),
          status: 'ACTIVE',
          primary: true,
        }));
      const limit = a.limit ?? 2000;
      const start = a.marker ? all.findIndex((n) => n.portId === a.marker) + 1 : 0;
      const nics = all.slice(start, start + limit);
      return ok({ nics, ...(nics.length === limit ? { nextMarker: nics.at(-1)!.portId } : {}) });
    },
    'tags.server': (a) => ok({ tags: structuredClone(byId(a.id)?.tags ?? []) }),
    'tags.batchAdd': (a) => {
      const succeeded: string[] = [];
      const failed: { id: string; error: ErrorData }[] = [];
      for (const id of a.ids) {
        const s = byId(id);
        if (!s) continue;
        const keys = new Set(s.tags.map((t) => t.key));
        for (const t of a.tags) keys.add(t.key);
        if (keys.size > 10) {
          failed.push({
            id,
            error: {
              name: 'ApiError',
              code: 'API_ERROR',
              apiCode: 'Ecs.0918',
              message: 'Too many tags',
              retryable: false,
            },
          });
          continue;
        }
        s.tags = [...s.tags.filter((t) => !a.tags.some((n) => n.key === t.key)), ...a.tags];
        succeeded.push(id);
      }
      return ok({ succeeded, failed });
    },
    'tags.batchDelete': (a) => {
      for (const id of a.ids) {
        const s = byId(id);
        if (s)
          s.tags = s.tags.filter(
            (t) => !a.tags.some((d) => d.key === t.key && (d.value === undefined || d.value === t.value)),
          );
      }
      return ok({ succeeded: a.ids, failed: [] });
    },
    'flavors.list': () => ok({ flavors: FLAVORS }),
    'images.list': () =>
      ok({
        images: [
          { id: 'img-ubuntu', name: 'Ubuntu 22.04', status: 'active', minDiskGb: 10 },
          { id: 'img-win', name: 'Windows Server 2022', status: 'active', minDiskGb: 40 },
        ],
      }),
    'zones.list': () =>
      ok({
        zones: [
          { name: 'sandbox-1a', available: true },
          { name: 'sandbox-1b', available: true },
        ],
      }),
    'vpcs.list': () =>
      ok({ vpcs: [{ id: 'vpc-1', name: 'vpc-default', cidr: '192.168.0.0/16', status: 'OK' }] }),
    'subnets.list': () =>
      ok({
        subnets: [
          {
            id: 'subnet-1',
            name: 'subnet-a',
            cidr: '192.168.0.0/24',
            vpcId: 'vpc-1',
            gatewayIp: '192.168.0.1',
            networkId: 'net-1',
            status: 'ACTIVE',
          },
        ],
      }),
    'securityGroups.list': () => ok({ securityGroups: [{ id: 'sg-1', name: 'default' }] }),
    'keypairs.list': () =>
      ok({ keypairs: [{ name: 'ops-key', fingerprint: 'aa:bb', publicKey: 'ssh-ed25519 AAAA' }] }),
    'jobs.list': () => ok({ jobs: fake.jobs }),
    'regions.list': () => ok({ regions: [{ id: 'sandbox-1', name: 'Sandbox', enabled: true }] }),
  };

  const fake: FakeApi = {
    servers,
    jobs: [],
    accounts: [SANDBOX_ACCOUNT],
    calls: [],
    callsOf: (channel) => fake.calls.filter((c) => c.channel === channel).map((c) => c.arg),
    emit: (channel, payload) => emit(channel, payload),
    failNext(channel, error) {
      const list = failures.get(channel) ?? [];
      list.push(error);
      failures.set(channel, list);
    },
    handle(channel, fn) {
      overrides.set(channel, fn as (arg: unknown) => unknown);
    },
    listenerCount: (channel) => listeners.get(channel)?.size ?? 0,
    async invoke(channel, arg) {
      fake.calls.push({ channel, arg });
      await Promise.resolve();
      const v = validateInvoke(channel, arg);
      if (!v.ok)
        return {
          ok: false,
          error: { name: 'ValidationError', code: 'VALIDATION', message: v.message, retryable: false },
        };
      const failure = failures.get(channel)?.shift();
      if (failure) return { ok: false, error: failure };
      const override = overrides.get(channel);
      if (override) return (await override(arg)) as never;
      const h = handlers[channel] as ((a: unknown) => Result<unknown>) | undefined;
      if (!h)
        return {
          ok: false,
          error: {
            name: 'InternalError',
            code: 'INTERNAL',
            message: `${channel} is not implemented by the fake`,
            retryable: false,
          },
        };
      return h(v.value) as never;
    },
    on(channel, listener) {
      let set = listeners.get(channel);
      if (!set) listeners.set(channel, (set = new Set()));
      set.add(listener as (p: unknown) => void);
      return () => fake.off(channel, listener);
    },
    off(channel, listener) {
      listeners.get(channel)?.delete(listener as (p: unknown) => void);
    },
  };
  return fake;
}
