/** What the renderer sees of an account: never a secret, only whether one is stored. */
import type { AccountView } from '../../shared/accounts';
import { maskAccessKeyId } from '../../shared/accounts';
import { hasRequiredSecrets } from './account-secrets';
import type { AccountProfile } from './accounts-store';
import type { SecretStore } from './vault';

/** The view of profile `p`; asks the vault whether its secrets are there (never reads them out). */
export async function accountView(
  p: AccountProfile,
  ctx: { isDefault: boolean; vault: SecretStore; now: Date },
): Promise<AccountView> {
  let secretState: AccountView['secretState'];
  if (p.builtin) secretState = 'stored';
  else {
    try {
      secretState = hasRequiredSecrets(p, await ctx.vault.find(p.id)) ? 'stored' : 'missing';
    } catch {
      secretState = 'unavailable';
    }
  }
  const view: AccountView = {
    id: p.id,
    name: p.name,
    kind: p.kind,
    builtin: p.builtin === true,
    hasSecret: secretState === 'stored',
    secretState,
    expired:
      p.securityTokenExpiresAt !== undefined && Date.parse(p.securityTokenExpiresAt) <= ctx.now.getTime(),
    defaultRegion: p.defaultRegion,
    regions: [...p.regions],
    projects: structuredClone(p.projects),
    endpoints: { ...p.endpoints },
    order: p.order,
    hidden: p.hidden,
    isDefault: ctx.isDefault,
  };
  if (p.accessKeyId !== undefined) view.accessKeyIdMasked = maskAccessKeyId(p.accessKeyId);
  if (p.userName !== undefined) view.userName = p.userName;
  if (p.domainName !== undefined) view.domainName = p.domainName;
  if (p.securityTokenExpiresAt !== undefined) view.expiresAt = p.securityTokenExpiresAt;
  if (p.proxyUrl !== undefined) view.proxyUrl = p.proxyUrl;
  if (p.color !== undefined) view.color = p.color;
  if (p.label !== undefined) view.label = p.label;
  return view;
}
