/**
 * Handlers of `keypairs.*`: list, create (the private key is returned once), import and delete.
 */
import { ValidationError } from '../../cloud/errors';
import type { HandlerTable } from '../types';
import { keypairView } from '../views/resources';
import { collect } from './util';

type Channels = 'keypairs.list' | 'keypairs.create' | 'keypairs.import' | 'keypairs.delete';

/** The handlers of this namespace. */
export const keypairHandlers: HandlerTable<Channels> = {
  'keypairs.list': async (arg, ctx) => {
    type Item = { keypair: { fingerprint: string; name: string; public_key: string; type?: string } };
    const items = await collect(
      (await ctx.client(arg)).paginate<'novaListKeypairs', Item>('novaListKeypairs', {}),
    );
    return { keypairs: items.map((i) => keypairView(i.keypair)) };
  },
  'keypairs.create': async (arg, ctx) => {
    const res = await (
      await ctx.client(arg)
    ).call('novaCreateKeypair', { body: { keypair: { name: arg.name } } });
    const privateKey = res.keypair.private_key;
    if (!privateKey) throw new ValidationError('The cloud created the key pair but returned no private key.');
    // The private key is handed over once, here; main keeps no copy.
    return { ...keypairView(res.keypair), privateKey };
  },
  'keypairs.import': async (arg, ctx) => {
    const res = await (
      await ctx.client(arg)
    ).call('novaCreateKeypair', {
      body: { keypair: { name: arg.name, public_key: arg.publicKey } },
    });
    return keypairView(res.keypair);
  },
  'keypairs.delete': async (arg, ctx) => {
    await (await ctx.client(arg)).call('novaDeleteKeypair', { path: { keypair_name: arg.name } });
    return { deleted: true };
  },
};
