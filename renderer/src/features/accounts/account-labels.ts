/**
 * How the account screens word an account's kind and credentials, alike for a stored account and
 * a detected profile: "Permanent AK/SK", a masked access key or `user@domain`.
 */
import type { AccountKind } from '../../../../shared/accounts';

/** The words for each account kind. */
export const KIND_LABEL: Record<AccountKind, string> = {
  aksk: 'Permanent AK/SK',
  temporary: 'Temporary AK/SK',
  password: 'IAM user + password',
};

/** The credential to show: the masked access key, else the IAM user at its domain, else a dash. */
export function credentialLabel(c: {
  accessKeyIdMasked?: string;
  userName?: string;
  domainName?: string;
}): string {
  return c.accessKeyIdMasked ?? (c.userName ? `${c.userName}@${c.domainName ?? ''}` : '—');
}
