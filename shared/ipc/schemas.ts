/**
 * Argument schemas of every invoke channel (valibot). Main validates every payload with these
 * before anything runs; the renderer may reuse them to check forms. Objects are strict: an
 * unknown key (including `__proto__`) is refused, strings and arrays are bounded.
 *
 * What the fields that cross the bridge mean (one meaning each; main converts to the wire, once):
 * - `userData` (create, reinstall, change OS): the plain text script as the user typed it (UTF-8,
 *   at most 32 KiB of bytes as the API counts it "before encoding"). Main base64-encodes it for
 *   the API; the renderer never encodes it.
 * - `adminPass`, `password`, `secretKey`, `securityToken`: plain text. Passwords go to the API as
 *   typed (it checks them itself); secrets go to the vault and never come back across the bridge.
 * - Times (`expiresAt`, and every `*At` of the views): ISO 8601 strings, never `Date` objects
 *   (the browser harness sends JSON, where a `Date` would silently turn into a string).
 * - Sizes: `sizeGb` is the API's GB (EVS and image sizes, which Huawei counts in units of 2^30
 *   bytes); `ramMb` is the API's MB (2^20 bytes). The UI shows RAM as MiB/GiB and disks as GB,
 *   the API's own word; nothing converts between them.
 */
import * as v from 'valibot';
import { isWellFormedText, toWellFormedText } from '../text';
import { AccountIdSchema, AddAccountSchema, EditAccountSchema, RegionSchema } from '../accounts-schema';

/** Largest string accepted anywhere unless a field says otherwise (64 KiB). */
export const MAX_STRING = 65_536;

/**
 * valibot's object and record schemas accept arrays (an empty array has no unknown key), so every
 * object of the contract first has to be a plain, non-array object.
 */
const plainObject = v.custom<Record<string, unknown>>(
  (x) => typeof x === 'object' && x !== null && !Array.isArray(x),
  'must be an object',
);
/** A strict object (unknown keys, `__proto__` included, are refused) that is not an array. */
const obj = <T extends v.ObjectEntries>(entries: T) => v.pipe(plainObject, v.strictObject(entries));

/**
 * Every free-text string of the contract: well-formed UTF-16. A lone surrogate ("\ud800") has no
 * UTF-8 form, so it could be neither percent-encoded into a URL nor sent faithfully in a body.
 */
const text = () =>
  v.pipe(v.string(), v.check(isWellFormedText, 'contains a lone surrogate (malformed Unicode text)'));
const str = (max = 255) => v.pipe(text(), v.maxLength(max, `must be at most ${max} characters`));
const nonEmpty = (max = 255) =>
  v.pipe(text(), v.minLength(1, 'must not be empty'), v.maxLength(max, `must be at most ${max} characters`));
/** An initial password (§5.1.1 adminPass: 8–26 characters; the cloud checks the character classes). */
const adminPass = v.pipe(text(), v.minLength(8), v.maxLength(26));
/** Cloud resource ids: UUIDs and the like. */
const id = v.pipe(
  v.string(),
  v.minLength(1, 'must not be empty'),
  v.maxLength(128, 'is too long for an id'),
  v.regex(/^[A-Za-z0-9][A-Za-z0-9_.:-]*$/, 'is not a valid id'),
);
const ids = (max = 1000) =>
  v.pipe(
    v.array(id),
    v.minLength(1, 'must name at least one resource'),
    v.maxLength(max, `must name at most ${max}`),
  );
const region = RegionSchema;
const accountId = AccountIdSchema;
const int = (min: number, max: number) =>
  v.pipe(v.number(), v.integer('must be a whole number'), v.minValue(min), v.maxValue(max));
/**
 * SECURITY: keys that would reach an object's prototype when assigned. valibot's record() skips
 * them silently, so they are refused on the raw object first, with a message that says why.
 */
const RESERVED_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);
const reservedKey = (r: Record<string, unknown>): string | undefined =>
  Object.keys(r).find((k) => RESERVED_KEYS.has(k));
const noReservedKeys = v.check(
  (r: Record<string, unknown>) => reservedKey(r) === undefined,
  (issue: v.CheckIssue<Record<string, unknown>>) =>
    `must not use the reserved key "${reservedKey(issue.input)}" (__proto__, constructor and prototype are refused)`,
);
const stringMap = (maxEntries: number, maxKey = 255, maxValue = 255) =>
  v.pipe(
    plainObject,
    noReservedKeys,
    v.record(v.pipe(text(), v.minLength(1, 'keys must not be empty'), v.maxLength(maxKey)), str(maxValue)),
    v.check((r) => Object.keys(r).length <= maxEntries, `must have at most ${maxEntries} entries`),
  );

/** `{ accountId, region }`: every cloud call's scope. */
export const ScopeSchema = obj({ accountId, region });
const scoped = <T extends v.ObjectEntries>(entries: T) => obj({ accountId, region, ...entries });

const empty = obj({});
const tag = obj({ key: nonEmpty(127), value: str(255) });
// Account input has one schema, shared with the accounts service and the accounts file.
export { AddAccountSchema, EditAccountSchema } from '../accounts-schema';

/** Largest user data the API accepts, in UTF-8 bytes before base64 encoding (§5.1.1: 32 KB). */
export const MAX_USER_DATA_BYTES = 32 * 1024;
/** The UTF-8 size of `text` in bytes. */
export function utf8Bytes(text: string): number {
  return new TextEncoder().encode(text).length;
}
/** Plain-text user data (main base64-encodes it once for the API; see the header). */
const userData = v.pipe(
  text(),
  // A cheap bound first: no character takes less than one UTF-8 byte.
  v.maxLength(MAX_USER_DATA_BYTES, 'user data is limited to 32 KB'),
  v.check(
    (t) => utf8Bytes(t) <= MAX_USER_DATA_BYTES,
    'user data is limited to 32 KB (UTF-8, before encoding)',
  ),
);

const serverListFilter = obj({
  name: v.optional(str(255)),
  status: v.optional(str(32)),
  flavorId: v.optional(id),
  ip: v.optional(str(64)),
  tags: v.optional(
    v.pipe(v.array(obj({ key: nonEmpty(127), value: v.optional(str(255)) })), v.maxLength(10)),
  ),
  notTags: v.optional(
    v.pipe(v.array(obj({ key: nonEmpty(127), value: v.optional(str(255)) })), v.maxLength(10)),
  ),
});

const nicSpec = obj({ subnetId: id, ipAddress: v.optional(str(64)) });
const createServerSpec = obj({
  name: nonEmpty(128),
  imageId: id,
  flavorId: id,
  vpcId: id,
  nics: v.pipe(
    v.array(nicSpec),
    v.minLength(1, 'needs at least one NIC'),
    v.maxLength(12, 'at most 12 NICs'),
  ),
  securityGroupIds: v.optional(v.pipe(v.array(id), v.maxLength(5))),
  availabilityZone: v.optional(str(64)),
  rootVolume: obj({ volumeType: nonEmpty(32), sizeGb: v.optional(int(1, 1024)) }),
  dataVolumes: v.optional(
    v.pipe(
      v.array(obj({ volumeType: nonEmpty(32), sizeGb: int(10, 32768) })),
      v.maxLength(59, 'at most 59 data disks'),
    ),
  ),
  keyName: v.optional(nonEmpty(255)),
  adminPass: v.optional(adminPass),
  userData: v.optional(userData),
  count: v.optional(int(1, 500)),
  tags: v.optional(v.pipe(v.array(tag), v.maxLength(10, 'at most 10 tags'))),
  metadata: v.optional(stringMap(10)),
  description: v.optional(str(85)),
  serverGroupId: v.optional(id),
  publicIp: v.optional(obj({ bandwidthMbit: int(1, 1000), ipType: nonEmpty(32) })),
});

/** Argument schema of every invoke channel. */
export const invokeSchemas = {
  'app.info': empty,

  'accounts.list': empty,
  'accounts.add': AddAccountSchema,
  'accounts.edit': EditAccountSchema,
  'accounts.remove': obj({ id: accountId }),
  'accounts.test': obj({ id: accountId, region: v.optional(region) }),
  'accounts.setDefault': obj({ id: accountId }),
  'accounts.reorder': obj({ ids: v.pipe(v.array(accountId), v.maxLength(500)) }),
  'accounts.importPreview': empty,
  'accounts.import': obj({
    candidateIds: v.pipe(v.array(nonEmpty(128)), v.minLength(1), v.maxLength(200)),
  }),
  'accounts.export': empty,
  'accounts.importExport': obj({ json: v.pipe(text(), v.maxLength(1_000_000)) }),
  'accounts.keychainStatus': empty,
  'accounts.setVaultMode': obj({ mode: v.picklist(['keychain', 'session-only']) }),
  'regions.list': obj({ accountId }),

  'servers.list': scoped({
    limit: v.optional(int(1, 1000)),
    marker: v.optional(id),
    filter: v.optional(serverListFilter),
  }),
  'servers.get': scoped({ id }),
  'servers.create': scoped({ spec: createServerSpec, dryRun: v.optional(v.boolean()) }),
  'servers.delete': scoped({ ids: ids(1000), deleteVolumes: v.boolean(), deletePublicIp: v.boolean() }),
  'servers.start': scoped({ ids: ids(1000) }),
  'servers.stop': scoped({ ids: ids(1000), type: v.picklist(['SOFT', 'HARD']) }),
  'servers.reboot': scoped({ ids: ids(1000), type: v.picklist(['SOFT', 'HARD']) }),
  'servers.resize': scoped({
    id,
    flavorId: id,
    mode: v.picklist(['ecs', 'nova']),
    dryRun: v.optional(v.boolean()),
  }),
  'servers.confirmResize': scoped({ id }),
  'servers.revertResize': scoped({ id }),
  'servers.rebuild': scoped({
    id,
    imageId: id,
    name: v.optional(nonEmpty(254)),
    adminPass: v.optional(adminPass),
  }),
  'servers.reinstall': scoped({
    id,
    keyName: v.optional(nonEmpty(255)),
    adminPass: v.optional(adminPass),
    userData: v.optional(userData),
  }),
  'servers.changeOs': scoped({
    id,
    imageId: id,
    keyName: v.optional(nonEmpty(255)),
    adminPass: v.optional(adminPass),
    userData: v.optional(userData),
  }),
  'servers.lock': scoped({ id }),
  'servers.unlock': scoped({ id }),
  'servers.migrate': scoped({ id, dedicatedHostId: v.optional(id) }),
  'servers.update': scoped({ id, name: v.optional(nonEmpty(255)), description: v.optional(str(255)) }),
  'servers.createImage': scoped({ id, name: nonEmpty(128), metadata: v.optional(stringMap(50)) }),
  'servers.getMetadata': scoped({ id }),
  'servers.setMetadata': scoped({ id, metadata: stringMap(10), replace: v.optional(v.boolean()) }),
  'servers.deleteMetadata': scoped({ id, key: nonEmpty(255) }),
  'servers.consoleOutput': scoped({ id, length: v.optional(int(-1, 100_000)) }),
  'servers.actions': scoped({ id }),
  'servers.addSecurityGroup': scoped({ id, securityGroup: nonEmpty(255) }),
  'servers.removeSecurityGroup': scoped({ id, securityGroup: nonEmpty(255) }),
  'servers.getPassword': scoped({ id }),
  'servers.deletePassword': scoped({ id }),

  // A page: skip `offset` disks, at most `limit` (default and most 1,000, the API's cap).
  'disks.list': scoped({ offset: v.optional(int(0, 1_000_000)), limit: v.optional(int(1, 1000)) }),
  'disks.listForServer': scoped({ serverId: id }),
  'disks.attach': scoped({
    serverId: id,
    volumeId: id,
    device: v.optional(
      v.pipe(v.string(), v.regex(/^\/dev\/[a-z]{2,4}[a-z]$/, 'is not a device name like /dev/vdb')),
    ),
  }),
  'disks.detach': scoped({ serverId: id, volumeId: id, force: v.optional(v.boolean()) }),
  'disks.create': scoped({
    name: nonEmpty(255),
    sizeGb: int(10, 32768),
    volumeType: v.optional(nonEmpty(32)),
    availabilityZone: v.optional(str(64)),
    description: v.optional(str(255)),
  }),
  'disks.delete': scoped({ id }),

  'nics.list': scoped({ serverId: id }),
  // A page of every NIC of the region (2000 = the VPC port list's page); serverId: that server's only.
  'nics.listAll': scoped({
    limit: v.optional(int(1, 2000)),
    marker: v.optional(id),
    serverId: v.optional(id),
  }),
  'nics.add': scoped({
    serverId: id,
    nics: v.pipe(
      v.array(
        obj({
          subnetId: id,
          ipAddress: v.optional(str(64)),
          securityGroupIds: v.optional(v.pipe(v.array(id), v.maxLength(5))),
        }),
      ),
      v.minLength(1),
      v.maxLength(12),
    ),
  }),
  'nics.delete': scoped({ serverId: id, portIds: ids(12) }),
  'networks.list': scoped({}),

  'tags.server': scoped({ id }),
  'tags.project': scoped({}),
  'tags.filterServers': scoped({
    tags: v.optional(
      v.pipe(
        v.array(
          obj({
            key: nonEmpty(127),
            values: v.optional(v.pipe(v.array(str(255)), v.maxLength(10))),
          }),
        ),
        v.maxLength(10),
      ),
    ),
    notTags: v.optional(
      v.pipe(
        v.array(
          obj({
            key: nonEmpty(127),
            values: v.optional(v.pipe(v.array(str(255)), v.maxLength(10))),
          }),
        ),
        v.maxLength(10),
      ),
    ),
    name: v.optional(str(255)),
    limit: v.optional(int(1, 1000)),
    offset: v.optional(int(0, 1_000_000)),
  }),
  'tags.batchAdd': scoped({ ids: ids(1000), tags: v.pipe(v.array(tag), v.minLength(1), v.maxLength(10)) }),
  'tags.batchDelete': scoped({
    ids: ids(1000),
    tags: v.pipe(
      v.array(obj({ key: nonEmpty(127), value: v.optional(str(255)) })),
      v.minLength(1),
      v.maxLength(10),
    ),
  }),
  'tags.nova': scoped({ id }),
  'tags.novaReplace': scoped({ id, tags: v.pipe(v.array(nonEmpty(80)), v.maxLength(50)) }),

  'flavors.list': scoped({ availabilityZone: v.optional(str(64)) }),
  'images.list': scoped({}),
  'zones.list': scoped({}),
  'vpcs.list': scoped({}),
  'subnets.list': scoped({ vpcId: v.optional(id) }),
  'securityGroups.list': scoped({ vpcId: v.optional(id) }),

  'keypairs.list': scoped({}),
  'keypairs.create': scoped({
    name: v.pipe(nonEmpty(64), v.regex(/^[A-Za-z0-9_-]+$/, 'may use letters, digits, - and _ only')),
  }),
  'keypairs.import': scoped({
    name: v.pipe(nonEmpty(64), v.regex(/^[A-Za-z0-9_-]+$/, 'may use letters, digits, - and _ only')),
    publicKey: v.pipe(nonEmpty(1024), v.regex(/^(ssh-|ecdsa-)/, 'is not an OpenSSH public key')),
  }),
  'keypairs.delete': scoped({ name: nonEmpty(64) }),

  'serverGroups.list': scoped({}),
  'serverGroups.get': scoped({ id }),
  'serverGroups.create': scoped({ name: nonEmpty(255), policy: v.picklist(['anti-affinity']) }),
  'serverGroups.delete': scoped({ id }),
  'serverGroups.addMember': scoped({ id, serverId: id }),
  'serverGroups.removeMember': scoped({ id, serverId: id }),

  'quotas.get': scoped({}),

  'jobs.list': obj({ accountId: v.optional(accountId) }),
  'jobs.retry': obj({ id: nonEmpty(64) }),
  'jobs.forget': obj({ id: nonEmpty(64) }),

  'settings.get': empty,
  'settings.set': obj({ welcomeDismissed: v.optional(v.boolean()), updateCheck: v.optional(v.boolean()) }),
  'updates.status': empty,
  'updates.check': empty,
  'updates.dismiss': obj({ version: nonEmpty(64) }),
  'app.setScope': obj({ accountId, region }),
  'fleet.list': obj({
    listingId: v.optional(nonEmpty(64)),
    scopes: v.optional(v.pipe(v.array(obj({ accountId, region })), v.maxLength(1000))),
  }),
  'fleet.batch': obj({
    action: v.picklist(['start', 'stop', 'reboot', 'delete', 'tag']),
    targets: v.pipe(
      v.array(obj({ accountId, region, ids: ids(1000), names: v.optional(stringMap(1000, 64, 255)) })),
      v.minLength(1, 'needs at least one scope'),
      v.maxLength(1000),
    ),
    type: v.optional(v.picklist(['SOFT', 'HARD'])),
    deleteVolumes: v.optional(v.boolean()),
    deletePublicIp: v.optional(v.boolean()),
    tags: v.optional(v.pipe(v.array(tag), v.minLength(1), v.maxLength(10))),
  }),
  'fleet.batches': empty,
} as const;

/** Every invoke channel name. */
export type InvokeChannel = keyof typeof invokeSchemas;

/** The validated argument type of channel `C`. */
export type InvokeArg<C extends InvokeChannel> = v.InferOutput<(typeof invokeSchemas)[C]>;

/** Fields whose values are secrets: validation messages never quote them. */
const SECRET_FIELDS: ReadonlySet<string> = new Set(['secretKey', 'securityToken', 'password', 'adminPass']);

/**
 * The path of the first string (value or key) in `value` that is not well-formed UTF-16, or
 * undefined. Run on the parsed output, which the schema has already bounded in size and depth.
 */
function malformedTextPath(value: unknown, path: string[]): string[] | undefined {
  if (typeof value === 'string') return isWellFormedText(value) ? undefined : path;
  if (typeof value !== 'object' || value === null) return undefined;
  for (const [k, item] of Object.entries(value)) {
    if (!isWellFormedText(k)) return [...path, k];
    const found = malformedTextPath(item, [...path, k]);
    if (found) return found;
  }
  return undefined;
}

/** A path for a message: each key cut to 64 characters, lone surrogates shown as U+FFFD. */
const pathText = (keys: readonly unknown[]): string =>
  keys.map((k) => toWellFormedText(String(k).slice(0, 64))).join('.');

/** Validates `payload` for `channel`: the parsed value, or a message naming each bad field. */
export function validateInvoke<C extends InvokeChannel>(
  channel: C,
  payload: unknown,
): { ok: true; value: InvokeArg<C> } | { ok: false; message: string } {
  const schema = invokeSchemas[channel] as v.GenericSchema;
  const res = v.safeParse(schema, payload);
  if (res.success) {
    // Every field built from text() already refused a lone surrogate; this catches the rest
    // (record keys, fields declared with a bare v.string()), so no channel can let one through.
    const bad = malformedTextPath(res.output, []);
    if (bad)
      return {
        ok: false,
        message: `Invalid arguments for ${channel}: ${pathText(bad)}: contains a lone surrogate (malformed Unicode text)`,
      };
    return { ok: true, value: res.output as InvokeArg<C> };
  }
  const parts = res.issues.slice(0, 5).map((issue) => {
    const keys = issue.path?.map((p) => p.key) ?? [];
    const path = pathText(keys);
    // valibot's default messages end in "but received <the value>": cut it, so nothing typed
    // (a pasted secret, megabytes of text) is echoed back.
    const bare = issue.message.replace(/ but received [\s\S]*$/, '');
    const message = keys.some((k) => SECRET_FIELDS.has(String(k)))
      ? `is not valid (${issue.kind} ${issue.type})`
      : bare.length > 200
        ? `${bare.slice(0, 200)}…`
        : bare;
    return path ? `${path}: ${message}` : message;
  });
  const more = res.issues.length > 5 ? ` (and ${res.issues.length - 5} more)` : '';
  return { ok: false, message: `Invalid arguments for ${channel}: ${parts.join('; ')}${more}` };
}
