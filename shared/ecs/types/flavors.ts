/**
 * Flavors: the ECS v1 list (§5.4.1) and the Nova flavor APIs (§6.6).
 */
import type { Link, StringMap } from './common';

/** Flavor extra specs (Table 5-41 / 8-20); all values are Strings. */
export type FlavorExtraSpecs = StringMap & {
  'ecs:performancetype'?: string;
  'ecs:generation'?: string;
  'ecs:virtualization_env_types'?: string;
  resource_type?: string;
  'instance_vnic:type'?: string;
  'instance_vnic:instance_bandwidth'?: string;
  'instance_vnic:max_count'?: string;
  'quota:local_disk'?: string;
  'quota:nvme_ssd'?: string;
  'extra_spec:io:persistent_grant'?: string;
  'pci_passthrough:enable_gpu'?: string;
  'pci_passthrough:gpu_specs'?: string;
  'cond:operation:status'?: 'normal' | 'abandon' | 'sellout' | 'obt' | 'obt_sellout' | 'promotion' | string;
  'cond:operation:az'?: string;
  'quota:max_rate'?: string;
  'quota:min_rate'?: string;
  'quota:max_pps'?: string;
  'cond:operation:charge'?: string;
  'cond:compute'?: string;
};

/** An ECS v1 flavor (Table 5-39): `vcpus` is a String here, unlike Nova. */
export interface Flavor {
  id: string;
  name: string;
  vcpus: string;
  /** MB. */
  ram: number;
  disk: string;
  swap: string;
  'OS-FLV-EXT-DATA:ephemeral': number;
  'OS-FLV-DISABLED:disabled': boolean;
  rxtx_factor: number;
  rxtx_quota: string | null;
  rxtx_cap: string | null;
  'os-flavor-access:is_public': boolean;
  links: Link[];
  os_extra_specs: FlavorExtraSpecs;
}

/** Query of GET /v1/{project_id}/cloudservers/flavors (§5.4.1; flavor_id/limit/marker from the SDK). */
export interface ListFlavorsQuery {
  availability_zone?: string;
  flavor_id?: string;
  limit?: number;
  marker?: string;
}

/** Result of GET /v1/{project_id}/cloudservers/flavors. */
export interface ListFlavorsResult {
  flavors: Flavor[];
}

/** A Nova flavor in the brief list (§6.6.1). */
export interface NovaFlavorBrief {
  id: string;
  name: string;
  links: Link[];
}

/** A Nova flavor in detail (§6.6.2/6.6.3): `vcpus` and `disk` are Integers here. */
export interface NovaFlavor extends NovaFlavorBrief {
  vcpus: number;
  ram: number;
  disk: number;
  swap: string | number;
  'OS-FLV-EXT-DATA:ephemeral': number;
  'OS-FLV-DISABLED:disabled': boolean;
  rxtx_factor: number;
  'os-flavor-access:is_public': boolean;
}

/** Query of the Nova flavor lists (§6.6.1/6.6.2; limit/marker follow `flavors_links`). */
export interface NovaListFlavorsQuery {
  minDisk?: number;
  minRam?: number;
  sort_key?: 'flavorid' | 'name' | 'memory_mb' | 'vcpus' | 'root_gb' | string;
  sort_dir?: 'asc' | 'desc';
  limit?: number;
  marker?: string;
}

/** Result of GET /v2.1/{project_id}/flavors. */
export interface NovaListFlavorsResult {
  flavors: NovaFlavorBrief[];
  flavors_links?: Link[];
}

/** Result of GET /v2.1/{project_id}/flavors/detail. */
export interface NovaListFlavorsDetailResult {
  flavors: NovaFlavor[];
  flavors_links?: Link[];
}

/** Result of GET /v2.1/{project_id}/flavors/{flavor_id}. */
export interface NovaShowFlavorResult {
  flavor: NovaFlavor;
}

/** Result of GET /v2.1/{project_id}/flavors/{flavor_id}/os-extra_specs (§6.6.4). */
export interface NovaFlavorExtraSpecsResult {
  extra_specs: FlavorExtraSpecs;
}
