/**
 * The dialogs of the server drawer's actions: resize, reinstall, change OS, rebuild, rename and
 * description, migrate, create image. Each says what will happen before it runs.
 */
import { createResource, createSignal, createUniqueId, For, Match, Show, Switch, untrack } from 'solid-js';
import type { ErrorData } from '../../../../shared/errors';
import type { ServerView } from '../../../../shared/ipc/views';
import { Dialog } from '../../components/dialog';
import { ErrorPanel } from '../../components/error-panel';
import { Field } from '../../components/field';
import { LoginFields, type LoginKind } from '../../components/login-fields';
import { useApi } from '../../lib/api-context';
import { FlavorOptions } from './flavor-options';
import { formatFlavor } from '../../lib/format';
import { passwordError, serverNameError } from '../../lib/rules';
import { useScope, useServers, useToasts } from '../../stores/app-context';

/** Actions with a form. */
export type ServerActionKind =
  'resize' | 'reinstall' | 'changeOs' | 'rebuild' | 'rename' | 'migrate' | 'createImage';

const TITLES: Record<ServerActionKind, string> = {
  resize: 'Resize',
  reinstall: 'Reinstall OS',
  changeOs: 'Change OS',
  rebuild: 'Rebuild',
  rename: 'Rename and describe',
  migrate: 'Migrate',
  createImage: 'Create image',
};

/** One action's dialog for `server`. */
export function ServerActionDialog(props: { kind: ServerActionKind; server: ServerView; onClose(): void }) {
  const api = useApi();
  const [scope] = useScope();
  const [, servers] = useServers();
  const [, toasts] = useToasts();
  const id = createUniqueId();
  const [flavorId, setFlavorId] = createSignal('');
  const [mode, setMode] = createSignal<'ecs' | 'nova'>('ecs');
  const [imageId, setImageId] = createSignal('');
  const [login, setLogin] = createSignal<LoginKind>('keypair');
  // The form starts from the server as it was when the dialog opened.
  const initial = untrack(() => ({
    keyName: props.server.keyName ?? '',
    name: props.kind === 'createImage' ? `${props.server.name}-image` : props.server.name,
    description: props.server.description ?? '',
  }));
  const [keyName, setKeyName] = createSignal(initial.keyName);
  const [password, setPassword] = createSignal('');
  const [name, setName] = createSignal(initial.name);
  const [description, setDescription] = createSignal(initial.description);
  const [hostId, setHostId] = createSignal('');
  const [error, setError] = createSignal<ErrorData>();
  const [verdict, setVerdict] = createSignal<string>();
  const [busy, setBusy] = createSignal(false);

  const needs = (k: ServerActionKind[]) => k.includes(props.kind);
  const sc = () => scope.scope;
  const [flavors] = createResource(
    () => needs(['resize']) && sc() && { ...sc()!, availabilityZone: props.server.availabilityZone },
    async (a) => {
      const r = await api.invoke('flavors.list', a);
      return r.ok ? r.value.flavors.slice().sort((x, y) => x.vcpus - y.vcpus || x.ramMb - y.ramMb) : [];
    },
  );
  const [images] = createResource(
    () => needs(['changeOs', 'rebuild']) && sc(),
    async (a) => {
      const r = await api.invoke('images.list', a);
      return r.ok ? r.value.images : [];
    },
  );
  const [keypairs] = createResource(
    () => needs(['reinstall', 'changeOs']) && sc(),
    async (a) => {
      const r = await api.invoke('keypairs.list', a);
      return r.ok ? r.value.keypairs : [];
    },
  );
  const osType = () => {
    const img = images()?.find((i) => i.id === imageId())?.name ?? props.server.image.name ?? '';
    return /windows/i.test(img) ? 'Windows' : 'Linux';
  };

  const problem = (): string | undefined => {
    switch (props.kind) {
      case 'resize':
        if (!flavorId()) return 'Choose the new flavor.';
        if (flavorId() === props.server.flavor.id) return 'That is the current flavor.';
        return undefined;
      case 'changeOs':
      case 'rebuild':
        if (!imageId()) return 'Choose an image.';
        break;
      case 'rename':
        return (
          serverNameError(name(), 255) ??
          (description().length > 85 ? 'The description is at most 85 characters.' : undefined)
        );
      case 'createImage':
        return name().trim() ? undefined : 'Name the image.';
    }
    if (needs(['reinstall', 'changeOs'])) {
      if (login() === 'keypair' && !keyName()) return 'Choose a key pair.';
      if (login() === 'password') return passwordError(password(), osType());
    }
    if (props.kind === 'rebuild' && password()) return passwordError(password(), osType());
    return undefined;
  };

  const what = (): string => {
    const n = props.server.name;
    switch (props.kind) {
      case 'resize':
        return mode() === 'ecs'
          ? `Changes the flavor of ${n}. A running server is stopped, resized and started again.`
          : `Resizes ${n} through Nova: it ends in VERIFY_RESIZE, where you confirm or revert the resize.`;
      case 'reinstall':
        return `Reinstalls the current image on ${n}: everything on its system disk is erased. Data disks are kept.`;
      case 'changeOs':
        return `Replaces the OS of ${n} with the chosen image: everything on its system disk is erased. Data disks are kept.`;
      case 'rebuild':
        return `Rebuilds ${n} from the chosen image (Nova rebuild): the system disk is erased.`;
      case 'rename':
        return `Changes the name and description of ${n}; nothing else changes.`;
      case 'migrate':
        return `Moves ${n} to another host${hostId() ? ` (dedicated host ${hostId()})` : ''}. The server may be stopped while it moves.`;
      case 'createImage':
        return `Creates a private image from the system disk of ${n}.`;
    }
  };

  const run = async (dryRun = false) => {
    const s = sc();
    if (!s || problem()) return;
    const base = { ...s, id: props.server.id };
    const login_ = () => (login() === 'keypair' ? { keyName: keyName() } : { adminPass: password() });
    setBusy(true);
    setError(undefined);
    setVerdict(undefined);
    const res = await (() => {
      switch (props.kind) {
        case 'resize':
          return api.invoke('servers.resize', {
            ...base,
            flavorId: flavorId(),
            mode: mode(),
            ...(dryRun ? { dryRun } : {}),
          });
        case 'reinstall':
          return api.invoke('servers.reinstall', { ...base, ...login_() });
        case 'changeOs':
          return api.invoke('servers.changeOs', { ...base, imageId: imageId(), ...login_() });
        case 'rebuild':
          return api.invoke('servers.rebuild', {
            ...base,
            imageId: imageId(),
            ...(password() ? { adminPass: password() } : {}),
          });
        case 'rename':
          return api.invoke('servers.update', { ...base, name: name(), description: description() });
        case 'migrate':
          return api.invoke('servers.migrate', {
            ...base,
            ...(hostId() ? { dedicatedHostId: hostId() } : {}),
          });
        case 'createImage':
          return api.invoke('servers.createImage', { ...base, name: name() });
      }
    })();
    setBusy(false);
    if (!res.ok) {
      setError(res.error);
      return;
    }
    if (dryRun) {
      setVerdict('Dry run passed: the API accepts this resize (nothing changed).');
      return;
    }
    toasts.show({ level: 'success', message: `${TITLES[props.kind]}: ${props.server.name} — started` });
    void servers.refreshIds([props.server.id]);
    props.onClose();
  };

  return (
    <Dialog
      title={`${TITLES[props.kind]}: ${props.server.name}`}
      onClose={() => props.onClose()}
      footer={
        <>
          <button type="button" onClick={() => props.onClose()}>
            Cancel
          </button>
          <Show when={props.kind === 'resize' && mode() === 'ecs'}>
            <button type="button" disabled={busy() || !!problem()} onClick={() => void run(true)}>
              Validate
            </button>
          </Show>
          <button
            type="button"
            classList={{
              danger: needs(['reinstall', 'changeOs', 'rebuild']),
              primary: !needs(['reinstall', 'changeOs', 'rebuild']),
            }}
            disabled={busy() || !!problem()}
            onClick={() => void run()}
          >
            {TITLES[props.kind]}
          </button>
        </>
      }
    >
      <p>{what()}</p>
      <Switch>
        <Match when={props.kind === 'resize'}>
          <p class="muted">Current: {formatFlavor(props.server.flavor)}</p>
          <Field id={`${id}-flavor`} label="New flavor">
            <select
              id={`${id}-flavor`}
              data-autofocus
              value={flavorId()}
              onChange={(e) => setFlavorId(e.currentTarget.value)}
            >
              <FlavorOptions flavors={flavors() ?? []} az={props.server.availabilityZone} />
            </select>
          </Field>
          <fieldset class="radio-row">
            <legend>API</legend>
            <label>
              <input
                type="radio"
                name={`${id}-mode`}
                checked={mode() === 'ecs'}
                onChange={() => setMode('ecs')}
              />{' '}
              ECS resize (one step)
            </label>
            <label>
              <input
                type="radio"
                name={`${id}-mode`}
                checked={mode() === 'nova'}
                onChange={() => setMode('nova')}
              />{' '}
              Nova resize (confirm or revert afterwards)
            </label>
          </fieldset>
        </Match>
        <Match when={props.kind === 'changeOs' || props.kind === 'rebuild'}>
          <Field id={`${id}-image`} label="Image">
            <select
              id={`${id}-image`}
              data-autofocus
              value={imageId()}
              onChange={(e) => setImageId(e.currentTarget.value)}
            >
              <option value="">Choose an image…</option>
              <For each={images()}>{(i) => <option value={i.id}>{i.name}</option>}</For>
            </select>
          </Field>
        </Match>
        <Match when={props.kind === 'rename' || props.kind === 'createImage'}>
          <Field id={`${id}-name`} label={props.kind === 'rename' ? 'Server name' : 'Image name'}>
            <input
              id={`${id}-name`}
              data-autofocus
              value={name()}
              onInput={(e) => setName(e.currentTarget.value)}
            />
          </Field>
          <Show when={props.kind === 'rename'}>
            <Field id={`${id}-desc`} label="Description (at most 85 characters)">
              <input
                id={`${id}-desc`}
                value={description()}
                onInput={(e) => setDescription(e.currentTarget.value)}
              />
            </Field>
          </Show>
        </Match>
        <Match when={props.kind === 'migrate'}>
          <Field id={`${id}-host`} label="Dedicated host id (optional)">
            <input
              id={`${id}-host`}
              data-autofocus
              value={hostId()}
              onInput={(e) => setHostId(e.currentTarget.value.trim())}
            />
          </Field>
        </Match>
      </Switch>
      <Show when={needs(['reinstall', 'changeOs'])}>
        <LoginFields
          id={id}
          login={login()}
          onLogin={setLogin}
          keypairs={keypairs()}
          keyName={keyName()}
          onKeyName={setKeyName}
          password={password()}
          onPassword={setPassword}
          passwordLabel="New password"
        />
      </Show>
      <Show when={props.kind === 'rebuild'}>
        <Field id={`${id}-pw`} label="New password (optional)">
          <input
            id={`${id}-pw`}
            type="password"
            autocomplete="new-password"
            value={password()}
            onInput={(e) => setPassword(e.currentTarget.value)}
          />
        </Field>
      </Show>
      <Show when={problem()}>
        <p class="field-error">{problem()}</p>
      </Show>
      <Show when={verdict()}>
        <p role="status">{verdict()}</p>
      </Show>
      <Show when={error()}>{(e) => <ErrorPanel title={`${TITLES[props.kind]} failed`} error={e()} />}</Show>
    </Dialog>
  );
}
