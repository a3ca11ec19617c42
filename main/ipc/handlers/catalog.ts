/**
 * Handlers of the catalogue: flavors, images, availability zones, VPCs, subnets and security groups.
 */
import type { Flavor } from '../../../shared/ecs/types/flavors';
import type { NovaImage } from '../../../shared/ecs/types/images';
import type { Subnet, Vpc, VpcSecurityGroup } from '../../../shared/ecs/types/vpc';
import type { AvailabilityZoneView } from '../../../shared/ipc/views';
import type { HandlerTable } from '../types';
import { flavorView, imageView, securityGroupView, subnetView, vpcView } from '../views/resources';
import { collect } from './util';

type Channels =
  'flavors.list' | 'images.list' | 'zones.list' | 'vpcs.list' | 'subnets.list' | 'securityGroups.list';

/** The handlers of this namespace. */
export const catalogHandlers: HandlerTable<Channels> = {
  'flavors.list': async (arg, ctx) => {
    const client = await ctx.client(arg);
    const query = arg.availabilityZone ? { availability_zone: arg.availabilityZone } : {};
    const flavors = await collect(client.paginate<'listFlavors', Flavor>('listFlavors', { query }));
    return { flavors: flavors.map(flavorView) };
  },
  'images.list': async (arg, ctx) => {
    const client = await ctx.client(arg);
    const images = await collect(
      client.paginate<'novaListImagesDetail', NovaImage>('novaListImagesDetail', {}),
    );
    return { images: images.map(imageView) };
  },
  'zones.list': async (arg, ctx) => {
    // The operation table has no availability-zone list; the zones are those the flavors are sold
    // in (cond:operation:az) and those the subnets live in.
    const client = await ctx.client(arg);
    const [flavors, subnets] = await Promise.all([
      collect(client.paginate<'listFlavors', Flavor>('listFlavors', {})),
      collect(client.paginate<'vpcListSubnets', Subnet>('vpcListSubnets', {})),
    ]);
    const zones = new Map<string, boolean>();
    for (const f of flavors)
      for (const [az, status] of Object.entries(flavorView(f).azStatus))
        zones.set(az, (zones.get(az) ?? false) || status !== 'abandon');
    for (const s of subnets) if (s.availability_zone) zones.set(s.availability_zone, true);
    const list: AvailabilityZoneView[] = [...zones.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([name, available]) => ({ name, available }));
    return { zones: list };
  },
  'vpcs.list': async (arg, ctx) => {
    const vpcs = await collect((await ctx.client(arg)).paginate<'vpcListVpcs', Vpc>('vpcListVpcs', {}));
    return { vpcs: vpcs.map(vpcView) };
  },
  'subnets.list': async (arg, ctx) => {
    const query = arg.vpcId ? { vpc_id: arg.vpcId } : {};
    const subnets = await collect(
      (await ctx.client(arg)).paginate<'vpcListSubnets', Subnet>('vpcListSubnets', { query }),
    );
    return { subnets: subnets.map(subnetView) };
  },
  'securityGroups.list': async (arg, ctx) => {
    const query = arg.vpcId ? { vpc_id: arg.vpcId } : {};
    const groups = await collect(
      (await ctx.client(arg)).paginate<'vpcListSecurityGroups', VpcSecurityGroup>('vpcListSecurityGroups', {
        query,
      }),
    );
    return { securityGroups: groups.map(securityGroupView) };
  },
};
