/**
 * Reconciliation of batch NIC add and delete (§5.6, ECS jobs).
 *
 * A NIC being added is invisible until its job ends (the port appears only then), so "no new
 * port" means "not done" only once the settle window has passed; before that the rule waits. The
 * server's ports are read before the first send (one request per add) so that a port created by
 * this call is told apart from the ones it already had. Only the NICs still missing (or, for a
 * delete, still present) are sent again.
 */
import type { RequestInput } from '../request';
import { observedResult, type ReadCall, type ReconcileRule } from './types';

interface NicSpec {
  subnet_id: string;
  ip_address?: string;
}

async function ports(read: ReadCall, serverId: string) {
  return (
    (await read('novaListServerInterfaces', { path: { server_id: serverId } }))?.interfaceAttachments ?? []
  );
}

function serverIdOf(input: RequestInput): string {
  return (input.path as { server_id: string }).server_id;
}

function nicsOf<T>(input: RequestInput): T[] {
  const nics = (input.body as { nics?: unknown } | undefined)?.nics;
  return Array.isArray(nics) ? (nics as T[]) : [];
}

function withNics(input: RequestInput, nics: unknown[]): RequestInput {
  return { ...input, body: { ...(input.body as Record<string, unknown>), nics } };
}

async function done(read: ReadCall, serverId: string) {
  const { server } = await read('showServer', { path: { server_id: serverId } });
  return { kind: 'applied' as const, result: observedResult(String(server.status)) };
}

/** The NIC rules, by operation id. */
export const nicRules = {
  batchAddServerNics: {
    async before(read, input) {
      return new Set((await ports(read, serverIdOf(input))).map((p) => p.port_id));
    },
    async check({ read, input, baseline, settled }) {
      const serverId = serverIdOf(input);
      const known = baseline as Set<string>;
      const fresh = (await ports(read, serverId)).filter((p) => !known.has(p.port_id));
      const wanted = nicsOf<NicSpec>(input);
      const missing = wanted.filter((nic) => {
        // The ECS subnet id is the port's network id (fixed_ips carry the Neutron subnet id).
        const i = fresh.findIndex(
          (p) =>
            p.net_id === nic.subnet_id &&
            (nic.ip_address === undefined || p.fixed_ips.some((f) => f.ip_address === nic.ip_address)),
        );
        if (i < 0) return true;
        fresh.splice(i, 1);
        return false;
      });
      if (missing.length === 0) return done(read, serverId);
      if (!settled) return { kind: 'pending' };
      return { kind: 'absent', input: missing.length === wanted.length ? input : withNics(input, missing) };
    },
  },
  batchDeleteServerNics: {
    async check({ read, input, settled }) {
      const serverId = serverIdOf(input);
      const present = new Set((await ports(read, serverId)).map((p) => p.port_id));
      const wanted = nicsOf<{ id: string }>(input);
      const left = wanted.filter((n) => present.has(n.id));
      if (left.length === 0) return done(read, serverId);
      if (!settled) return { kind: 'pending' };
      return { kind: 'absent', input: left.length === wanted.length ? input : withNics(input, left) };
    },
  },
} satisfies Record<string, ReconcileRule>;
