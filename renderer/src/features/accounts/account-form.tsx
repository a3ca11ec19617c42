/**
 * The add / edit account form. SECURITY: secrets live only in this component's local signals
 * until they are sent to accounts.add / accounts.edit; they are cleared on submit and dropped on
 * unmount, never kept in a store and never shown again.
 */
import { createSignal, For, Match, onMount, Show, Switch } from 'solid-js';
import type {
  AccountKind,
  AccountView,
  AddAccountInput,
  EditAccountInput,
} from '../../../../shared/accounts';
import type { ErrorData } from '../../../../shared/errors';
import type { RegionView } from '../../../../shared/ipc/views';
import { validateInvoke } from '../../../../shared/ipc/schemas';
import { FormActions } from '../../components/form-actions';
import { ErrorPanel } from '../../components/error-panel';
import { Field } from '../../components/field';
import { toggled } from '../../lib/sets';
import { useApi } from '../../lib/api-context';

/** Props of {@link AccountForm}: `account` set means edit. */
export interface AccountFormProps {
  account?: AccountView;
  onDone(saved: AccountView): void;
  onCancel(): void;
}

const toIso = (local: string): string | undefined => {
  if (!local) return undefined;
  const d = new Date(local);
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
};

const ENDPOINT_FIELDS = [
  { key: 'ecs', label: 'ECS endpoint', placeholder: 'https://ecs.my-region.example.com' },
  { key: 'iam', label: 'IAM endpoint', placeholder: 'https://iam.my-region.example.com' },
  { key: 'vpc', label: 'VPC endpoint', placeholder: 'https://vpc.my-region.example.com' },
] as const;

/** Adds an account of any kind, or edits one (name, default region, regions, custom endpoints, rotate credentials). */
export function AccountForm(props: AccountFormProps) {
  const api = useApi();
  // eslint-disable-next-line solid/reactivity -- initial values only
  const editing = props.account;
  const [kind, setKind] = createSignal<AccountKind>(editing?.kind ?? 'aksk');
  const [name, setName] = createSignal(editing?.name ?? '');
  const [region, setRegion] = createSignal(editing?.defaultRegion ?? 'cn-north-4');
  const [ak, setAk] = createSignal('');
  const [sk, setSk] = createSignal('');
  const [token, setToken] = createSignal('');
  const [expires, setExpires] = createSignal('');
  const [user, setUser] = createSignal(editing?.userName ?? '');
  const [domain, setDomain] = createSignal(editing?.domainName ?? '');
  const [password, setPassword] = createSignal('');
  const [rotate, setRotate] = createSignal(false);
  const [endpoints, setEndpoints] = createSignal<Record<'ecs' | 'iam' | 'vpc', string>>({
    ecs: editing?.endpoints.ecs ?? '',
    iam: editing?.endpoints.iam ?? '',
    vpc: editing?.endpoints.vpc ?? '',
  });
  const [invalid, setInvalid] = createSignal<string>();
  const [failed, setFailed] = createSignal<ErrorData>();
  const [busy, setBusy] = createSignal(false);
  // Editing: the regions the account can use, and which of them show in the sidebar.
  const [catalogue, setCatalogue] = createSignal<RegionView[]>([]);
  const [enabled, setEnabled] = createSignal<Set<string>>(new Set(editing?.regions ?? []));
  onMount(async () => {
    if (!editing) return;
    const r = await api.invoke('regions.list', { accountId: editing.id });
    if (r.ok) setCatalogue(r.value.regions);
  });
  const toggleRegion = (id: string, on: boolean) => setEnabled((cur) => toggled(cur, id, on));

  const clearSecrets = () => {
    setSk('');
    setToken('');
    setPassword('');
  };

  /** The custom endpoints typed (empty fields left out). */
  const customEndpoints = (): Partial<Record<'ecs' | 'iam' | 'vpc', string>> =>
    Object.fromEntries(
      Object.entries(endpoints())
        .map(([k, v]) => [k, v.trim()] as const)
        .filter(([, v]) => v !== ''),
    );

  const addInput = (): AddAccountInput => {
    const custom = customEndpoints();
    const base = {
      name: name().trim(),
      defaultRegion: region().trim(),
      ...(Object.keys(custom).length ? { endpoints: custom } : {}),
    };
    const exp = toIso(expires());
    switch (kind()) {
      case 'temporary':
        return {
          ...base,
          kind: 'temporary',
          accessKeyId: ak().trim(),
          secretKey: sk(),
          securityToken: token(),
          ...(exp ? { expiresAt: exp } : {}),
        };
      case 'password':
        return {
          ...base,
          kind: 'password',
          userName: user().trim(),
          domainName: domain().trim(),
          password: password(),
        };
      default:
        return { ...base, kind: 'aksk', accessKeyId: ak().trim(), secretKey: sk() };
    }
  };

  const editInput = (acc: AccountView): EditAccountInput => {
    const out: EditAccountInput = { id: acc.id, name: name().trim(), defaultRegion: region().trim() };
    if (catalogue().length) {
      // The default region is always enabled.
      const regions = new Set([...enabled(), region().trim()]);
      const before = new Set(acc.regions);
      if (regions.size !== before.size || [...regions].some((r) => !before.has(r)))
        out.regions = [...regions];
    }
    // Sent only when changed; all fields emptied clears them (back to the region's public ones).
    const custom = customEndpoints();
    const keys = ['ecs', 'iam', 'vpc'] as const;
    if (keys.some((k) => (custom[k] ?? '') !== (acc.endpoints[k] ?? '')))
      out.endpoints = Object.keys(custom).length ? custom : null;
    if (!rotate()) return out;
    const exp = toIso(expires());
    if (acc.kind === 'password') {
      out.rotate = {
        ...(user().trim() ? { userName: user().trim() } : {}),
        ...(domain().trim() ? { domainName: domain().trim() } : {}),
        ...(password() ? { password: password() } : {}),
      };
    } else {
      out.rotate = {
        ...(ak().trim() ? { accessKeyId: ak().trim() } : {}),
        ...(sk() ? { secretKey: sk() } : {}),
        ...(acc.kind === 'temporary' && token() ? { securityToken: token() } : {}),
        ...(acc.kind === 'temporary' && exp ? { expiresAt: exp } : {}),
      };
    }
    return out;
  };

  const submit = async (e: Event) => {
    e.preventDefault();
    setFailed(undefined);
    const acc = editing;
    const res = acc
      ? await (async () => {
          const input = editInput(acc);
          const v = validateInvoke('accounts.edit', input);
          if (!v.ok) return { invalid: v.message, res: undefined };
          setBusy(true);
          return { invalid: undefined, res: await api.invoke('accounts.edit', input) };
        })()
      : await (async () => {
          const input = addInput();
          const v = validateInvoke('accounts.add', input);
          if (!v.ok) return { invalid: v.message, res: undefined };
          setBusy(true);
          return { invalid: undefined, res: await api.invoke('accounts.add', input) };
        })();
    setBusy(false);
    if (res.invalid !== undefined || !res.res) {
      setInvalid((res.invalid ?? '').replace(/^Invalid arguments for accounts\.\w+: /, ''));
      return;
    }
    setInvalid(undefined);
    clearSecrets();
    if (res.res.ok) props.onDone(res.res.value);
    else setFailed(res.res.error);
  };

  const showKeys = () => !editing || rotate();
  const isKind = (k: AccountKind) => kind() === k;

  return (
    <form
      class="account-form"
      aria-label={editing ? `Edit account ${editing.name}` : 'Add account'}
      onSubmit={(e) => void submit(e)}
    >
      <Show when={!editing}>
        <fieldset>
          <legend>Kind of account</legend>
          <label>
            <input
              type="radio"
              name="kind"
              value="aksk"
              checked={isKind('aksk')}
              onChange={() => setKind('aksk')}
            />{' '}
            Permanent access key (AK/SK)
          </label>
          <label>
            <input
              type="radio"
              name="kind"
              value="temporary"
              checked={isKind('temporary')}
              onChange={() => setKind('temporary')}
            />{' '}
            Temporary access key (AK/SK + security token)
          </label>
          <label>
            <input
              type="radio"
              name="kind"
              value="password"
              checked={isKind('password')}
              onChange={() => setKind('password')}
            />{' '}
            IAM user and password
          </label>
        </fieldset>
      </Show>
      <Field id="acc-name" label="Account name">
        <input id="acc-name" data-autofocus value={name()} onInput={(e) => setName(e.currentTarget.value)} />
      </Field>
      <Field id="acc-region" label="Default region">
        <input
          id="acc-region"
          list="acc-region-list"
          value={region()}
          onInput={(e) => setRegion(e.currentTarget.value)}
        />
      </Field>
      {/* The built-in Sandbox's endpoints are its own: it cannot be given others. */}
      <Show when={!editing?.builtin}>
        <details open={Object.keys(editing?.endpoints ?? {}).length > 0}>
          <summary>Custom endpoints (a private region, or a simulator)</summary>
          <p class="muted">
            Leave empty to use the public endpoints of the region. A region that is not in the public list
            needs all three.
          </p>
          <For each={ENDPOINT_FIELDS}>
            {(f) => (
              <Field id={`acc-ep-${f.key}`} label={f.label}>
                <input
                  id={`acc-ep-${f.key}`}
                  type="url"
                  placeholder={f.placeholder}
                  value={endpoints()[f.key]}
                  onInput={(e) => {
                    const value = e.currentTarget.value;
                    setEndpoints((cur) => ({ ...cur, [f.key]: value }));
                  }}
                />
              </Field>
            )}
          </For>
        </details>
      </Show>
      <datalist id="acc-region-list">
        <For each={catalogue()}>{(r) => <option value={r.id}>{r.name}</option>}</For>
      </datalist>
      <Show when={catalogue().length}>
        <fieldset>
          <legend>Regions shown in the sidebar</legend>
          <For each={catalogue()}>
            {(r) => (
              <label style={{ display: 'inline-block', 'margin-right': '1rem' }}>
                <input
                  type="checkbox"
                  checked={enabled().has(r.id) || r.id === region().trim()}
                  disabled={r.id === region().trim()}
                  onChange={(e) => toggleRegion(r.id, e.currentTarget.checked)}
                />{' '}
                {r.name} ({r.id})
              </label>
            )}
          </For>
        </fieldset>
      </Show>
      <Show when={editing}>
        {(acc) => (
          <>
            <p class="muted">
              Stored credentials:{' '}
              {acc().accessKeyIdMasked
                ? `access key ${acc().accessKeyIdMasked}`
                : `user ${acc().userName ?? ''}`}{' '}
              ({acc().secretState === 'stored' ? 'secret stored' : `secret ${acc().secretState}`})
            </p>
            <label>
              <input
                type="checkbox"
                checked={rotate()}
                onChange={(e) => setRotate(e.currentTarget.checked)}
              />{' '}
              {acc().kind === 'password' ? 'Change the user or password' : 'Rotate the access key'}
            </label>
          </>
        )}
      </Show>
      <Show when={showKeys()}>
        <Switch>
          <Match when={kind() === 'password'}>
            <Field id="acc-user" label="IAM user name">
              <input
                id="acc-user"
                autocomplete="off"
                value={user()}
                onInput={(e) => setUser(e.currentTarget.value)}
              />
            </Field>
            <Field id="acc-domain" label="Account (domain) name">
              <input
                id="acc-domain"
                autocomplete="off"
                value={domain()}
                onInput={(e) => setDomain(e.currentTarget.value)}
              />
            </Field>
            <Field id="acc-password" label="Password">
              <input
                id="acc-password"
                type="password"
                autocomplete="new-password"
                value={password()}
                onInput={(e) => setPassword(e.currentTarget.value)}
              />
            </Field>
          </Match>
          <Match when={kind() !== 'password'}>
            <Field id="acc-ak" label="Access key ID (AK)">
              <input
                id="acc-ak"
                autocomplete="off"
                spellcheck={false}
                value={ak()}
                onInput={(e) => setAk(e.currentTarget.value)}
              />
            </Field>
            <Field id="acc-sk" label="Secret access key (SK)">
              <input
                id="acc-sk"
                type="password"
                autocomplete="new-password"
                value={sk()}
                onInput={(e) => setSk(e.currentTarget.value)}
              />
            </Field>
            <Show when={kind() === 'temporary'}>
              <Field id="acc-token" label="Security token">
                <input
                  id="acc-token"
                  type="password"
                  autocomplete="off"
                  value={token()}
                  onInput={(e) => setToken(e.currentTarget.value)}
                />
              </Field>
              <Field id="acc-expires" label="Token expires at (local time)">
                <input
                  id="acc-expires"
                  type="datetime-local"
                  value={expires()}
                  onInput={(e) => setExpires(e.currentTarget.value)}
                />
              </Field>
            </Show>
          </Match>
        </Switch>
        <p class="muted">Secrets go straight to the vault and are never shown again.</p>
      </Show>
      <Show when={invalid()}>
        {(m) => (
          <p class="field-error" role="alert">
            {m()}
          </p>
        )}
      </Show>
      <Show when={failed()}>
        {(e) => (
          <ErrorPanel
            title={editing ? 'Could not save the account' : 'Could not add the account'}
            error={e()}
          />
        )}
      </Show>
      <FormActions>
        <button type="button" onClick={() => props.onCancel()}>
          Cancel
        </button>
        <button type="submit" class="primary" disabled={busy()}>
          {editing ? 'Save account' : 'Add account'}
        </button>
      </FormActions>
    </form>
  );
}
