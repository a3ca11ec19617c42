/**
 * Account profiles from validated input: a new profile (with the secrets to store) from
 * `accounts.add`, and an edited copy (with the secrets to rotate) from `accounts.edit`. Pure: the
 * service writes the results to the vault and the accounts file.
 */
import type * as v from 'valibot';
import type { CustomEndpoints } from '../../shared/accounts';
import type { AddAccountSchema, EditAccountSchema } from '../../shared/accounts-schema';
import { ValidationError } from '../cloud/errors';
import type { Secrets } from './account-secrets';
import type { AccountProfile } from './accounts-store';

/** Validated `accounts.add` input. */
export type AddAccountParsed = v.InferOutput<typeof AddAccountSchema>;
/** Validated `accounts.edit` input. */
export type EditAccountParsed = v.InferOutput<typeof EditAccountSchema>;

function cleanEndpoints(e: CustomEndpoints | undefined): CustomEndpoints {
  const out: CustomEndpoints = {};
  if (e?.ecs) out.ecs = e.ecs;
  if (e?.iam) out.iam = e.iam;
  if (e?.vpc) out.vpc = e.vpc;
  return out;
}

/** The profile of a new account and the secrets to store for it. */
export function newProfile(
  parsed: AddAccountParsed,
  ctx: { id: string; order: number; at: string },
): { profile: AccountProfile; secrets: Secrets } {
  const regions = [...new Set([parsed.defaultRegion, ...(parsed.regions ?? [])])];
  const profile: AccountProfile = {
    id: ctx.id,
    name: parsed.name,
    kind: parsed.kind,
    defaultRegion: parsed.defaultRegion,
    regions,
    projects: Object.fromEntries(
      Object.entries(parsed.projectOverrides ?? {}).map(([r, pid]) => [
        r,
        { id: pid, source: 'override' as const },
      ]),
    ),
    endpoints: cleanEndpoints(parsed.endpoints),
    order: ctx.order,
    hidden: parsed.hidden ?? false,
    storedSecrets: [],
    createdAt: ctx.at,
    updatedAt: ctx.at,
  };
  if (parsed.proxyUrl !== undefined) profile.proxyUrl = parsed.proxyUrl;
  if (parsed.color !== undefined) profile.color = parsed.color;
  if (parsed.label !== undefined) profile.label = parsed.label;
  const secrets: Secrets = {};
  if (parsed.kind === 'password') {
    profile.userName = parsed.userName;
    profile.domainName = parsed.domainName;
    secrets.password = parsed.password;
  } else {
    profile.accessKeyId = parsed.accessKeyId;
    if (parsed.domainId) profile.domainId = parsed.domainId;
    secrets.sk = parsed.secretKey;
    if (parsed.kind === 'temporary') {
      secrets.securityToken = parsed.securityToken;
      if (parsed.expiresAt !== undefined) profile.securityTokenExpiresAt = parsed.expiresAt;
    }
  }
  profile.storedSecrets = Object.keys(secrets) as AccountProfile['storedSecrets'];
  return { profile, secrets };
}

/** The Sandbox account may only be hidden, labelled or coloured. */
function checkBuiltinEdit(parsed: EditAccountParsed): void {
  const allowed = ['id', 'hidden', 'label', 'color'];
  const extra = Object.keys(parsed).filter((k) => !allowed.includes(k));
  if (extra.length > 0)
    throw new ValidationError(
      `The Sandbox account cannot be changed (${extra.join(', ')}); it can only be hidden, labelled or coloured.`,
    );
}

/** The new credentials of a rotation, checked against the account's kind. */
function rotation(p: AccountProfile, r: NonNullable<EditAccountParsed['rotate']>): Secrets {
  const out: Secrets = {};
  if (p.kind === 'password') {
    if (r.accessKeyId !== undefined || r.secretKey !== undefined || r.securityToken !== undefined)
      throw new ValidationError('A password account has no access key or token to rotate.');
    if (r.userName !== undefined) p.userName = r.userName;
    if (r.domainName !== undefined) p.domainName = r.domainName;
    if (r.password !== undefined) out.password = r.password;
    return out;
  }
  if (r.password !== undefined || r.userName !== undefined || r.domainName !== undefined)
    throw new ValidationError('An access-key account has no password to rotate.');
  // A new access key id without its secret key would pair the new id with the old secret.
  if (r.accessKeyId !== undefined && r.accessKeyId !== p.accessKeyId && r.secretKey === undefined)
    throw new ValidationError('A new access key id needs its secret key.');
  if (r.accessKeyId !== undefined) p.accessKeyId = r.accessKeyId;
  if (r.secretKey !== undefined) out.sk = r.secretKey;
  if (p.kind === 'temporary') {
    if (r.securityToken !== undefined) out.securityToken = r.securityToken;
    if (r.expiresAt !== undefined) p.securityTokenExpiresAt = r.expiresAt;
    if (out.sk !== undefined && out.securityToken === undefined)
      throw new ValidationError('A new temporary key needs its new security token.');
  } else if (r.securityToken !== undefined || r.expiresAt !== undefined)
    throw new ValidationError('A permanent access key has no security token.');
  return out;
}

/** An edited copy of `old` and the secrets to write; throws ValidationError for a refused change. */
export function editedProfile(
  old: AccountProfile,
  parsed: EditAccountParsed,
  at: string,
): { profile: AccountProfile; secrets: Secrets } {
  if (old.builtin) checkBuiltinEdit(parsed);
  const p: AccountProfile = structuredClone(old);
  if (parsed.name !== undefined) p.name = parsed.name;
  if (parsed.regions !== undefined) p.regions = [...new Set(parsed.regions)];
  if (parsed.defaultRegion !== undefined) p.defaultRegion = parsed.defaultRegion;
  if (!p.regions.includes(p.defaultRegion)) p.regions = [p.defaultRegion, ...p.regions];
  for (const [region, pid] of Object.entries(parsed.projectOverrides ?? {})) {
    if (pid === null) {
      if (p.projects[region]?.source === 'override') delete p.projects[region];
    } else p.projects[region] = { id: pid, source: 'override' };
  }
  if (parsed.endpoints !== undefined) p.endpoints = cleanEndpoints(parsed.endpoints ?? undefined);
  for (const key of ['proxyUrl', 'color', 'label'] as const) {
    const value = parsed[key];
    if (value === null) delete p[key];
    else if (value !== undefined) p[key] = value;
  }
  if (parsed.hidden !== undefined) p.hidden = parsed.hidden;
  const secrets = parsed.rotate ? rotation(p, parsed.rotate) : {};
  p.storedSecrets = [
    ...new Set([...p.storedSecrets, ...(Object.keys(secrets) as AccountProfile['storedSecrets'])]),
  ];
  p.updatedAt = at;
  return { profile: p, secrets };
}
