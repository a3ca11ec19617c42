/**
 * Handlers of `settings.*`, `updates.*` and `app.setScope`: the app settings, the daily update
 * check (absent in the browser harness, which never calls out), and the window title.
 */
import type { SettingsView, UpdateStatus } from '../../../shared/ipc/contract';
import { ValidationError } from '../../cloud/errors';
import { windowTitle } from '../../desktop/desktop-integration';
import type { HandlerTable, IpcContext } from '../types';

type SettingsChannels =
  'settings.get' | 'settings.set' | 'updates.status' | 'updates.check' | 'updates.dismiss' | 'app.setScope';

/** The status when this shell has no update check at all. */
const NO_CHECKER: UpdateStatus = {
  enabled: false,
  checking: false,
  unavailableReason: 'This build does not check for updates (the test harness never calls out).',
};

function settingsView(ctx: IpcContext): SettingsView {
  const store = ctx.services.settings;
  return { ...store.get(), ...(store.problem !== undefined ? { problem: store.problem } : {}) };
}

/** The handlers of the settings, updates and window-title channels. */
export const settingsHandlers: HandlerTable<SettingsChannels> = {
  'settings.get': (_arg, ctx) => settingsView(ctx),
  'settings.set': async (arg, ctx) => {
    await ctx.services.settings.set(arg);
    return settingsView(ctx);
  },

  'updates.status': (_arg, ctx) => ctx.services.updates?.status() ?? { ...NO_CHECKER },
  'updates.check': async (_arg, ctx) =>
    (await ctx.services.updates?.check({ force: true })) ?? { ...NO_CHECKER },
  'updates.dismiss': async (arg, ctx) =>
    (await ctx.services.updates?.dismiss(arg.version)) ?? { ...NO_CHECKER },

  'app.setScope': async (arg, ctx) => {
    // Main names the account itself: the renderer says which one, never what the title reads.
    const account = await ctx.services.accounts.get(arg.accountId);
    const regions = account.builtin
      ? [ctx.services.sandbox?.info.region ?? account.defaultRegion]
      : [account.defaultRegion, ...account.regions];
    if (!regions.includes(arg.region))
      throw new ValidationError(`${account.name} has no region ${arg.region}.`);
    const scope = { accountName: account.name, region: arg.region };
    return { title: ctx.desktop?.setScope(scope) ?? windowTitle(scope) };
  },
};
