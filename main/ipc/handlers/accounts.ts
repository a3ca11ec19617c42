/**
 * Handlers of `app.*`, `accounts.*` and `regions.*`. SECURITY: every result is an AccountView or
 * a status; credentials go from the renderer to the vault once and never come back.
 */
import { SANDBOX_ACCOUNT_ID } from '../../../shared/accounts';
import type { RegionView } from '../../../shared/ipc/views';
import { REGIONS } from '../../cloud/endpoints';
import type { HandlerTable, IpcContext } from '../types';

type AccountChannels =
  | 'app.info'
  | 'accounts.list'
  | 'accounts.add'
  | 'accounts.edit'
  | 'accounts.remove'
  | 'accounts.test'
  | 'accounts.setDefault'
  | 'accounts.reorder'
  | 'accounts.importPreview'
  | 'accounts.import'
  | 'accounts.export'
  | 'accounts.importExport'
  | 'accounts.keychainStatus'
  | 'accounts.setVaultMode'
  | 'regions.list';

async function announce(ctx: IpcContext): Promise<void> {
  const accounts = await ctx.services.accounts.list();
  const defaultAccountId = accounts.find((a) => a.isDefault)?.id ?? SANDBOX_ACCOUNT_ID;
  ctx.emit({ channel: 'accounts.changed', payload: { accounts, defaultAccountId } });
}

/** The handlers of the app, accounts and regions channels. */
export const accountHandlers: HandlerTable<AccountChannels> = {
  'app.info': (_arg, ctx) => ctx.appInfo(),

  'accounts.list': async (_arg, ctx) => {
    const accounts = await ctx.services.accounts.list();
    const vault = ctx.services.vaultState();
    return {
      accounts,
      defaultAccountId: accounts.find((a) => a.isDefault)?.id ?? ctx.services.accounts.openingAccountId(),
      vaultMode: vault.mode,
      keychain: vault.keychain,
    };
  },
  'accounts.add': async (arg, ctx) => {
    const view = await ctx.services.accounts.add(arg);
    await announce(ctx);
    return view;
  },
  'accounts.edit': async (arg, ctx) => {
    const view = await ctx.services.accounts.edit(arg);
    ctx.services.invalidateClients(arg.id);
    await announce(ctx);
    return view;
  },
  'accounts.remove': async (arg, ctx) => {
    await ctx.services.accounts.remove(arg.id);
    ctx.services.invalidateClients(arg.id);
    await announce(ctx);
    return { removed: true };
  },
  'accounts.test': (arg, ctx) =>
    ctx.services.accounts.testConnection(arg.id, arg.region !== undefined ? { region: arg.region } : {}),
  'accounts.setDefault': async (arg, ctx) => {
    await ctx.services.accounts.setDefault(arg.id);
    await announce(ctx);
    return { defaultAccountId: arg.id };
  },
  'accounts.reorder': async (arg, ctx) => {
    await ctx.services.accounts.reorder(arg.ids);
    await announce(ctx);
    return { accounts: await ctx.services.accounts.list() };
  },
  'accounts.importPreview': (_arg, ctx) => ctx.services.importer.preview(),
  'accounts.import': async (arg, ctx) => {
    const result = await ctx.services.importer.importSelected(
      arg.candidateIds.map((candidateId) => ({ candidateId })),
    );
    // SECURITY: the scanned secrets leave memory once the user has imported what they chose.
    ctx.services.importer.clear();
    await announce(ctx);
    return {
      added: result.imported,
      failed: result.failed.map((f) => ({
        candidateId: f.candidateId,
        error: { name: 'ImportError', code: 'CONFIG' as const, message: f.message, retryable: false },
      })),
    };
  },
  'accounts.export': (_arg, ctx) => ({ json: ctx.services.accounts.exportAccounts() }),
  'accounts.importExport': async (arg, ctx) => {
    const added = await ctx.services.accounts.importAccounts(arg.json);
    await announce(ctx);
    return { added };
  },
  'accounts.keychainStatus': (_arg, ctx) => ctx.services.vaultState().keychain,
  'accounts.setVaultMode': async (arg, ctx) => {
    const state = await ctx.services.setVaultMode(arg.mode);
    await announce(ctx);
    return { vaultMode: state.mode };
  },

  'regions.list': async (arg, ctx) => {
    const account = await ctx.services.accounts.get(arg.accountId);
    if (account.builtin) {
      const region = ctx.services.sandbox?.info.region ?? account.defaultRegion;
      return { regions: [{ id: region, name: 'Sandbox (simulator)', enabled: true }] };
    }
    const enabled = new Set(account.regions);
    const regions: RegionView[] = REGIONS.map((r) => ({
      id: r.id,
      name: r.name,
      enabled: enabled.has(r.id),
    }));
    // Private regions (custom endpoints) are not in the catalogue but are the account's own.
    for (const id of account.regions)
      if (!regions.some((r) => r.id === id)) regions.push({ id, name: id, enabled: true });
    return { regions };
  },
};
