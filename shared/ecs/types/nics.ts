/**
 * Server NICs: ECS batch add/delete (§5.5) and Nova os-interface (§6.7).
 */

/** Body of POST /v1/{project_id}/cloudservers/{server_id}/nics (§5.5.1). */
export interface BatchAddServerNicsBody {
  nics: Array<{ subnet_id: string; security_groups?: Array<{ id: string }>; ip_address?: string }>;
}

/** Body of POST /v1/{project_id}/cloudservers/{server_id}/nics/delete (§5.5.2); id = port id. */
export interface BatchDeleteServerNicsBody {
  nics: Array<{ id: string }>;
}

/** A Nova interface attachment (§6.7). */
export interface NovaInterfaceAttachment {
  port_state: string;
  fixed_ips: Array<{ subnet_id: string; ip_address: string }>;
  net_id: string;
  port_id: string;
  mac_addr: string;
}

/** Result of GET .../os-interface (§6.7.1). */
export interface NovaListServerInterfacesResult {
  interfaceAttachments: NovaInterfaceAttachment[];
}

/** Result of GET .../os-interface/{port_id} and POST .../os-interface (§6.7.2/6.7.3). */
export interface NovaInterfaceAttachmentResult {
  interfaceAttachment: NovaInterfaceAttachment;
}

/** Body of POST .../os-interface (§6.7.3): either `port_id` or `net_id` (+ fixed_ips). */
export interface NovaCreateServerInterfaceBody {
  interfaceAttachment: { port_id?: string; net_id?: string; fixed_ips?: Array<{ ip_address: string }> };
}
