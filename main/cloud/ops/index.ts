/**
 * The whole operation table: every catalogued ECS operation (operations.tsv, 124 rows) plus the
 * adjacent server, IAM and VPC calls the app needs. One row per operation, as data.
 */
import type { OperationId } from '../../../shared/ecs/operations';
import { flavorOps } from './flavors';
import { floatingIpOps } from './floating-ips';
import { iamOps } from './iam';
import { imageOps } from './images';
import { jobOps } from './jobs';
import { keypairOps } from './keypairs';
import { limitOps } from './limits';
import { networkOps } from './networks';
import { nicOps } from './nics';
import { novaServerOps } from './nova-servers';
import { quotaOps } from './quotas';
import { securityGroupOps } from './security-groups';
import { serverGroupOps } from './server-groups';
import { serverOps } from './servers';
import { snapshotOps } from './snapshots';
import { tagOps } from './tags';
import type { OperationDef } from './types';
import { versionOps } from './versions';
import { volumeOps } from './volumes';
import { vpcOps } from './vpc';

export type { OperationDef } from './types';

/** Every operation by id; each row's `id` equals its key. */
export const operations = {
  ...serverOps,
  ...novaServerOps,
  ...flavorOps,
  ...nicOps,
  ...volumeOps,
  ...limitOps,
  ...quotaOps,
  ...jobOps,
  ...tagOps,
  ...serverGroupOps,
  ...versionOps,
  ...networkOps,
  ...securityGroupOps,
  ...keypairOps,
  ...imageOps,
  ...floatingIpOps,
  ...snapshotOps,
  ...iamOps,
  ...vpcOps,
} satisfies { [K in OperationId]: OperationDef & { readonly id: K } };

// `satisfies` catches a missing row but not an extra one that comes in through a spread: this does.
type ExtraRows = Exclude<keyof typeof operations, OperationId>;
const noExtraRows: [ExtraRows] extends [never] ? true : ExtraRows = true;
void noExtraRows;

/** Looks up a row by id (typed), for callers holding a dynamic id. */
export function operationDef<K extends OperationId>(id: K): OperationDef {
  return operations[id];
}

/** All rows, in table order. */
export const operationList: readonly OperationDef[] = Object.values(operations);
