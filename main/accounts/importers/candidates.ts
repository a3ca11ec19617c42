/** Raw candidates -> the secret-free preview the renderer sees, and the `accounts.add` input. */
import type { AccountKind, AddAccountInput, ImportCandidateView } from '../../../shared/accounts';
import { maskAccessKeyId } from '../../../shared/accounts';
import { FALLBACK_REGION, type RawCandidate } from './types';

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
