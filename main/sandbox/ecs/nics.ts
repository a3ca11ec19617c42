/**
 * ECS NICs (API Reference §5.5.1 "Adding NICs to an ECS in a Batch", §5.5.2 "Deleting NICs from an
 * ECS in a Batch") and the SDK's NIC list (`/cloudservers/{server_id}/os-interface`).
 */
import type { RequestContext } from '../context';
import { EcsFault, ecs, invalid } from '../faults';
import type { SubJobControl } from '../jobs';
import { createPort, deletePort } from '../lifecycle';
import { DURATIONS } from '../scheduler';
import { ipInCidr, type Subnet } from '../state';
import { nicLimit } from '../usage';
import { afterDelay, jobResponse, startServerJob } from './jobs';
import { arr, asObj, findServer, str, requireUnlocked } from './util';

/**
 * A `nics[]` entry of create (§5.1.1) or add (§5.5.1): its subnet (Ecs.0038 when unknown, Ecs.0014
 * outside the VPC `vpcId`, which the message calls `vpcName`) and its `ip_address` as given.
 */
export function readNic(
  ctx: RequestContext,
  entry: unknown,
  vpcId: string,
  vpcName: string,
): { nic: Record<string, unknown>; subnet: Subnet; ip: string | undefined } {
  const nic = asObj(entry);
  if (!nic) throw invalid('nics[] must be objects.');
  const subnetId = str(nic, 'subnet_id')!;
  const subnet = ctx.state.subnets.get(subnetId);
  if (!subnet) throw ecs('Ecs.0038', `The subnet ${subnetId} does not exist.`);
  if (subnet.vpc_id !== vpcId) throw ecs('Ecs.0014', `The subnet ${subnetId} is not in ${vpcName}.`);
  return { nic, subnet, ip: str(nic, 'ip_address', { optional: true }) };
}

/** The ids of `security_groups: [{id}]` (empty when absent); Ecs.0014 for a group that does not exist. */
export function securityGroupIds(ctx: RequestContext, o: Record<string, unknown>): string[] {
  return (arr(o, 'security_groups', { optional: true }) ?? []).map((g) => {
    const id = asObj(g)?.id;
    if (typeof id !== 'string' || !ctx.state.securityGroups.has(id))
      throw ecs('Ecs.0014', `The security group ${String(id)} does not exist.`);
    return id;
  });
}

/** POST .../nics (§5.5.1): one sub-job per NIC. */
export function addNics(ctx: RequestContext): void {
  const server = findServer(ctx);
  const body = ctx.jsonObject();
  const list = arr(body, 'nics')!;
  if (list.length === 0) throw invalid('nics must not be empty.');
  const st = ctx.state;
  const specs = list.map((n) => {
    const { nic, subnet, ip } = readNic(ctx, n, server.vpc_id, "the ECS's VPC");
    if (ip !== undefined) {
      if (!ipInCidr(ip, subnet.cidr))
        throw ecs('Ecs.0039', `The IP address ${ip} does not belong to the subnet ${subnet.id}.`);
      if (st.ipInUse(subnet.id, ip))
        throw ecs('Ecs.0010', `The private IP address ${ip} is already being used.`);
    }
    const sgs = securityGroupIds(ctx, nic);
    return { subnet, ip, sgs: sgs.length > 0 ? sgs : server.security_groups };
  });
  const maxNics = nicLimit(st.flavors.get(server.flavor_id));
  if (server.ports.length + specs.length > maxNics)
    throw ecs(
      'Ecs.0050',
      `The number of NICs attached to the ECS exceeds the quota: it has ${server.ports.length}, its flavor allows ${maxNics}.`,
    );
  requireUnlocked(server);
  if (server.task_state !== null || (server.vm_state !== 'active' && server.vm_state !== 'stopped'))
    throw ecs('Ecs.0100', `NICs can be added only to a running or stopped ECS; it is ${server.status}.`);
  const rt = ctx.sandbox;
  const attach = (spec: (typeof specs)[number], ctl: SubJobControl): void => {
    if (!rt.state.servers.has(server.id)) return ctl.fail('Ecs.0114', 'The ECS does not exist.');
    // The port is created only on success, so a failed sub-job leaves no NIC behind.
    if (ctl.injectFailure) return ctl.fail('Ecs.0002', 'Injected fault: attaching the NIC failed.');
    if (server.ports.length >= maxNics) return ctl.fail('Ecs.0050', 'NICs exceed quota.');
    const port = createPort(rt, server, spec.subnet, {
      ...(spec.ip !== undefined ? { ip: spec.ip } : {}),
      securityGroups: spec.sgs,
      primary: false,
    });
    if (!port) return ctl.fail('Ecs.0012', 'The subnet does not contain enough IP addresses.');
    server.ports.push(port.id);
    const sub = rt.state.jobs
      .get(jobId)
      ?.entities.sub_jobs?.find(
        (s) =>
          s.entities.server_id === server.id && s.entities.nic_id === undefined && s.status === 'RUNNING',
      );
    if (sub) sub.entities.nic_id = port.id;
    ctl.succeed();
  };
  const jobId = startServerJob(
    ctx,
    server,
    ['attachInterface', 'attachSingleInterface'],
    specs.map((spec) => ({ run: afterDelay(ctx, DURATIONS.nic, (ctl) => attach(spec, ctl)) })),
  );
  jobResponse(ctx, jobId);
}

/** POST .../nics/delete (§5.5.2): one sub-job per NIC; the primary NIC is refused. */
export function deleteNics(ctx: RequestContext): void {
  const server = findServer(ctx);
  const body = ctx.jsonObject();
  const list = arr(body, 'nics')!;
  if (list.length === 0) throw invalid('nics must not be empty.');
  const ports = list.map((n) => {
    const id = asObj(n)?.id;
    if (typeof id !== 'string') throw invalid('nics[].id is mandatory.');
    const p = ctx.state.ports.get(id);
    if (!p || p.device_id !== server.id)
      throw ecs('Ecs.0085', `The server does not have the interface ${id}.`);
    // §5.5.2 Table 5-48: "When the ID is the same as the ECS primary NIC ID, the system will return
    // error code 403." The doc names only the status; the body keeps Ecs.0005 with Ecs.0086 as detail.
    if (p.primary)
      throw new EcsFault('Ecs.0005', `The primary NIC ${id} of an ECS cannot be deleted.`, {
        status: 403,
        details: [{ code: 'Ecs.0086', message: 'primary interface' }],
      });
    return p;
  });
  requireUnlocked(server);
  const rt = ctx.sandbox;
  const jobId = startServerJob(
    ctx,
    server,
    ['detachInterface', 'detachSingleInterface'],
    ports.map((p) => ({
      entities: { nic_id: p.id },
      run: afterDelay(ctx, DURATIONS.nic, (ctl) => {
        if (ctl.injectFailure) return ctl.fail('Ecs.0002', 'Injected fault: detaching the NIC failed.');
        if (rt.state.ports.has(p.id)) deletePort(rt, p);
        ctl.succeed();
      }),
    })),
  );
  jobResponse(ctx, jobId);
}

function interfaceView(ctx: RequestContext, portId: string): Record<string, unknown> | undefined {
  const p = ctx.state.ports.get(portId);
  if (!p) return undefined;
  return {
    port_state: p.status,
    fixed_ips: p.fixed_ips,
    net_id: p.network_id,
    port_id: p.id,
    mac_addr: p.mac_address,
    delete_on_termination: true,
    driver_mode: 'virtio',
    min_rate: 0,
    multiqueue_num: 1,
    pci_address: `0000:00:0${3 + (p.created_at.length % 5)}.0`,
  };
}

/** GET .../os-interface (SDK): the server's NICs and how many more its flavor allows. */
export function listInterfaces(ctx: RequestContext): void {
  const server = findServer(ctx);
  const list = server.ports.map((id) => interfaceView(ctx, id)).filter((x) => x !== undefined);
  const free = Math.max(0, nicLimit(ctx.state.flavors.get(server.flavor_id)) - list.length);
  ctx.ok({ attachableQuantity: { free_nic: free }, interfaceAttachments: list });
}
