/**
 * The scope store: the accounts, their enabled regions, the selected account + region, and the
 * connectivity of each account+region (from `connectivity.changed`).
 */
import { batch, onCleanup } from 'solid-js';
import { createStore, reconcile } from 'solid-js/store';
import type { AccountView } from '../../../shared/accounts';
import type { Api } from '../../../shared/ipc/contract';
import type { ConnectivityView, Scope } from '../../../shared/ipc/views';
import type { ErrorData } from '../../../shared/errors';

/** State of the scope store. */
export interface ScopeState {
  /** Visible accounts in sidebar order (the Sandbox first when nothing else is configured). */
  accounts: AccountView[];
  defaultAccountId: string;
  /** The selected scope, once the accounts are loaded. */
  scope: Scope | undefined;
  /** Connectivity per `accountId|region`. */
  connectivity: Record<string, ConnectivityView>;
  loading: boolean;
  error: ErrorData | undefined;
}

/** Actions of the scope store. */
export interface ScopeActions {
  /** Loads (or reloads) the accounts list; selects the default account's default region if nothing is selected. */
  load(): Promise<void>;
  /** Selects an account and region (the account's default region when `region` is omitted). */
  select(accountId: string, region?: string): void;
  /** The selected account's view, if any. */
  account(): AccountView | undefined;
  /** Connectivity of the selected scope, if known. */
  connectivity(): ConnectivityView | undefined;
}

/** The key of an account+region in maps. */
export function scopeKey(s: Scope): string {
  return `${s.accountId}|${s.region}`;
}

/** Sorts accounts for the sidebar: by `order`, hidden ones dropped. */
export function sidebarAccounts(accounts: readonly AccountView[]): AccountView[] {
  const visible = accounts.filter((a) => !a.hidden);
  // The built-in Sandbox goes first when it is the only account; otherwise the user's order wins.
  return visible.slice().sort((a, b) => a.order - b.order || a.name.localeCompare(b.name));
}

/** Creates the scope store; subscribes to `accounts.changed` and `connectivity.changed` for the owner's lifetime. */
export function createScopeStore(api: Api): [ScopeState, ScopeActions] {
  const [state, setState] = createStore<ScopeState>({
    accounts: [],
    defaultAccountId: '',
    scope: undefined,
    connectivity: {},
    loading: false,
    error: undefined,
  });

  const applyAccounts = (accounts: AccountView[], defaultAccountId: string) => {
    batch(() => {
      setState('accounts', reconcile(sidebarAccounts(accounts), { key: 'id' }));
      setState('defaultAccountId', defaultAccountId);
      const cur = state.scope;
      const still = cur && state.accounts.find((a) => a.id === cur.accountId);
      if (!still) {
        const def = state.accounts.find((a) => a.id === defaultAccountId) ?? state.accounts[0];
        setState('scope', def ? { accountId: def.id, region: def.defaultRegion } : undefined);
      }
    });
  };

  // eslint-disable-next-line solid/reactivity -- an event listener, not a computation
  const offAccounts = api.on('accounts.changed', (p) => applyAccounts(p.accounts, p.defaultAccountId));
  const offConn = api.on('connectivity.changed', (c) => setState('connectivity', scopeKey(c), reconcile(c)));
  onCleanup(() => {
    offAccounts();
    offConn();
  });

  const actions: ScopeActions = {
    async load() {
      setState('loading', true);
      const res = await api.invoke('accounts.list', {});
      batch(() => {
        setState('loading', false);
        if (res.ok) {
          setState('error', undefined);
          applyAccounts(res.value.accounts, res.value.defaultAccountId);
        } else setState('error', res.error);
      });
    },
    select(accountId, region) {
      const acc = state.accounts.find((a) => a.id === accountId);
      if (!acc) return;
      setState('scope', { accountId, region: region ?? acc.defaultRegion });
    },
    account() {
      const s = state.scope;
      return s && state.accounts.find((a) => a.id === s.accountId);
    },
    connectivity() {
      const s = state.scope;
      return s && state.connectivity[scopeKey(s)];
    },
  };
  return [state, actions];
}
