/**
 * Huawei Cloud's public region catalogue (ECS, IAM and VPC hosts) and custom endpoints.
 *
 * The regions are those for which the official SDK region tables list all three services:
 * `EcsRegion` (huaweicloud-sdk-ecs 3.1.172), `VpcRegion` v2/v3 (huaweicloud-sdk-vpc 3.1.173) and
 * `IamRegion` (huaweicloud-sdk-iam, not installed: taken from the SDK repositories). Hosts follow
 * `{service}.{region}.myhuaweicloud.com`, except `eu-west-101` (the European site), which is on
 * `.myhuaweicloud.eu`. The installed ECS and VPC tables still say `.com` for it, while the IAM
 * table and the newer VPC tables of the other SDKs say `.eu`; Huawei's European site serves
 * `.myhuaweicloud.eu`, so all three use it here.
 */
import { ConfigError } from './errors';

/** One region of the catalogue: its id (as in API hosts) and the console's display name. */
export interface RegionInfo {
  id: string;
  name: string;
}

/** Base URLs (https, no trailing slash) of the services the app calls in one region. */
export interface ServiceEndpoints {
  ecs: string;
  iam: string;
  vpc: string;
}

/** Per-service endpoint overrides (a proxy, a private cloud, the simulator); absent ones use the catalogue. */
export type CustomEndpoints = Partial<ServiceEndpoints>;

/** The public regions, sorted by id. */
export const REGIONS: readonly RegionInfo[] = Object.freeze(
  [
    { id: 'ae-ad-1', name: 'ME-Abu Dhabi' },
    { id: 'af-south-1', name: 'AF-Johannesburg' },
    { id: 'ap-southeast-1', name: 'CN-Hong Kong' },
    { id: 'ap-southeast-2', name: 'AP-Bangkok' },
    { id: 'ap-southeast-3', name: 'AP-Singapore' },
    { id: 'ap-southeast-4', name: 'AP-Jakarta' },
    { id: 'cn-east-2', name: 'CN East-Shanghai2' },
    { id: 'cn-east-3', name: 'CN East-Shanghai1' },
    { id: 'cn-east-4', name: 'CN East2' },
    { id: 'cn-east-5', name: 'CN East-Qingdao' },
    { id: 'cn-north-1', name: 'CN North-Beijing1' },
    { id: 'cn-north-2', name: 'CN North-Beijing2' },
    { id: 'cn-north-4', name: 'CN North-Beijing4' },
    { id: 'cn-north-9', name: 'CN North-Ulanqab1' },
    { id: 'cn-south-1', name: 'CN South-Guangzhou' },
    { id: 'cn-south-2', name: 'CN South-Shenzhen' },
    { id: 'cn-southwest-2', name: 'CN Southwest-Guiyang1' },
    { id: 'eu-west-0', name: 'EU-Paris' },
    { id: 'eu-west-101', name: 'EU-Dublin' },
    { id: 'la-north-2', name: 'LA-Mexico City2' },
    { id: 'la-south-2', name: 'LA-Santiago' },
    { id: 'me-east-1', name: 'ME-Riyadh' },
    { id: 'my-kualalumpur-1', name: 'AP-Kuala Lumpur1' },
    { id: 'na-mexico-1', name: 'LA-Mexico City1' },
    { id: 'ru-moscow-1', name: 'RU-Moscow1' },
    { id: 'sa-brazil-1', name: 'LA-Sao Paulo1' },
    { id: 'tr-west-1', name: 'TR-Istanbul' },
  ].map((r) => Object.freeze(r)),
);

const BY_ID: ReadonlyMap<string, RegionInfo> = new Map(REGIONS.map((r) => [r.id, r]));

/** Regions whose hosts live under `.myhuaweicloud.eu` instead of `.myhuaweicloud.com`. */
const EU_SITE: ReadonlySet<string> = new Set(['eu-west-101']);

/** The shape of a region id; also accepted for private regions when every endpoint is custom. */
const REGION_ID_RE = /^[a-z]{2,}(?:-[a-z0-9]+)+$/;

/** Whether `id` is a region of the public catalogue. */
export function isKnownRegion(id: string): boolean {
  return BY_ID.has(id);
}

/** The catalogue entry of a region, or undefined when it is not in the catalogue. */
export function findRegion(id: string): RegionInfo | undefined {
  return BY_ID.get(id);
}

/** The catalogue's base URL of one service in one known region. */
function catalogueUrl(service: keyof ServiceEndpoints, region: string): string {
  const domain = EU_SITE.has(region) ? 'myhuaweicloud.eu' : 'myhuaweicloud.com';
  return `https://${service}.${region}.${domain}`;
}

/**
 * Resolves the ECS, IAM and VPC base URLs of a region, each custom endpoint replacing the
 * catalogue's. Throws ConfigError for a region outside the catalogue (unless all three endpoints
 * are custom and the id is well formed, as for a private cloud or the simulator) and for a custom
 * URL that is not a plain http(s) base URL.
 */
export function resolveEndpoints(region: string, custom: CustomEndpoints = {}): ServiceEndpoints {
  const services = ['ecs', 'iam', 'vpc'] as const;
  const overrides: CustomEndpoints = {};
  for (const service of services) {
    const value = custom[service];
    if (value !== undefined) overrides[service] = normalizeCustomEndpoint(service, value);
  }
  const allCustom = services.every((s) => overrides[s] !== undefined);
  if (!isKnownRegion(region)) {
    if (!allCustom || !REGION_ID_RE.test(region)) {
      throw new ConfigError(
        `Unknown region "${region}".`,
        allCustom
          ? 'A region id looks like "cn-north-4".'
          : 'Pick a region from the list, or give custom ECS, IAM and VPC endpoints for a private region.',
      );
    }
  }
  return {
    ecs: overrides.ecs ?? catalogueUrl('ecs', region),
    iam: overrides.iam ?? catalogueUrl('iam', region),
    vpc: overrides.vpc ?? catalogueUrl('vpc', region),
  };
}

/**
 * Checks and normalizes one custom endpoint to `scheme://host[:port][/path]` without a trailing
 * slash; throws ConfigError for anything else.
 */
export function normalizeCustomEndpoint(service: string, value: string): string {
  const raw = value.trim();
  const bad = (why: string) =>
    new ConfigError(
      `The custom ${service.toUpperCase()} endpoint is not valid: ${why}.`,
      'Use a base URL such as https://ecs.example.com or http://127.0.0.1:8443.',
    );
  if (raw === '') throw bad('it is empty');
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw bad('it is not a URL');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw bad('only http and https are allowed');
  // SECURITY: credentials in an endpoint URL would be sent to (and logged by) every hop; the app
  // keeps secrets in the vault only.
  if (url.username !== '' || url.password !== '' || /^[a-z]+:\/\/[^/]*@/i.test(raw))
    throw bad('it must not contain a user name or password');
  // A query or fragment would be silently dropped or mangled when paths are appended.
  if (raw.includes('?') || raw.includes('#')) throw bad('it must not have a query or fragment');
  if (url.hostname === '') throw bad('it has no host');
  const path = url.pathname.replace(/\/+$/, '');
  return `${url.protocol}//${url.host}${path}`;
}
