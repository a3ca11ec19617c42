/**
 * The one schema of account input and of the stored account profile (valibot, no Node or DOM).
 * The IPC layer validates `accounts.add` / `accounts.edit` with it, the accounts service parses
 * its input with it, and the accounts file is checked with it on load and before every save, so a
 * value one of them accepts is never refused by another.
 *
 * Limits ({@link ACCOUNT_LIMITS}) are the widest any earlier version of the app wrote to the
 * accounts file: a file that loaded before still loads. The sidebar truncates long names and
 * labels with an ellipsis, so the limits guard memory and the file, not the layout.
 */
import * as v from 'valibot';
import { SECRET_KINDS } from './accounts';

/** Bounds of account fields, in characters (after trimming where the field is trimmed). */
export const ACCOUNT_LIMITS = {
  /** The account's display name. */
  name: 200,
  /** The short label shown beside the name. */
  label: 100,
  /** IAM user and account (domain) names of password accounts. */
  userName: 200,
  domainName: 200,
  /** Access key ids are 8 to 128 letters and digits (Huawei's are 20). */
  accessKeyId: 128,
  /** Secret keys and security tokens (temporary tokens run to a few KB). */
  secret: 8192,
  /** IAM passwords (not trimmed: spaces are valid characters). */
  password: 1024,
  /** Domain and project ids. */
  id: 128,
  /** Regions enabled on one account. */
  regions: 64,
  /** Endpoint and proxy URLs. */
  url: 2048,
} as const;

/** Refuses arrays, which valibot's object schemas let through (an empty array has no unknown key). */
const plainObject = v.custom<Record<string, unknown>>(
  (x) => typeof x === 'object' && x !== null && !Array.isArray(x),
  'must be an object',
);

/** Region names such as `cn-north-4`, `ap-southeast-1`, `sandbox-1`. */
export const RegionSchema = v.pipe(
  v.string(),
  v.regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'must be a region name like cn-north-4'),
);

/** An https (or http, for local simulators) base URL without credentials, query or fragment. */
export const EndpointUrlSchema = v.pipe(
  v.string(),
  v.maxLength(ACCOUNT_LIMITS.url, `must be at most ${ACCOUNT_LIMITS.url} characters`),
  v.check((s) => {
    try {
      const u = new URL(s);
      return (
        (u.protocol === 'https:' || u.protocol === 'http:') &&
        u.username === '' &&
        u.password === '' &&
        u.search === '' &&
        u.hash === ''
      );
    } catch {
      return false;
    }
  }, 'must be an http(s) URL without user name, password, query or fragment'),
);

/** A proxy URL: http(s) or socks, never with credentials in it. */
export const ProxyUrlSchema = v.pipe(
  v.string(),
  v.maxLength(ACCOUNT_LIMITS.url, `must be at most ${ACCOUNT_LIMITS.url} characters`),
  v.check((s) => {
    try {
      const u = new URL(s);
      // SECURITY: credentials in a proxy URL would land in the plaintext accounts file; refuse them.
      return /^(https?|socks5?):$/.test(u.protocol) && u.username === '' && u.password === '';
    } catch {
      return false;
    }
  }, 'must be a proxy URL like http://proxy:3128, without user name or password'),
);

/** An ISO 8601 time (anything `Date.parse` reads, as the accounts file always held). */
export const IsoDateSchema = v.pipe(
  v.string(),
  v.maxLength(64, 'is too long for a date'),
  v.check((s) => !Number.isNaN(Date.parse(s)), 'must be an ISO 8601 date'),
);

/** A CSS hex colour `#rrggbb`. */
export const ColourSchema = v.pipe(v.string(), v.regex(/^#[0-9a-fA-F]{6}$/, 'must be a colour like #1a2b3c'));

/** A domain or project id (hex ids in practice; ids with `-_.:` are accepted too). */
export const CloudIdSchema = v.pipe(
  v.string(),
  v.minLength(1, 'must not be empty'),
  v.maxLength(ACCOUNT_LIMITS.id, 'is too long for an id'),
  v.regex(/^[A-Za-z0-9][A-Za-z0-9_.:-]*$/, 'is not a valid id'),
);

const bounded = (max: number) =>
  v.pipe(
    v.string(),
    v.trim(),
    v.minLength(1, 'must not be empty'),
    v.maxLength(max, `must be at most ${max} characters`),
  );

/** An account's display name: trimmed, 1 to {@link ACCOUNT_LIMITS.name} characters. */
export const AccountNameSchema = bounded(ACCOUNT_LIMITS.name);
/** An account's label: at most {@link ACCOUNT_LIMITS.label} characters (may be empty). */
export const LabelSchema = v.pipe(
  v.string(),
  v.maxLength(ACCOUNT_LIMITS.label, `must be at most ${ACCOUNT_LIMITS.label} characters`),
);
/** An IAM user name. */
export const UserNameSchema = bounded(ACCOUNT_LIMITS.userName);
/** An account (domain) name. */
export const DomainNameSchema = bounded(ACCOUNT_LIMITS.domainName);
/** An access key id: not a secret (views show it masked). */
export const AccessKeyIdSchema = v.pipe(
  v.string(),
  v.trim(),
  v.regex(/^[A-Za-z0-9]{8,128}$/, 'must be 8 to 128 letters and digits'),
);
const secret = (what: string) =>
  v.pipe(
    v.string(),
    v.trim(),
    v.minLength(1, `${what} must not be empty`),
    v.maxLength(ACCOUNT_LIMITS.secret, `${what} is too long`),
  );
const PasswordSchema = v.pipe(
  v.string(),
  v.minLength(1, 'the password must not be empty'),
  v.maxLength(ACCOUNT_LIMITS.password, 'the password is too long'),
);
const RegionListSchema = v.pipe(
  v.array(RegionSchema),
  v.maxLength(ACCOUNT_LIMITS.regions, `must list at most ${ACCOUNT_LIMITS.regions} regions`),
);

/** Custom endpoints of an account (each one optional). */
export const EndpointsSchema = v.pipe(
  plainObject,
  v.strictObject({
    ecs: v.optional(EndpointUrlSchema),
    iam: v.optional(EndpointUrlSchema),
    vpc: v.optional(EndpointUrlSchema),
  }),
);

const settings = {
  name: AccountNameSchema,
  defaultRegion: RegionSchema,
  regions: v.optional(RegionListSchema),
  projectOverrides: v.optional(v.pipe(plainObject, v.record(RegionSchema, CloudIdSchema))),
  endpoints: v.optional(EndpointsSchema),
  proxyUrl: v.optional(ProxyUrlSchema),
  color: v.optional(ColourSchema),
  label: v.optional(LabelSchema),
  hidden: v.optional(v.boolean()),
};

/** Input of `accounts.add`: one of the three account kinds; unknown keys are refused. */
export const AddAccountSchema = v.variant('kind', [
  v.strictObject({
    kind: v.literal('aksk'),
    ...settings,
    accessKeyId: AccessKeyIdSchema,
    secretKey: secret('the secret key'),
    domainId: v.optional(CloudIdSchema),
  }),
  v.strictObject({
    kind: v.literal('temporary'),
    ...settings,
    accessKeyId: AccessKeyIdSchema,
    secretKey: secret('the secret key'),
    securityToken: secret('the security token'),
    expiresAt: v.optional(IsoDateSchema),
    domainId: v.optional(CloudIdSchema),
  }),
  v.strictObject({
    kind: v.literal('password'),
    ...settings,
    userName: UserNameSchema,
    domainName: DomainNameSchema,
    password: PasswordSchema,
  }),
]);

/** An account id (a UUID, or `sandbox`). */
export const AccountIdSchema = v.pipe(
  v.string(),
  v.minLength(1, 'must not be empty'),
  v.maxLength(64),
  v.regex(/^[A-Za-z0-9_-]+$/, 'is not an account id'),
);

/** Input of `accounts.edit`: every field optional; `null` clears an optional field. */
export const EditAccountSchema = v.pipe(
  plainObject,
  v.strictObject({
    id: AccountIdSchema,
    name: v.optional(AccountNameSchema),
    defaultRegion: v.optional(RegionSchema),
    regions: v.optional(RegionListSchema),
    projectOverrides: v.optional(v.pipe(plainObject, v.record(RegionSchema, v.nullable(CloudIdSchema)))),
    endpoints: v.optional(v.nullable(EndpointsSchema)),
    proxyUrl: v.optional(v.nullable(ProxyUrlSchema)),
    color: v.optional(v.nullable(ColourSchema)),
    label: v.optional(v.nullable(LabelSchema)),
    hidden: v.optional(v.boolean()),
    rotate: v.optional(
      v.pipe(
        plainObject,
        v.strictObject({
          accessKeyId: v.optional(AccessKeyIdSchema),
          secretKey: v.optional(secret('the secret key')),
          securityToken: v.optional(secret('the security token')),
          expiresAt: v.optional(IsoDateSchema),
          userName: v.optional(UserNameSchema),
          domainName: v.optional(DomainNameSchema),
          password: v.optional(PasswordSchema),
        }),
      ),
    ),
  }),
);

/**
 * One account profile as stored in the accounts file (no secrets). Not strict on purpose
 * (SECURITY): an unknown key such as a hand-added `sk` or `password` is dropped on load, never kept.
 */
export const AccountProfileSchema = v.object({
  id: v.pipe(v.string(), v.minLength(1), v.maxLength(200)),
  name: AccountNameSchema,
  kind: v.picklist(['aksk', 'temporary', 'password']),
  builtin: v.optional(v.boolean()),
  // The same limit as the input, but not its letters-and-digits check: a file written by an older
  // version must still load, and a stored key id is only ever shown masked.
  accessKeyId: v.optional(v.pipe(v.string(), v.minLength(1), v.maxLength(ACCOUNT_LIMITS.accessKeyId))),
  domainId: v.optional(CloudIdSchema),
  userName: v.optional(UserNameSchema),
  domainName: v.optional(DomainNameSchema),
  securityTokenExpiresAt: v.optional(IsoDateSchema),
  defaultRegion: RegionSchema,
  regions: RegionListSchema,
  projects: v.record(
    RegionSchema,
    v.object({ id: CloudIdSchema, source: v.picklist(['discovered', 'override']) }),
  ),
  endpoints: v.object({
    ecs: v.optional(EndpointUrlSchema),
    iam: v.optional(EndpointUrlSchema),
    vpc: v.optional(EndpointUrlSchema),
  }),
  proxyUrl: v.optional(ProxyUrlSchema),
  color: v.optional(ColourSchema),
  label: v.optional(LabelSchema),
  order: v.number(),
  hidden: v.boolean(),
  /** Which secret kinds were written to the vault for this account (names only, never values). */
  storedSecrets: v.array(v.picklist(SECRET_KINDS)),
  createdAt: IsoDateSchema,
  updatedAt: IsoDateSchema,
});
