/** Import source: OpenStack `clouds.yaml` merged with its `secure.yaml`. */
import { parseDocument } from 'yaml';
import type { ImportProblem } from '../../../shared/accounts';
import { nonEmpty, type ParseResult, type RawCandidate } from './types';

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
