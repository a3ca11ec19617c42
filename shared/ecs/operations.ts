/**
 * The typed contract of every operation: path parameters (without `project_id`, which the client
 * fills), query, body and parsed result, keyed by the operation id of main/cloud/ops.
 */
import type { JobIdResponse, NoContent, NoParams } from './types/common';
import type {
  ListFlavorsQuery,
  ListFlavorsResult,
  NovaFlavorExtraSpecsResult,
  NovaListFlavorsDetailResult,
  NovaListFlavorsQuery,
  NovaListFlavorsResult,
  NovaShowFlavorResult,
} from './types/flavors';
import type {
  NovaAddFloatingIpBody,
  NovaCreateFloatingIpBody,
  NovaFloatingIpResult,
  NovaListFloatingIpPoolsResult,
  NovaListFloatingIpsResult,
  NovaRemoveFloatingIpBody,
} from './types/floating-ips';
import type {
  IamCreateTokenBody,
  IamCreateTokenResult,
  IamListProjectsQuery,
  IamListProjectsResult,
} from './types/iam';
import type {
  NovaImageMetadataResult,
  NovaListImagesDetailResult,
  NovaListImagesQuery,
  NovaListImagesResult,
  NovaShowImageResult,
} from './types/images';
import type { Job } from './types/jobs';
import type {
  NovaCreateKeypairBody,
  NovaCreateKeypairResult,
  NovaListKeypairsQuery,
  NovaListKeypairsResult,
  NovaShowKeypairResult,
} from './types/keypairs';
import type { NovaShowLimitsQuery, NovaShowLimitsResult, ShowServerLimitsResult } from './types/limits';
import type {
  NovaListNetworksResult,
  NovaListServerIpsResult,
  NovaServerIpsByNetworkResult,
} from './types/networks';
import type {
  BatchAddServerNicsBody,
  BatchDeleteServerNicsBody,
  NovaCreateServerInterfaceBody,
  NovaInterfaceAttachmentResult,
  NovaListServerInterfacesResult,
} from './types/nics';
import type {
  NovaConfirmResizeBody,
  NovaConsoleOutputResult,
  NovaCreateImageBody,
  NovaCreateImageResult,
  NovaCreateServerBody,
  NovaCreateServerResult,
  NovaGetConsoleOutputBody,
  NovaListInstanceActionsResult,
  NovaListServersDetailResult,
  NovaListServersQuery,
  NovaListServersResult,
  NovaLockServerBody,
  NovaMetaItemDoc,
  NovaMetadataDoc,
  NovaMonitorServerBody,
  NovaRebootServerBody,
  NovaRebuildServerBody,
  NovaRebuildServerResult,
  NovaResizeServerBody,
  NovaRevertResizeBody,
  NovaServerPasswordResult,
  NovaServerResult,
  NovaShowInstanceActionResult,
  NovaStartServerBody,
  NovaStopServerBody,
  NovaUnlockServerBody,
  NovaUpdateServerBody,
} from './types/nova-servers';
import type { NovaShowQuotaSetQuery, QuotaSetResult } from './types/quotas';
import type {
  NovaAddSecurityGroupBody,
  NovaCreateSecurityGroupRuleBody,
  NovaListSecurityGroupsResult,
  NovaRemoveSecurityGroupBody,
  NovaSecurityGroupBody,
  NovaSecurityGroupResult,
  NovaSecurityGroupRuleResult,
} from './types/security-groups';
import type {
  AddServerGroupMemberBody,
  CreateServerGroupBody,
  ListServerGroupsQuery,
  ListServerGroupsResult,
  NovaListServerGroupsQuery,
  NovaListServerGroupsResult,
  RemoveServerGroupMemberBody,
  ServerGroupResult,
} from './types/server-groups';
import type {
  BatchRebootServersBody,
  BatchStartServersBody,
  BatchStopServersBody,
  ChangeServerOsBody,
  DeleteServersBody,
  MigrateServerBody,
  ReinstallServerOsBody,
  ResizeServerBody,
  ServerAutoRecovery,
} from './types/server-actions';
import type { CreateServersBody, CreateServersResult } from './types/server-create';
import type {
  ListCloudServersQuery,
  ListCloudServersResult,
  ListServersDetailsQuery,
  ListServersDetailsResult,
  ShowServerResult,
} from './types/servers';
import type { NovaCreateSnapshotBody, NovaSnapshotResult } from './types/snapshots';
import type {
  BatchCreateServerTagsBody,
  BatchDeleteServerTagsBody,
  ListProjectTagsResult,
  ListServerTagsResult,
  ListServersByTagBody,
  ListServersByTagResult,
  NovaAddServerTagResult,
  NovaTagsDoc,
} from './types/tags';
import type { ListVersionsResult, ShowVersionResult } from './types/versions';
import type {
  AttachServerVolumeBody,
  DetachServerVolumeQuery,
  ListServerBlockDevicesResult,
  NovaAttachVolumeBody,
  NovaCreateVolumeBody,
  NovaDetachVolumeQuery,
  NovaListVolumeAttachmentsResult,
  NovaListVolumesQuery,
  NovaListVolumesResult,
  NovaVolumeAttachmentResult,
  NovaVolumeResult,
  ShowServerBlockDeviceResult,
} from './types/volumes';
import type {
  ListSubnetsQuery,
  ListSubnetsResult,
  ListVpcSecurityGroupsQuery,
  ListVpcSecurityGroupsResult,
  ListVpcsQuery,
  ListVpcsResult,
  ShowSubnetResult,
  ShowVpcResult,
  ShowVpcSecurityGroupResult,
} from './types/vpc';
import type { ListVpcPortsQuery, ListVpcPortsResult } from './types/vpc-ports';

/** Path, query, body and result types of each operation, as on the wire. */
export interface EcsOperations {
  listFlavors: { path: NoParams; query: ListFlavorsQuery; body: undefined; result: ListFlavorsResult };
  novaListFlavors: {
    path: NoParams;
    query: NovaListFlavorsQuery;
    body: undefined;
    result: NovaListFlavorsResult;
  };
  novaListFlavorsDetail: {
    path: NoParams;
    query: NovaListFlavorsQuery;
    body: undefined;
    result: NovaListFlavorsDetailResult;
  };
  novaShowFlavor: {
    path: { flavor_id: string };
    query: NoParams;
    body: undefined;
    result: NovaShowFlavorResult;
  };
  novaListFlavorExtraSpecs: {
    path: { flavor_id: string };
    query: NoParams;
    body: undefined;
    result: NovaFlavorExtraSpecsResult;
  };
  novaAddFloatingIp: {
    path: { server_id: string };
    query: NoParams;
    body: NovaAddFloatingIpBody;
    result: NoContent;
  };
  novaRemoveFloatingIp: {
    path: { server_id: string };
    query: NoParams;
    body: NovaRemoveFloatingIpBody;
    result: NoContent;
  };
  novaCreateFloatingIp: {
    path: NoParams;
    query: NoParams;
    body: NovaCreateFloatingIpBody;
    result: NovaFloatingIpResult;
  };
  novaListFloatingIps: {
    path: NoParams;
    query: NoParams;
    body: undefined;
    result: NovaListFloatingIpsResult;
  };
  novaShowFloatingIp: {
    path: { floating_ip_id: string };
    query: NoParams;
    body: undefined;
    result: NovaFloatingIpResult;
  };
  novaDeleteFloatingIp: {
    path: { floating_ip_id: string };
    query: NoParams;
    body: undefined;
    result: NoContent;
  };
  novaListFloatingIpPools: {
    path: NoParams;
    query: NoParams;
    body: undefined;
    result: NovaListFloatingIpPoolsResult;
  };
  iamCreateToken: { path: NoParams; query: NoParams; body: IamCreateTokenBody; result: IamCreateTokenResult };
  iamListProjects: {
    path: NoParams;
    query: IamListProjectsQuery;
    body: undefined;
    result: IamListProjectsResult;
  };
  iamListAuthProjects: { path: NoParams; query: NoParams; body: undefined; result: IamListProjectsResult };
  novaListImages: {
    path: NoParams;
    query: NovaListImagesQuery;
    body: undefined;
    result: NovaListImagesResult;
  };
  novaListImagesDetail: {
    path: NoParams;
    query: NovaListImagesQuery;
    body: undefined;
    result: NovaListImagesDetailResult;
  };
  novaShowImage: {
    path: { image_id: string };
    query: NoParams;
    body: undefined;
    result: NovaShowImageResult;
  };
  novaShowImageMetadata: {
    path: { image_id: string };
    query: NoParams;
    body: undefined;
    result: NovaImageMetadataResult;
  };
  novaDeleteImage: { path: { image_id: string }; query: NoParams; body: undefined; result: NoContent };
  showJob: { path: { job_id: string }; query: NoParams; body: undefined; result: Job };
  novaListKeypairs: {
    path: NoParams;
    query: NovaListKeypairsQuery;
    body: undefined;
    result: NovaListKeypairsResult;
  };
  novaShowKeypair: {
    path: { keypair_name: string };
    query: NoParams;
    body: undefined;
    result: NovaShowKeypairResult;
  };
  novaCreateKeypair: {
    path: NoParams;
    query: NoParams;
    body: NovaCreateKeypairBody;
    result: NovaCreateKeypairResult;
  };
  novaDeleteKeypair: { path: { keypair_name: string }; query: NoParams; body: undefined; result: NoContent };
  showServerLimits: { path: NoParams; query: NoParams; body: undefined; result: ShowServerLimitsResult };
  novaShowLimits: {
    path: NoParams;
    query: NovaShowLimitsQuery;
    body: undefined;
    result: NovaShowLimitsResult;
  };
  novaListNetworks: { path: NoParams; query: NoParams; body: undefined; result: NovaListNetworksResult };
  novaListServerIps: {
    path: { server_id: string };
    query: NoParams;
    body: undefined;
    result: NovaListServerIpsResult;
  };
  novaShowServerIpsByNetwork: {
    path: { server_id: string; networkName: string };
    query: NoParams;
    body: undefined;
    result: NovaServerIpsByNetworkResult;
  };
  batchAddServerNics: {
    path: { server_id: string };
    query: NoParams;
    body: BatchAddServerNicsBody;
    result: JobIdResponse;
  };
  batchDeleteServerNics: {
    path: { server_id: string };
    query: NoParams;
    body: BatchDeleteServerNicsBody;
    result: JobIdResponse;
  };
  novaListServerInterfaces: {
    path: { server_id: string };
    query: NoParams;
    body: undefined;
    result: NovaListServerInterfacesResult;
  };
  novaShowServerInterface: {
    path: { server_id: string; port_id: string };
    query: NoParams;
    body: undefined;
    result: NovaInterfaceAttachmentResult;
  };
  novaCreateServerInterface: {
    path: { server_id: string };
    query: NoParams;
    body: NovaCreateServerInterfaceBody;
    result: NovaInterfaceAttachmentResult;
  };
  novaDeleteServerInterface: {
    path: { server_id: string; port_id: string };
    query: NoParams;
    body: undefined;
    result: NoContent;
  };
  novaCreateServer: {
    path: NoParams;
    query: NoParams;
    body: NovaCreateServerBody;
    result: NovaCreateServerResult;
  };
  novaUpdateServer: {
    path: { server_id: string };
    query: NoParams;
    body: NovaUpdateServerBody;
    result: NovaServerResult;
  };
  novaDeleteServer: { path: { server_id: string }; query: NoParams; body: undefined; result: NoContent };
  novaListServers: {
    path: NoParams;
    query: NovaListServersQuery;
    body: undefined;
    result: NovaListServersResult;
  };
  novaListServersDetail: {
    path: NoParams;
    query: NovaListServersQuery;
    body: undefined;
    result: NovaListServersDetailResult;
  };
  novaShowServer: { path: { server_id: string }; query: NoParams; body: undefined; result: NovaServerResult };
  novaStartServer: {
    path: { server_id: string };
    query: NoParams;
    body: NovaStartServerBody;
    result: NoContent;
  };
  novaRebootServer: {
    path: { server_id: string };
    query: NoParams;
    body: NovaRebootServerBody;
    result: NoContent;
  };
  novaStopServer: {
    path: { server_id: string };
    query: NoParams;
    body: NovaStopServerBody;
    result: NoContent;
  };
  novaLockServer: {
    path: { server_id: string };
    query: NoParams;
    body: NovaLockServerBody;
    result: NoContent;
  };
  novaUnlockServer: {
    path: { server_id: string };
    query: NoParams;
    body: NovaUnlockServerBody;
    result: NoContent;
  };
  novaRebuildServer: {
    path: { server_id: string };
    query: NoParams;
    body: NovaRebuildServerBody;
    result: NovaRebuildServerResult;
  };
  novaCreateImage: {
    path: { server_id: string };
    query: NoParams;
    body: NovaCreateImageBody;
    result: NovaCreateImageResult;
  };
  novaResizeServer: {
    path: { server_id: string };
    query: NoParams;
    body: NovaResizeServerBody;
    result: NoContent;
  };
  novaConfirmResize: {
    path: { server_id: string };
    query: NoParams;
    body: NovaConfirmResizeBody;
    result: NoContent;
  };
  novaRevertResize: {
    path: { server_id: string };
    query: NoParams;
    body: NovaRevertResizeBody;
    result: NoContent;
  };
  novaMonitorServer: {
    path: { server_id: string };
    query: NoParams;
    body: NovaMonitorServerBody;
    result: NoContent;
  };
  novaUpdateServerMetadata: {
    path: { server_id: string };
    query: NoParams;
    body: NovaMetadataDoc;
    result: NovaMetadataDoc;
  };
  novaReplaceServerMetadata: {
    path: { server_id: string };
    query: NoParams;
    body: NovaMetadataDoc;
    result: NovaMetadataDoc;
  };
  novaDeleteServerMetadataItem: {
    path: { server_id: string; key: string };
    query: NoParams;
    body: undefined;
    result: NoContent;
  };
  novaListServerMetadata: {
    path: { server_id: string };
    query: NoParams;
    body: undefined;
    result: NovaMetadataDoc;
  };
  novaShowServerMetadataItem: {
    path: { server_id: string; key: string };
    query: NoParams;
    body: undefined;
    result: NovaMetaItemDoc;
  };
  novaSetServerMetadataItem: {
    path: { server_id: string; key: string };
    query: NoParams;
    body: NovaMetaItemDoc;
    result: NovaMetaItemDoc;
  };
  novaShowServerPassword: {
    path: { server_id: string };
    query: NoParams;
    body: undefined;
    result: NovaServerPasswordResult;
  };
  novaDeleteServerPassword: {
    path: { server_id: string };
    query: NoParams;
    body: undefined;
    result: NoContent;
  };
  novaListInstanceActions: {
    path: { server_id: string };
    query: NoParams;
    body: undefined;
    result: NovaListInstanceActionsResult;
  };
  novaShowInstanceAction: {
    path: { server_id: string; request_id: string };
    query: NoParams;
    body: undefined;
    result: NovaShowInstanceActionResult;
  };
  novaGetConsoleOutput: {
    path: { server_id: string };
    query: NoParams;
    body: NovaGetConsoleOutputBody;
    result: NovaConsoleOutputResult;
  };
  novaShowQuotaSet: { path: NoParams; query: NovaShowQuotaSetQuery; body: undefined; result: QuotaSetResult };
  novaShowQuotaSetDefaults: { path: NoParams; query: NoParams; body: undefined; result: QuotaSetResult };
  novaAddSecurityGroup: {
    path: { server_id: string };
    query: NoParams;
    body: NovaAddSecurityGroupBody;
    result: NoContent;
  };
  novaRemoveSecurityGroup: {
    path: { server_id: string };
    query: NoParams;
    body: NovaRemoveSecurityGroupBody;
    result: NoContent;
  };
  novaListServerSecurityGroups: {
    path: { server_id: string };
    query: NoParams;
    body: undefined;
    result: NovaListSecurityGroupsResult;
  };
  novaListSecurityGroups: {
    path: NoParams;
    query: NoParams;
    body: undefined;
    result: NovaListSecurityGroupsResult;
  };
  novaCreateSecurityGroup: {
    path: NoParams;
    query: NoParams;
    body: NovaSecurityGroupBody;
    result: NovaSecurityGroupResult;
  };
  novaShowSecurityGroup: {
    path: { security_group_id: string };
    query: NoParams;
    body: undefined;
    result: NovaSecurityGroupResult;
  };
  novaUpdateSecurityGroup: {
    path: { security_group_id: string };
    query: NoParams;
    body: NovaSecurityGroupBody;
    result: NovaSecurityGroupResult;
  };
  novaDeleteSecurityGroup: {
    path: { security_group_id: string };
    query: NoParams;
    body: undefined;
    result: NoContent;
  };
  novaCreateSecurityGroupRule: {
    path: NoParams;
    query: NoParams;
    body: NovaCreateSecurityGroupRuleBody;
    result: NovaSecurityGroupRuleResult;
  };
  novaDeleteSecurityGroupRule: {
    path: { security_group_rule_id: string };
    query: NoParams;
    body: undefined;
    result: NoContent;
  };
  createServerGroup: {
    path: NoParams;
    query: NoParams;
    body: CreateServerGroupBody;
    result: ServerGroupResult;
  };
  deleteServerGroup: {
    path: { server_group_id: string };
    query: NoParams;
    body: undefined;
    result: NoContent;
  };
  addServerGroupMember: {
    path: { server_group_id: string };
    query: NoParams;
    body: AddServerGroupMemberBody;
    result: NoContent;
  };
  removeServerGroupMember: {
    path: { server_group_id: string };
    query: NoParams;
    body: RemoveServerGroupMemberBody;
    result: NoContent;
  };
  listServerGroups: {
    path: NoParams;
    query: ListServerGroupsQuery;
    body: undefined;
    result: ListServerGroupsResult;
  };
  showServerGroup: {
    path: { server_group_id: string };
    query: NoParams;
    body: undefined;
    result: ServerGroupResult;
  };
  novaCreateServerGroup: {
    path: NoParams;
    query: NoParams;
    body: CreateServerGroupBody;
    result: ServerGroupResult;
  };
  novaListServerGroups: {
    path: NoParams;
    query: NovaListServerGroupsQuery;
    body: undefined;
    result: NovaListServerGroupsResult;
  };
  novaShowServerGroup: {
    path: { server_group_id: string };
    query: NoParams;
    body: undefined;
    result: ServerGroupResult;
  };
  novaDeleteServerGroup: {
    path: { server_group_id: string };
    query: NoParams;
    body: undefined;
    result: NoContent;
  };
  createServers: { path: NoParams; query: NoParams; body: CreateServersBody; result: CreateServersResult };
  deleteServers: { path: NoParams; query: NoParams; body: DeleteServersBody; result: JobIdResponse };
  reinstallServerOs: {
    path: { server_id: string };
    query: NoParams;
    body: ReinstallServerOsBody;
    result: JobIdResponse;
  };
  changeServerOs: {
    path: { server_id: string };
    query: NoParams;
    body: ChangeServerOsBody;
    result: JobIdResponse;
  };
  migrateServer: {
    path: { server_id: string };
    query: NoParams;
    body: MigrateServerBody;
    result: JobIdResponse;
  };
  resizeServer: {
    path: { server_id: string };
    query: NoParams;
    body: ResizeServerBody;
    result: Partial<JobIdResponse>;
  };
  batchStartServers: { path: NoParams; query: NoParams; body: BatchStartServersBody; result: JobIdResponse };
  batchRebootServers: {
    path: NoParams;
    query: NoParams;
    body: BatchRebootServersBody;
    result: JobIdResponse;
  };
  batchStopServers: { path: NoParams; query: NoParams; body: BatchStopServersBody; result: JobIdResponse };
  showServerAutoRecovery: {
    path: { server_id: string };
    query: NoParams;
    body: undefined;
    result: ServerAutoRecovery;
  };
  updateServerAutoRecovery: {
    path: { server_id: string };
    query: NoParams;
    body: ServerAutoRecovery;
    result: NoContent;
  };
  listServersDetails: {
    path: NoParams;
    query: ListServersDetailsQuery;
    body: undefined;
    result: ListServersDetailsResult;
  };
  listServersDetailsV11: {
    path: NoParams;
    query: ListCloudServersQuery;
    body: undefined;
    result: ListCloudServersResult;
  };
  showServer: { path: { server_id: string }; query: NoParams; body: undefined; result: ShowServerResult };
  novaCreateSnapshot: {
    path: NoParams;
    query: NoParams;
    body: NovaCreateSnapshotBody;
    result: NovaSnapshotResult;
  };
  novaShowSnapshot: {
    path: { snapshot_id: string };
    query: NoParams;
    body: undefined;
    result: NovaSnapshotResult;
  };
  novaDeleteSnapshot: { path: { snapshot_id: string }; query: NoParams; body: undefined; result: NoContent };
  listServersByTag: {
    path: NoParams;
    query: NoParams;
    body: ListServersByTagBody;
    result: ListServersByTagResult;
  };
  batchCreateServerTags: {
    path: { server_id: string };
    query: NoParams;
    body: BatchCreateServerTagsBody;
    result: NoContent;
  };
  batchDeleteServerTags: {
    path: { server_id: string };
    query: NoParams;
    body: BatchDeleteServerTagsBody;
    result: NoContent;
  };
  listProjectTags: { path: NoParams; query: NoParams; body: undefined; result: ListProjectTagsResult };
  listServerTags: {
    path: { server_id: string };
    query: NoParams;
    body: undefined;
    result: ListServerTagsResult;
  };
  novaListServerTags: { path: { server_id: string }; query: NoParams; body: undefined; result: NovaTagsDoc };
  novaReplaceServerTags: {
    path: { server_id: string };
    query: NoParams;
    body: NovaTagsDoc;
    result: NovaTagsDoc;
  };
  novaDeleteAllServerTags: {
    path: { server_id: string };
    query: NoParams;
    body: undefined;
    result: NoContent;
  };
  novaAddServerTag: {
    path: { server_id: string; tag: string };
    query: NoParams;
    body: undefined;
    result: NovaAddServerTagResult;
  };
  novaCheckServerTag: {
    path: { server_id: string; tag: string };
    query: NoParams;
    body: undefined;
    result: NoContent;
  };
  novaDeleteServerTag: {
    path: { server_id: string; tag: string };
    query: NoParams;
    body: undefined;
    result: NoContent;
  };
  novaListVersions: { path: NoParams; query: NoParams; body: undefined; result: ListVersionsResult };
  novaShowVersion: {
    path: { api_version: string };
    query: NoParams;
    body: undefined;
    result: ShowVersionResult;
  };
  attachServerVolume: {
    path: { server_id: string };
    query: NoParams;
    body: AttachServerVolumeBody;
    result: Partial<JobIdResponse>;
  };
  detachServerVolume: {
    path: { server_id: string; volume_id: string };
    query: DetachServerVolumeQuery;
    body: undefined;
    result: JobIdResponse;
  };
  listServerBlockDevices: {
    path: { server_id: string };
    query: NoParams;
    body: undefined;
    result: ListServerBlockDevicesResult;
  };
  showServerBlockDevice: {
    path: { server_id: string; volume_id: string };
    query: NoParams;
    body: undefined;
    result: ShowServerBlockDeviceResult;
  };
  novaCreateServerOsVolumesBoot: {
    path: NoParams;
    query: NoParams;
    body: NovaCreateServerBody;
    result: NovaCreateServerResult;
  };
  novaListVolumeAttachments: {
    path: { server_id: string };
    query: NoParams;
    body: undefined;
    result: NovaListVolumeAttachmentsResult;
  };
  novaShowVolumeAttachment: {
    path: { server_id: string; volume_id: string };
    query: NoParams;
    body: undefined;
    result: NovaVolumeAttachmentResult;
  };
  novaAttachVolume: {
    path: { server_id: string };
    query: NoParams;
    body: NovaAttachVolumeBody;
    result: NovaVolumeAttachmentResult;
  };
  novaDetachVolume: {
    path: { server_id: string; volume_id: string };
    query: NovaDetachVolumeQuery;
    body: undefined;
    result: NoContent;
  };
  novaListVolumes: {
    path: NoParams;
    query: NovaListVolumesQuery;
    body: undefined;
    result: NovaListVolumesResult;
  };
  novaListVolumesDetail: {
    path: NoParams;
    query: NovaListVolumesQuery;
    body: undefined;
    result: NovaListVolumesResult;
  };
  novaShowVolume: { path: { volume_id: string }; query: NoParams; body: undefined; result: NovaVolumeResult };
  novaCreateVolume: { path: NoParams; query: NoParams; body: NovaCreateVolumeBody; result: NovaVolumeResult };
  novaDeleteVolume: { path: { volume_id: string }; query: NoParams; body: undefined; result: NoContent };
  vpcListVpcs: { path: NoParams; query: ListVpcsQuery; body: undefined; result: ListVpcsResult };
  vpcShowVpc: { path: { vpc_id: string }; query: NoParams; body: undefined; result: ShowVpcResult };
  vpcListSubnets: { path: NoParams; query: ListSubnetsQuery; body: undefined; result: ListSubnetsResult };
  vpcShowSubnet: { path: { subnet_id: string }; query: NoParams; body: undefined; result: ShowSubnetResult };
  vpcListSecurityGroups: {
    path: NoParams;
    query: ListVpcSecurityGroupsQuery;
    body: undefined;
    result: ListVpcSecurityGroupsResult;
  };
  vpcShowSecurityGroup: {
    path: { security_group_id: string };
    query: NoParams;
    body: undefined;
    result: ShowVpcSecurityGroupResult;
  };
  vpcListPorts: { path: NoParams; query: ListVpcPortsQuery; body: undefined; result: ListVpcPortsResult };
}

/** A stable operation id (the keys of the operation table). */
export type OperationId = keyof EcsOperations;

/** The input shape of an operation: its path, query and body parts. */
export type OperationInput<K extends OperationId> = Pick<EcsOperations[K], 'path' | 'query' | 'body'>;

/** The parsed result of an operation. */
export type OperationResult<K extends OperationId> = EcsOperations[K]['result'];
