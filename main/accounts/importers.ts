/**
 * Import of existing credentials: environment variables, the Huawei Cloud SDK credentials file,
 * KooCLI profiles and OpenStack clouds.yaml (+ secure.yaml). Preview first, then import the
 * candidates the user picked.
 *
 * SECURITY: a preview carries no secret (only whether one is present); the secrets of the last
 * scan stay in this main-process object and go straight to the vault on import.
 */
import { promises as fs } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseDocument } from 'yaml';
import type {
  AccountKind,
  AccountView,
  AddAccountInput,
  ImportCandidateView,
  ImportPreview,
  ImportProblem,
  ImportSourceKind,
} from '../../shared/accounts';
import { maskAccessKeyId } from '../../shared/accounts';
import { registerSecret } from '../cloud/redact';
import type { AccountsService } from './accounts.service';

/** The region assumed when a source names none (the user can change it after import). */
export const FALLBACK_REGION = 'cn-north-4';

/** One account found in a source, secrets included (main process only). */
export interface RawCandidate {
  source: ImportSourceKind;
  origin: string;
  profileName: string;
  accessKeyId?: string;
  secretKey?: string;
  securityToken?: string;
  userName?: string;
  domainName?: string;
  password?: string;
  domainId?: string;
  region?: string;
  projectId?: string;
  iamEndpoint?: string;
  /** Why this profile cannot be imported (unsupported auth mode), if so. */
  unsupported?: string;
}

/** What one parser found: candidates and problems (file, line, what is wrong). */
export interface ParseResult {
  candidates: RawCandidate[];
  problems: ImportProblem[];
}

/** Where the importers look; every field defaults to the real environment. */
export interface ImportSources {
  env?: Record<string, string | undefined>;
  home?: string;
  cwd?: string;
  /** System-wide OpenStack folder, `/etc/openstack` by default. */
  etcOpenstack?: string;
}

function nonEmpty(v: unknown): string | undefined {
  if (typeof v === 'number') return String(v);
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;
}

// ---------------------------------------------------------------------------------------------
// Environment variables

/**
 * Candidates from environment variables: the SDK's `HUAWEICLOUD_SDK_*` set and the Terraform
 * provider's `HW_*` set.
 */
export function fromEnvironment(env: Record<string, string | undefined>): ParseResult {
  const out: ParseResult = { candidates: [], problems: [] };
  const groups: Array<{ name: string; ak: string; sk: string; keys: Record<string, string> }> = [
    {
      name: 'HUAWEICLOUD_SDK_*',
      ak: 'HUAWEICLOUD_SDK_AK',
      sk: 'HUAWEICLOUD_SDK_SK',
      keys: {
        securityToken: 'HUAWEICLOUD_SDK_SECURITY_TOKEN',
        projectId: 'HUAWEICLOUD_SDK_PROJECT_ID',
        domainId: 'HUAWEICLOUD_SDK_DOMAIN_ID',
        iamEndpoint: 'HUAWEICLOUD_SDK_IAM_ENDPOINT',
        region: 'HUAWEICLOUD_SDK_REGION',
      },
    },
    {
      name: 'HW_*',
      ak: 'HW_ACCESS_KEY',
      sk: 'HW_SECRET_KEY',
      keys: {
        securityToken: 'HW_SECURITY_TOKEN',
        projectId: 'HW_PROJECT_ID',
        domainId: 'HW_DOMAIN_ID',
        iamEndpoint: 'HW_AUTH_URL',
        region: 'HW_REGION_NAME',
      },
    },
  ];
  for (const g of groups) {
    const ak = nonEmpty(env[g.ak]);
    const sk = nonEmpty(env[g.sk]);
    if (ak === undefined && sk === undefined) continue;
    if (ak === undefined) {
      out.problems.push({
        source: 'env',
        origin: 'environment',
        message: `${g.sk} is set but ${g.ak} is not.`,
      });
      continue;
    }
    const c: RawCandidate = { source: 'env', origin: 'environment', profileName: g.name, accessKeyId: ak };
    if (sk !== undefined) c.secretKey = sk;
    for (const [field, name] of Object.entries(g.keys)) {
      const value = nonEmpty(env[name]);
      if (value !== undefined) (c as unknown as Record<string, string>)[field] = value;
    }
    out.candidates.push(c);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// INI (the SDK credentials file)

/** A parsed INI file: sections of key/value pairs, with the line each section starts on. */
export interface IniSection {
  name: string;
  line: number;
  values: Record<string, string>;
}

/** Parses INI text strictly; throws `{ line, message }`-carrying errors for malformed lines. */
export function parseIni(text: string): IniSection[] {
  const sections: IniSection[] = [];
  let current: IniSection | undefined;
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  for (const [i, raw] of lines.entries()) {
    const lineNo = i + 1;
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || line.startsWith(';')) continue;
    if (line.startsWith('[')) {
      const m = /^\[\s*([^\]]+?)\s*\]$/.exec(line);
      if (!m)
        throw new IniError(lineNo, `malformed section header ${JSON.stringify(line)} (expected [name])`);
      const name = m[1]!;
      if (sections.some((s) => s.name === name))
        throw new IniError(lineNo, `section [${name}] appears twice`);
      current = { name, line: lineNo, values: {} };
      sections.push(current);
      continue;
    }
    const eq = line.indexOf('=');
    if (eq <= 0) throw new IniError(lineNo, 'expected "key = value" or "[section]"');
    const key = line.slice(0, eq).trim().toLowerCase();
    const value = line
      .slice(eq + 1)
      .trim()
      .replace(/^"(.*)"$/, '$1');
    if (!current) throw new IniError(lineNo, `"${key}" is outside of any [section]`);
    if (key in current.values) throw new IniError(lineNo, `"${key}" is set twice in [${current.name}]`);
    current.values[key] = value;
  }
  return sections;
}

/** A malformed INI line. */
export class IniError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(`line ${line}: ${message}`);
  }
}

const pick = (values: Record<string, string>, ...keys: string[]): string | undefined => {
  for (const k of keys) {
    const v = nonEmpty(values[k]);
    if (v !== undefined) return v;
  }
  return undefined;
};

/** Candidates from the SDK credentials file (`~/.huaweicloud/credentials`, INI, one section per profile). */
export function parseSdkCredentials(text: string, origin: string): ParseResult {
  const out: ParseResult = { candidates: [], problems: [] };
  let sections: IniSection[];
  try {
    sections = parseIni(text);
  } catch (err) {
    const line = err instanceof IniError ? err.line : undefined;
    out.problems.push({
      source: 'sdk-credentials',
      origin,
      ...(line !== undefined ? { line } : {}),
      message: `${origin}: ${(err as Error).message}`,
    });
    return out;
  }
  for (const s of sections) {
    const v = s.values;
    const ak = pick(v, 'ak', 'access_key', 'access_key_id');
    const sk = pick(v, 'sk', 'secret_key', 'secret_access_key');
    if (ak === undefined) {
      out.problems.push({
        source: 'sdk-credentials',
        origin,
        line: s.line,
        message: `${origin}: line ${s.line}: section [${s.name}] has no "ak"`,
      });
      continue;
    }
    const c: RawCandidate = { source: 'sdk-credentials', origin, profileName: s.name, accessKeyId: ak };
    if (sk !== undefined) c.secretKey = sk;
    const token = pick(v, 'security_token', 'securitytoken');
    if (token !== undefined) c.securityToken = token;
    const fields: Array<[keyof RawCandidate, string[]]> = [
      ['projectId', ['project_id']],
      ['domainId', ['domain_id']],
      ['iamEndpoint', ['iam_endpoint']],
      ['region', ['region', 'region_id']],
    ];
    for (const [field, keys] of fields) {
      const value = pick(v, ...keys);
      if (value !== undefined) (c as unknown as Record<string, string>)[field] = value;
    }
    out.candidates.push(c);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// KooCLI

function jsonErrorLine(text: string, err: Error): number | undefined {
  const lineCol = /line (\d+) column \d+/.exec(err.message);
  if (lineCol) return Number(lineCol[1]);
  const pos = /position (\d+)/.exec(err.message);
  if (pos) return text.slice(0, Number(pos[1])).split('\n').length;
  return undefined;
}

/**
 * Candidates from KooCLI's `~/.hcloud/config.json`. The format as KooCLI writes it:
 * `{ "profiles": [ { "name", "mode": "AKSK", "accessKeyId", "secretAccessKey", "securityToken",
 * "region", "projectId", "domainId", ... } ] }`. Other modes (ecsAgency, SSO, token) are listed as
 * not importable. Parsed tolerantly: profiles as an array or a name-keyed object.
 */
export function parseKooCliConfig(text: string, origin: string): ParseResult {
  const out: ParseResult = { candidates: [], problems: [] };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    const line = jsonErrorLine(text, err as Error);
    out.problems.push({
      source: 'koocli',
      origin,
      ...(line !== undefined ? { line } : {}),
      message: `${origin}${line !== undefined ? `: line ${line}` : ''}: not valid JSON (${(err as Error).message})`,
    });
    return out;
  }
  const profiles =
    typeof json === 'object' && json !== null ? (json as Record<string, unknown>).profiles : undefined;
  let list: Array<[string, unknown]>;
  if (Array.isArray(profiles))
    list = profiles.map((p, i) => [nonEmpty((p as { name?: unknown })?.name) ?? `#${i + 1}`, p]);
  else if (typeof profiles === 'object' && profiles !== null) list = Object.entries(profiles);
  else {
    out.problems.push({ source: 'koocli', origin, message: `${origin}: no "profiles" list found` });
    return out;
  }
  for (const [name, p] of list) {
    if (typeof p !== 'object' || p === null) {
      out.problems.push({ source: 'koocli', origin, message: `${origin}: profile ${name} is not an object` });
      continue;
    }
    const r = p as Record<string, unknown>;
    const mode = nonEmpty(r.mode) ?? 'AKSK';
    const c: RawCandidate = { source: 'koocli', origin, profileName: name };
    const ak = nonEmpty(r.accessKeyId ?? r.access_key_id ?? r.ak);
    const sk = nonEmpty(r.secretAccessKey ?? r.secret_access_key ?? r.sk);
    const token = nonEmpty(r.securityToken ?? r.security_token);
    if (ak !== undefined) c.accessKeyId = ak;
    if (sk !== undefined) c.secretKey = sk;
    if (token !== undefined) c.securityToken = token;
    const region = nonEmpty(r.region);
    if (region !== undefined) c.region = region;
    const projectId = nonEmpty(r.projectId ?? r.project_id);
    if (projectId !== undefined) c.projectId = projectId;
    const domainId = nonEmpty(r.domainId ?? r.domain_id);
    if (domainId !== undefined) c.domainId = domainId;
    if (!/^ak\/?sk$/i.test(mode))
      c.unsupported = `KooCLI mode "${mode}" is not supported (only AK/SK profiles)`;
    else if (ak === undefined) c.unsupported = 'the profile has no access key id';
    out.candidates.push(c);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// OpenStack clouds.yaml + secure.yaml

function yamlError(text: string, origin: string): { value?: unknown; problem?: ImportProblem } {
  // failsafe: every scalar stays a string, so an all-digit project id is not turned into a float.
  const doc = parseDocument(text, { prettyErrors: true, uniqueKeys: true, schema: 'failsafe' });
  const first = doc.errors[0];
  if (first) {
    const line = first.linePos?.[0]?.line;
    return {
      problem: {
        source: 'openstack',
        origin,
        ...(line !== undefined ? { line } : {}),
        message: `${origin}${line !== undefined ? `: line ${line}` : ''}: invalid YAML (${first.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '')})`,
      },
    };
  }
  return { value: doc.toJS() as unknown };
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function deepMerge(a: Record<string, unknown>, b: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...a };
  for (const [k, v] of Object.entries(b)) {
    const prev = out[k];
    out[k] = isRecord(prev) && isRecord(v) ? deepMerge(prev, v) : v;
  }
  return out;
}

/** Candidates from the text of a clouds.yaml and, optionally, its secure.yaml (merged per cloud). */
export function parseCloudsYaml(
  clouds: { text: string; origin: string },
  secure?: { text: string; origin: string },
): ParseResult {
  const out: ParseResult = { candidates: [], problems: [] };
  const main = yamlError(clouds.text, clouds.origin);
  if (main.problem) {
    out.problems.push(main.problem);
    return out;
  }
  let merged = main.value;
  if (secure) {
    const sec = yamlError(secure.text, secure.origin);
    if (sec.problem) out.problems.push(sec.problem);
    else if (isRecord(merged) && isRecord(sec.value)) merged = deepMerge(merged, sec.value);
  }
  const map = isRecord(merged) ? merged.clouds : undefined;
  if (!isRecord(map)) {
    out.problems.push({
      source: 'openstack',
      origin: clouds.origin,
      message: `${clouds.origin}: no "clouds:" map found`,
    });
    return out;
  }
  for (const [name, cloud] of Object.entries(map)) {
    if (!isRecord(cloud)) {
      out.problems.push({
        source: 'openstack',
        origin: clouds.origin,
        message: `${clouds.origin}: cloud "${name}" is not a map`,
      });
      continue;
    }
    const auth = isRecord(cloud.auth) ? cloud.auth : {};
    const c: RawCandidate = { source: 'openstack', origin: clouds.origin, profileName: name };
    const ak = nonEmpty(auth.ak ?? auth.access_key ?? auth.access_key_id);
    const sk = nonEmpty(auth.sk ?? auth.secret_key ?? auth.secret_access_key);
    const region =
      nonEmpty(cloud.region_name) ?? (Array.isArray(cloud.regions) ? nonEmpty(cloud.regions[0]) : undefined);
    if (region !== undefined) c.region = region;
    const projectId = nonEmpty(auth.project_id ?? auth.tenant_id);
    if (projectId !== undefined) c.projectId = projectId;
    const authUrl = nonEmpty(auth.auth_url);
    if (authUrl !== undefined) c.iamEndpoint = authUrl;
    if (ak !== undefined) {
      c.accessKeyId = ak;
      if (sk !== undefined) c.secretKey = sk;
      const token = nonEmpty(auth.security_token);
      if (token !== undefined) c.securityToken = token;
    } else if (nonEmpty(auth.username) !== undefined) {
      c.userName = nonEmpty(auth.username)!;
      const domain = nonEmpty(auth.user_domain_name ?? auth.domain_name ?? auth.project_domain_name);
      if (domain !== undefined) c.domainName = domain;
      const password = nonEmpty(auth.password);
      if (password !== undefined) c.password = password;
      if (domain === undefined) c.unsupported = 'no user_domain_name (the account name) is given';
    } else {
      c.unsupported = `auth type "${nonEmpty(cloud.auth_type) ?? 'unknown'}" is not supported (only AK/SK or user name + password)`;
    }
    out.candidates.push(c);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Candidates -> previews and account inputs

/** The account kind a candidate would become. */
export function kindOf(c: RawCandidate): AccountKind {
  if (c.accessKeyId !== undefined) return c.securityToken !== undefined ? 'temporary' : 'aksk';
  return c.userName !== undefined ? 'password' : 'aksk';
}

function endpointOrigin(url: string | undefined): string | undefined {
  if (url === undefined) return undefined;
  try {
    const u = new URL(url);
    return u.protocol === 'https:' || u.protocol === 'http:' ? u.origin : undefined;
  } catch {
    return undefined;
  }
}

/** The secret-free preview of a candidate. */
export function toCandidateView(c: RawCandidate, candidateId: string): ImportCandidateView {
  const kind = kindOf(c);
  const hasSecret =
    kind === 'password'
      ? c.password !== undefined
      : c.secretKey !== undefined && (kind !== 'temporary' || c.securityToken !== undefined);
  const view: ImportCandidateView = {
    candidateId,
    source: c.source,
    origin: c.origin,
    profileName: c.profileName,
    kind,
    suggestedName: `${c.profileName} (${c.source === 'env' ? 'environment' : c.source})`,
    hasSecret,
    importable: hasSecret && c.unsupported === undefined,
  };
  if (c.accessKeyId !== undefined) view.accessKeyIdMasked = maskAccessKeyId(c.accessKeyId);
  if (c.userName !== undefined) view.userName = c.userName;
  if (c.domainName !== undefined) view.domainName = c.domainName;
  if (c.region !== undefined) view.region = c.region;
  if (c.projectId !== undefined) view.projectId = c.projectId;
  const warnings: string[] = [];
  if (c.unsupported) warnings.push(c.unsupported);
  else if (!hasSecret)
    warnings.push(kind === 'password' ? 'no password in the source' : 'no secret key in the source');
  if (c.region === undefined) warnings.push(`no region given: ${FALLBACK_REGION} will be used`);
  if (warnings.length > 0) view.warning = warnings.join('; ');
  return view;
}

/** The `accounts.add` input for a candidate, or an error message when it cannot be imported. */
export function toAddInput(c: RawCandidate, name: string): AddAccountInput | string {
  if (c.unsupported) return c.unsupported;
  const region = c.region ?? FALLBACK_REGION;
  const settings = {
    name,
    defaultRegion: region,
    ...(c.projectId ? { projectOverrides: { [region]: c.projectId } } : {}),
    ...(endpointOrigin(c.iamEndpoint) ? { endpoints: { iam: endpointOrigin(c.iamEndpoint)! } } : {}),
  };
  const kind = kindOf(c);
  if (kind === 'password') {
    if (c.password === undefined) return 'no password in the source';
    return { kind, ...settings, userName: c.userName!, domainName: c.domainName!, password: c.password };
  }
  if (c.secretKey === undefined) return 'no secret key in the source';
  const domain = c.domainId ? { domainId: c.domainId } : {};
  if (kind === 'temporary')
    return {
      kind,
      ...settings,
      ...domain,
      accessKeyId: c.accessKeyId!,
      secretKey: c.secretKey,
      securityToken: c.securityToken!,
    };
  return { kind: 'aksk', ...settings, ...domain, accessKeyId: c.accessKeyId!, secretKey: c.secretKey };
}

async function readIfExists(path: string): Promise<string | undefined> {
  try {
    return await fs.readFile(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT' || (err as NodeJS.ErrnoException).code === 'ENOTDIR')
      return undefined;
    throw err;
  }
}

/** The first existing file of `paths`, with its text. */
async function firstFile(paths: string[]): Promise<{ path: string; text: string } | undefined> {
  for (const path of paths) {
    const text = await readIfExists(path);
    if (text !== undefined) return { path, text };
  }
  return undefined;
}

/** Scans every source and returns the raw candidates (with secrets) and the problems found. */
export async function scanSources(sources: ImportSources = {}): Promise<ParseResult> {
  const env = sources.env ?? process.env;
  const home = sources.home ?? homedir();
  const cwd = sources.cwd ?? process.cwd();
  const etc = sources.etcOpenstack ?? '/etc/openstack';
  const out: ParseResult = { candidates: [], problems: [] };
  const add = (r: ParseResult): void => {
    out.candidates.push(...r.candidates);
    out.problems.push(...r.problems);
  };
  const guard = async (source: ImportSourceKind, origin: string, fn: () => Promise<void>): Promise<void> => {
    try {
      await fn();
    } catch (err) {
      out.problems.push({ source, origin, message: `${origin}: cannot be read (${(err as Error).message})` });
    }
  };

  add(fromEnvironment(env));

  const sdkFile = nonEmpty(env.HUAWEICLOUD_SDK_CREDENTIALS_FILE) ?? join(home, '.huaweicloud', 'credentials');
  await guard('sdk-credentials', sdkFile, async () => {
    const text = await readIfExists(sdkFile);
    if (text !== undefined) add(parseSdkCredentials(text, sdkFile));
  });

  const kooFile = join(home, '.hcloud', 'config.json');
  await guard('koocli', kooFile, async () => {
    const text = await readIfExists(kooFile);
    if (text !== undefined) add(parseKooCliConfig(text, kooFile));
  });

  // openstacksdk's search order: $OS_CLIENT_CONFIG_FILE, ./, ~/.config/openstack, /etc/openstack;
  // the first clouds.yaml found wins, and likewise for secure.yaml.
  const dirs = [cwd, join(home, '.config', 'openstack'), etc];
  const cloudsPaths = [
    nonEmpty(env.OS_CLIENT_CONFIG_FILE),
    ...dirs.map((d) => join(d, 'clouds.yaml')),
  ].filter((p): p is string => p !== undefined);
  const securePaths = [
    nonEmpty(env.OS_CLIENT_SECURE_FILE),
    ...dirs.map((d) => join(d, 'secure.yaml')),
  ].filter((p): p is string => p !== undefined);
  await guard('openstack', cloudsPaths.join(', '), async () => {
    const clouds = await firstFile(cloudsPaths.map((p) => resolve(p)));
    if (!clouds) return;
    const secure = await firstFile(securePaths.map((p) => resolve(p)));
    add(
      parseCloudsYaml(
        { text: clouds.text, origin: clouds.path },
        secure ? { text: secure.text, origin: secure.path } : undefined,
      ),
    );
  });
  return out;
}

/** Result of importing selected candidates. */
export interface ImportResult {
  imported: AccountView[];
  failed: Array<{ candidateId: string; message: string }>;
}

/** Preview-then-import: holds the last scan's secrets in the main process until import or clear. */
export class AccountImporter {
  private candidates = new Map<string, RawCandidate>();

  constructor(
    private readonly accounts: AccountsService,
    private readonly sources: ImportSources = {},
  ) {}

  /** Scans every source; returns candidates without secrets and the problems found. */
  async preview(): Promise<ImportPreview> {
    const scan = await scanSources(this.sources);
    this.candidates = new Map();
    const views = scan.candidates.map((c, i) => {
      const id = `${c.source}-${i + 1}`;
      this.candidates.set(id, c);
      for (const s of [c.secretKey, c.securityToken, c.password]) registerSecret(s);
      return toCandidateView(c, id);
    });
    return { candidates: views, problems: scan.problems };
  }

  /** Imports the chosen candidates of the last preview (optionally renamed); secrets go to the vault. */
  async importSelected(selection: Array<{ candidateId: string; name?: string }>): Promise<ImportResult> {
    const result: ImportResult = { imported: [], failed: [] };
    for (const { candidateId, name } of selection) {
      const c = this.candidates.get(candidateId);
      if (!c) {
        result.failed.push({ candidateId, message: 'unknown candidate: scan again' });
        continue;
      }
      const input = toAddInput(c, name ?? toCandidateView(c, candidateId).suggestedName);
      if (typeof input === 'string') {
        result.failed.push({ candidateId, message: input });
        continue;
      }
      try {
        result.imported.push(await this.accounts.add(input));
      } catch (err) {
        result.failed.push({ candidateId, message: (err as Error).message });
      }
    }
    return result;
  }

  /** Drops the secrets of the last scan from memory (call when the import dialog closes). */
  clear(): void {
    this.candidates.clear();
  }
}
