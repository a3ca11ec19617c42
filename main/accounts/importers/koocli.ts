/** Import source: KooCLI's `~/.hcloud/config.json` (AK/SK profiles only). */
import { findJsonError } from '../json-error';
import { nonEmpty, type ParseResult, type RawCandidate } from './types';

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
  } catch {
    // Located by our own scanner: V8's message would quote the file, keys and all.
    const where = findJsonError(text);
    out.problems.push({
      source: 'koocli',
      origin,
      ...(where ? { line: where.line } : {}),
      message: where
        ? `${origin}: line ${where.line}: not valid JSON (column ${where.column}: expected ${where.expected})`
        : `${origin}: not valid JSON`,
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
