/**
 * Import source: the Huawei Cloud SDK credentials file (`~/.huaweicloud/credentials`), INI with one
 * section per profile. Errors name the line, never its text (it may hold a key).
 */
import { nonEmpty, type ParseResult, type RawCandidate } from './types';

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
        // Never quote the line: a malformed line of a credentials file may be a secret.
        throw new IniError(lineNo, 'malformed section header (expected [name] on a line of its own)');
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
