/**
 * Handler of `quotas.get`: the ECS limits as quota lines.
 */
import type { HandlerTable } from '../types';
import { quotaView } from '../views/resources';

type Channels = 'quotas.get';

/** The handlers of this namespace. */
export const quotaHandlers: HandlerTable<Channels> = {
  'quotas.get': async (arg, ctx) => {
    const res = await (await ctx.client(arg)).call('showServerLimits', {});
    return quotaView(res?.absolute ?? {});
  },
};
