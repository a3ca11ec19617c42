/**
 * The accounts export file: every account but the Sandbox as JSON without a secret (for a backup
 * or another machine), and the parse of such a file back into profiles without secrets.
 */
import * as v from 'valibot';
import {
  AccessKeyIdSchema,
  AccountNameSchema,
  AccountProfileSchema,
  CloudIdSchema,
  DomainNameSchema,
  EndpointsSchema,
  IsoDateSchema,
  ProxyUrlSchema,
  RegionSchema,
  UserNameSchema,
} from '../../shared/accounts-schema';
import { ValidationError } from '../cloud/errors';
import { describeIssues, type AccountsFileData } from './accounts-store';
import { describeJsonError } from './json-error';

/** The export file format tag. */
export const EXPORT_FORMAT = 'ecs-desktop-accounts';

/** One exported account: the non-secret fields of a profile (no id, order or secret names). */
const ExportedAccountSchema = v.object({
  name: AccountNameSchema,
  kind: v.picklist(['aksk', 'temporary', 'password']),
  accessKeyId: v.optional(AccessKeyIdSchema),
  domainId: v.optional(CloudIdSchema),
  userName: v.optional(UserNameSchema),
  domainName: v.optional(DomainNameSchema),
  securityTokenExpiresAt: v.optional(IsoDateSchema),
  defaultRegion: RegionSchema,
  regions: v.array(RegionSchema),
  projects: AccountProfileSchema.entries.projects,
  endpoints: EndpointsSchema,
  proxyUrl: v.optional(ProxyUrlSchema),
  color: AccountProfileSchema.entries.color,
  label: AccountProfileSchema.entries.label,
  hidden: v.optional(v.boolean()),
});

/** One account of an export file. */
export type ExportedAccount = v.InferOutput<typeof ExportedAccountSchema>;

const ExportFileSchema = v.object({
  format: v.literal(EXPORT_FORMAT),
  version: v.literal(1),
  exportedAt: v.optional(v.string()),
  accounts: v.array(ExportedAccountSchema),
});

/** The export file of `data`: every account but the Sandbox, in the user's order, no secret. */
export function exportAccountsJson(data: AccountsFileData, now: Date): string {
  const accounts = [...data.accounts]
    .filter((a) => !a.builtin)
    .sort((a, b) => a.order - b.order)
    .map((a) => {
      // SECURITY: an allow-list of non-secret fields; storedSecrets and ids stay local.
      const out: ExportedAccount = {
        name: a.name,
        kind: a.kind,
        defaultRegion: a.defaultRegion,
        regions: a.regions,
        projects: a.projects,
        endpoints: a.endpoints,
        hidden: a.hidden,
      };
      for (const key of [
        'accessKeyId',
        'domainId',
        'userName',
        'domainName',
        'securityTokenExpiresAt',
        'proxyUrl',
        'color',
        'label',
      ] as const)
        if (a[key] !== undefined) out[key] = a[key];
      return out;
    });
  const file = { format: EXPORT_FORMAT, version: 1, exportedAt: now.toISOString(), accounts };
  return `${JSON.stringify(file, null, 2)}\n`;
}

/**
 * The accounts of an export file; throws a ValidationError that says what is wrong and where
 * (line and column, or the field), never quoting the text: a pasted file may hold anything.
 */
export function parseAccountsExport(json: string): ExportedAccount[] {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    throw new ValidationError(
      `The file ${describeJsonError(json)}.`,
      `Paste the whole file that "Export accounts" wrote: a JSON object with "format": "${EXPORT_FORMAT}".`,
    );
  }
  const result = v.safeParse(ExportFileSchema, raw);
  if (!result.success)
    throw new ValidationError(
      `Invalid accounts export: ${describeIssues(result.issues)}.`,
      `The file must be one that "Export accounts" wrote (format "${EXPORT_FORMAT}", version 1).`,
    );
  return result.output.accounts;
}
