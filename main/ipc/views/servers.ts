/**
 * ECS server wire objects (GET /v1/{project_id}/cloudservers/{detail,id}, §8.2 ServerDetail) ->
 * the renderer's ServerView / ServerDetailView.
 */
import type { ServerDetail } from '../../../shared/ecs/types/servers';
import type {
  InstanceActionView,
  IpView,
  ServerDetailView,
  ServerView,
  TagView,
} from '../../../shared/ipc/views';
import type { NovaInstanceAction } from '../../../shared/ecs/types/nova-servers';
import { num, setIf, stringMap, text } from './common';

/** Parses ECS v1 `tags` (`["key=value", "key"]`) into 2D tags; a bare key has an empty value. */
export function parseTagStrings(tags: unknown): TagView[] {
  if (!Array.isArray(tags)) return [];
  const out: TagView[] = [];
  for (const t of tags) {
    if (typeof t !== 'string' || t === '') continue;
    const i = t.indexOf('=');
    out.push(i < 0 ? { key: t, value: '' } : { key: t.slice(0, i), value: t.slice(i + 1) });
  }
  return out;
}

/** Every address of a server, flattened from `addresses` (network -> entries). */
export function ipsOf(addresses: unknown): IpView[] {
  if (typeof addresses !== 'object' || addresses === null) return [];
  const out: IpView[] = [];
  for (const [network, list] of Object.entries(addresses as Record<string, unknown>)) {
    if (!Array.isArray(list)) continue;
    for (const a of list as Record<string, unknown>[]) {
      const address = text(a?.addr);
      if (address === undefined) continue;
      const ip: IpView = {
        address,
        version: num(a.version) === 6 ? 6 : 4,
        type: a['OS-EXT-IPS:type'] === 'floating' ? 'floating' : 'fixed',
        network,
      };
      setIf(ip, 'mac', text(a['OS-EXT-IPS-MAC:mac_addr']) ?? text(a['OS-EXT-IPS-MAC:mac_address']));
      setIf(ip, 'portId', text(a['OS-EXT-IPS:port_id']));
      out.push(ip);
    }
  }
  return out;
}

/** An ECS ServerDetail as a row of the servers pane. */
export function serverView(s: ServerDetail): ServerView {
  const flavor: ServerView['flavor'] = { id: s.flavor?.id ?? '', name: s.flavor?.name ?? '' };
  setIf(flavor, 'vcpus', num(s.flavor?.vcpus));
  setIf(flavor, 'ramMb', num(s.flavor?.ram));
  const metadata = stringMap(s.metadata);
  // SECURITY: a Windows server's initial password may sit in metadata (§5.1.1 admin_pass).
  delete metadata.admin_pass;
  const image: ServerView['image'] = {
    id: typeof s.image === 'object' && s.image !== null ? s.image.id : (metadata['metering.image_id'] ?? ''),
  };
  setIf(image, 'name', text(metadata.image_name));
  const view: ServerView = {
    id: s.id,
    name: s.name,
    status: s.status,
    // The API sends "" for "no task"; the view says null.
    taskState: text(s['OS-EXT-STS:task_state']) ?? null,
    locked: s.locked === true,
    flavor,
    image,
    availabilityZone: s['OS-EXT-AZ:availability_zone'] ?? '',
    ips: ipsOf(s.addresses),
    tags: parseTagStrings(s.tags),
    securityGroups: (s.security_groups ?? []).map((g) => g.name),
    volumeIds: (s['os-extended-volumes:volumes_attached'] ?? []).map((v) => v.id),
    metadata,
    created: s.created,
  };
  setIf(view, 'description', text(s.description));
  setIf(view, 'vmState', text(s['OS-EXT-STS:vm_state']));
  setIf(view, 'powerState', num(s['OS-EXT-STS:power_state']));
  setIf(view, 'keyName', text(s.key_name));
  setIf(view, 'updated', text(s.updated));
  if (s.fault) {
    const fault: NonNullable<ServerView['fault']> = {};
    setIf(fault, 'code', num(s.fault.code));
    setIf(fault, 'message', text(s.fault.message));
    view.fault = fault;
  }
  return view;
}

/** The server wire object with the fields that must never reach the renderer removed. */
export function sanitizeServer(s: ServerDetail): ServerDetail {
  return stripServerSecrets(structuredClone(s));
}

/**
 * {@link sanitizeServer} in place, for a server the caller owns (parsed from its own response,
 * referenced nowhere else): the structured clone of every server was a third of the fleet
 * listing's CPU at 50,000 servers. The fields are set to undefined rather than deleted
 * (JSON.stringify leaves them out just the same): `delete` turns each object into a slow
 * dictionary.
 */
export function stripServerSecrets(s: ServerDetail): ServerDetail {
  const raw = s as ServerDetail & Record<string, unknown>;
  // SECURITY: user data may carry passwords or keys put there by a bootstrap script.
  if (raw['OS-EXT-SRV-ATTR:user_data'] !== undefined) raw['OS-EXT-SRV-ATTR:user_data'] = undefined;
  const meta = raw.metadata as Record<string, unknown> | undefined;
  if (meta && typeof meta === 'object' && meta.admin_pass !== undefined) meta.admin_pass = undefined;
  return s;
}

/** An ECS ServerDetail with its raw object (user data removed) for the detail pane. */
export function serverDetailView(s: ServerDetail): ServerDetailView {
  return { ...serverView(s), raw: sanitizeServer(s) };
}

/** One os-instance-actions entry as a history row. */
export function instanceActionView(a: NovaInstanceAction): InstanceActionView {
  const view: InstanceActionView = {
    requestId: a.request_id,
    action: a.action,
    startTime: a.start_time,
    message: a.message ?? null,
  };
  setIf(view, 'userId', text(a.user_id));
  return view;
}
