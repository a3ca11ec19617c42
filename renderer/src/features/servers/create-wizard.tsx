/**
 * The create-servers wizard: image, AZ and flavor (sold-out flavors disabled with why), VPC and
 * subnet, security groups, key pair or password (checked as the API checks it), system and data
 * disks, count and name pattern, tags, user data. "Validate" asks the API for a dry run; "Create"
 * starts the job and then shows its progress per server.
 */
import { createMemo, createResource, createSignal, createUniqueId, For, Show } from 'solid-js';
import type { ErrorData } from '../../../../shared/errors';
import type { InvokeArg } from '../../../../shared/ipc/contract';
import { MAX_USER_DATA_BYTES, utf8Bytes, validateInvoke } from '../../../../shared/ipc/schemas';
import type { TagView } from '../../../../shared/ipc/views';
import { Dialog } from '../../components/dialog';
import { Field } from '../../components/field';
import { ErrorPanel } from '../../components/error-panel';
import { JobProgress } from '../../components/job-progress';
import { LoginFields, type LoginKind } from '../../components/login-fields';
import { TagEditor, tagListErrors, tagListValid } from '../../components/tag-editor';
import { useApi } from '../../lib/api-context';
import { DiskFields, type DataDiskSpec } from './disk-fields';
import { FlavorOptions, flavorUnavailableReason } from './flavor-options';
import { formatRam } from '../../lib/format';
import { passwordError, serverNameError } from '../../lib/rules';
import { useScope, useServers } from '../../stores/app-context';

/**
 * The names the API will give `count` servers named `name` (§5.1.1): a trailing number sets the
 * start and width (`web07` -> web07, web08...), otherwise `-0001`, `-0002`... is appended.
 */
export function previewNames(name: string, count: number): string[] {
  if (count <= 1) return [name];
  const m = /^(.*?)(\d+)$/.exec(name);
  const nth = (i: number) =>
    m
      ? `${m[1]}${String(Number(m[2]) + i).padStart(m[2]!.length, '0')}`
      : `${name}-${String(i + 1).padStart(4, '0')}`;
  const shown = Math.min(count, 3);
  const list = Array.from({ length: shown }, (_, i) => nth(i));
  if (count > shown) list.push(`… ${nth(count - 1)}`);
  return list;
}

/** The create wizard dialog. */
export function CreateWizard(props: { onClose(): void }) {
  const api = useApi();
  const [scope] = useScope();
  const [, serversStore] = useServers();
  const id = createUniqueId();
  const sc = () => scope.scope;

  const load = <T,>(
    fetch: (
      s: NonNullable<ReturnType<typeof sc>>,
    ) => Promise<{ ok: true; value: T } | { ok: false; error: ErrorData }>,
  ) =>
    createResource(sc, async (s) => {
      const r = await fetch(s);
      if (!r.ok) throw r.error;
      return r.value;
    });

  const [images] = load((s) => api.invoke('images.list', { ...s }));
  const [zones] = load((s) => api.invoke('zones.list', { ...s }));
  const [vpcs] = load((s) => api.invoke('vpcs.list', { ...s }));
  const [keypairs] = load((s) => api.invoke('keypairs.list', { ...s }));

  const [imageId, setImageId] = createSignal('');
  const [az, setAz] = createSignal('');
  const [flavorId, setFlavorId] = createSignal('');
  const [vpcId, setVpcId] = createSignal('');
  const [subnetId, setSubnetId] = createSignal('');
  const [sgIds, setSgIds] = createSignal<string[]>([]);
  const [login, setLogin] = createSignal<LoginKind>('keypair');
  const [keyName, setKeyName] = createSignal('');
  const [password, setPassword] = createSignal('');
  const [password2, setPassword2] = createSignal('');
  const [rootType, setRootType] = createSignal<string>('SSD');
  const [rootSize, setRootSize] = createSignal(40);
  const [dataDisks, setDataDisks] = createSignal<DataDiskSpec[]>([]);
  const [name, setName] = createSignal('');
  const [count, setCount] = createSignal(1);
  const [tags, setTags] = createSignal<TagView[]>([]);
  const [userData, setUserData] = createSignal('');
  const [touched, setTouched] = createSignal(false);

  const [flavors] = createResource(
    () => (sc() ? { ...sc()!, az: az() } : undefined),
    async (a) => {
      const r = await api.invoke('flavors.list', {
        accountId: a.accountId,
        region: a.region,
        ...(a.az ? { availabilityZone: a.az } : {}),
      });
      if (!r.ok) throw r.error;
      return r.value.flavors.slice().sort((x, y) => x.vcpus - y.vcpus || x.ramMb - y.ramMb);
    },
  );
  const [subnets] = createResource(
    () => (sc() && vpcId() ? { ...sc()!, vpcId: vpcId() } : undefined),
    async (a) => {
      const r = await api.invoke('subnets.list', a);
      if (!r.ok) throw r.error;
      return r.value.subnets;
    },
  );
  const [groups] = createResource(
    () => (sc() && vpcId() ? { ...sc()!, vpcId: vpcId() } : undefined),
    async (a) => {
      const r = await api.invoke('securityGroups.list', a);
      if (!r.ok) throw r.error;
      return r.value.securityGroups;
    },
  );

  const image = () => images()?.images.find((i) => i.id === imageId());
  const osType = () => (/windows/i.test(image()?.name ?? '') ? 'Windows' : 'Linux');
  const selectedFlavor = () => flavors()?.find((f) => f.id === flavorId());

  const errors = createMemo(() => {
    const e: Record<string, string> = {};
    if (!imageId()) e.image = 'Choose an image.';
    if (!flavorId()) e.flavor = 'Choose a flavor.';
    else {
      const f = selectedFlavor();
      const why = f && flavorUnavailableReason(f, az());
      if (why) e.flavor = `This flavor is ${why}.`;
    }
    if (!vpcId()) e.vpc = 'Choose a VPC.';
    if (!subnetId()) e.subnet = 'Choose a subnet.';
    if (sgIds().length > 5) e.sg = 'At most 5 security groups.';
    if (login() === 'keypair' && !keyName()) e.key = 'Choose a key pair.';
    if (login() === 'password') {
      const pe = passwordError(password(), osType());
      if (pe) e.password = pe;
      else if (password() !== password2()) e.password2 = 'The passwords do not match.';
    }
    const min = image()?.minDiskGb ?? 1;
    if (!Number.isInteger(rootSize()) || rootSize() < min || rootSize() > 1024)
      e.root = `The system disk must be ${min} to 1024 GB${min > 1 ? ' (the image needs ' + min + ' GB)' : ''}.`;
    dataDisks().forEach((d, i) => {
      if (!Number.isInteger(d.sizeGb) || d.sizeGb < 10 || d.sizeGb > 32768)
        e[`data${i}`] = 'A data disk must be 10 to 32768 GB.';
    });
    const ne = serverNameError(name(), count() > 1 ? 123 : 128);
    if (ne) e.name = ne;
    if (!Number.isInteger(count()) || count() < 1 || count() > 500)
      e.count = 'Create 1 to 500 servers at a time.';
    if (!tagListValid(tagListErrors(tags()))) e.tags = 'Fix the tags.';
    if (utf8Bytes(userData()) > MAX_USER_DATA_BYTES) e.userData = 'User data is limited to 32 KB.';
    return e;
  });
  const valid = () => Object.keys(errors()).length === 0;
  const err = (k: string) => (touched() ? errors()[k] : undefined);

  const spec = (): InvokeArg<'servers.create'>['spec'] => ({
    name: name(),
    imageId: imageId(),
    flavorId: flavorId(),
    vpcId: vpcId(),
    nics: [{ subnetId: subnetId() }],
    ...(sgIds().length ? { securityGroupIds: sgIds() } : {}),
    ...(az() ? { availabilityZone: az() } : {}),
    rootVolume: { volumeType: rootType(), sizeGb: rootSize() },
    ...(dataDisks().length ? { dataVolumes: dataDisks() } : {}),
    ...(login() === 'keypair' ? { keyName: keyName() } : { adminPass: password() }),
    // The contract carries the plain script; main base64-encodes it once for the API.
    ...(userData() ? { userData: userData() } : {}),
    count: count(),
    ...(tags().length ? { tags: tags() } : {}),
  });

  const [busy, setBusy] = createSignal(false);
  const [verdict, setVerdict] = createSignal<{ ok: true } | { ok: false; error: ErrorData }>();
  const [jobId, setJobId] = createSignal<string>();

  const submit = async (dryRun: boolean) => {
    setTouched(true);
    setVerdict(undefined);
    const s = sc();
    if (!s || !valid()) return;
    const arg = { ...s, spec: spec(), dryRun };
    const checked = validateInvoke('servers.create', arg);
    if (!checked.ok) {
      setVerdict({
        ok: false,
        error: { name: 'ValidationError', code: 'VALIDATION', message: checked.message, retryable: false },
      });
      return;
    }
    setBusy(true);
    const res = await api.invoke('servers.create', arg);
    setBusy(false);
    if (!res.ok) {
      setVerdict({ ok: false, error: res.error });
      return;
    }
    if (dryRun) {
      setVerdict({ ok: true });
      return;
    }
    setJobId(res.value.jobId ?? '');
    void serversStore.reload();
  };

  const field = (key: string, label: string) => ({ id: `${id}-${key}`, label, error: err(key) });

  return (
    <Dialog
      title="Create servers"
      size="wide"
      onClose={() => props.onClose()}
      footer={
        <Show
          when={jobId() === undefined}
          fallback={
            <button type="button" class="primary" onClick={() => props.onClose()}>
              Close
            </button>
          }
        >
          <button type="button" onClick={() => props.onClose()}>
            Cancel
          </button>
          <button type="button" disabled={busy()} onClick={() => void submit(true)}>
            Validate
          </button>
          <button
            type="button"
            class="primary"
            disabled={busy() || (touched() && !valid())}
            onClick={() => void submit(false)}
          >
            Create {count() > 1 ? `${count()} servers` : 'server'}
          </button>
        </Show>
      }
    >
      <Show
        when={jobId() === undefined}
        fallback={
          <Show when={jobId()} fallback={<p>The request was accepted.</p>}>
            {(j) => <JobProgress jobId={j()} />}
          </Show>
        }
      >
        <Show when={images.error || zones.error || vpcs.error || flavors.error}>
          {(e) => <ErrorPanel title="Could not load the choices" error={e() as ErrorData} />}
        </Show>
        <div class="form-grid">
          <Field {...field('image', 'Image')}>
            <select
              id={`${id}-image`}
              data-autofocus
              value={imageId()}
              onChange={(e) => setImageId(e.currentTarget.value)}
            >
              <option value="">Choose an image…</option>
              <For each={images()?.images}>
                {(i) => (
                  <option value={i.id} disabled={i.status.toLowerCase() !== 'active'}>
                    {i.name}
                    {i.status.toLowerCase() !== 'active'
                      ? ` (${i.status.toLowerCase()}: not usable yet)`
                      : ''}
                  </option>
                )}
              </For>
            </select>
          </Field>
          <Field {...field('az', 'Availability zone')}>
            <select id={`${id}-az`} value={az()} onChange={(e) => setAz(e.currentTarget.value)}>
              <option value="">Any (let the cloud choose)</option>
              <For each={zones()?.zones}>
                {(z) => (
                  <option value={z.name} disabled={!z.available}>
                    {z.name}
                    {z.available ? '' : ' (unavailable)'}
                  </option>
                )}
              </For>
            </select>
          </Field>
          <Field {...field('flavor', 'Flavor')}>
            <select
              id={`${id}-flavor`}
              value={flavorId()}
              onChange={(e) => setFlavorId(e.currentTarget.value)}
            >
              <FlavorOptions flavors={flavors() ?? []} az={az()} />
            </select>
          </Field>
          <Field {...field('vpc', 'VPC')}>
            <select
              id={`${id}-vpc`}
              value={vpcId()}
              onChange={(e) => {
                setVpcId(e.currentTarget.value);
                setSubnetId('');
                setSgIds([]);
              }}
            >
              <option value="">Choose a VPC…</option>
              <For each={vpcs()?.vpcs}>
                {(v) => (
                  <option value={v.id}>
                    {v.name} ({v.cidr})
                  </option>
                )}
              </For>
            </select>
          </Field>
          <Field {...field('subnet', 'Subnet')}>
            <select
              id={`${id}-subnet`}
              value={subnetId()}
              onChange={(e) => setSubnetId(e.currentTarget.value)}
            >
              <option value="">{vpcId() ? 'Choose a subnet…' : 'Choose a VPC first'}</option>
              <For each={subnets()}>
                {(s) => (
                  <option value={s.networkId}>
                    {s.name} ({s.cidr})
                  </option>
                )}
              </For>
            </select>
          </Field>
        </div>

        <fieldset>
          <legend>Security groups (at most 5)</legend>
          <Show when={vpcId()} fallback={<p class="muted">Choose a VPC first.</p>}>
            <For each={groups()}>
              {(g) => (
                <label>
                  <input
                    type="checkbox"
                    checked={sgIds().includes(g.id)}
                    onChange={(e) =>
                      setSgIds((l) => (e.currentTarget.checked ? [...l, g.id] : l.filter((x) => x !== g.id)))
                    }
                  />{' '}
                  {g.name}{' '}
                </label>
              )}
            </For>
          </Show>
          <Show when={err('sg')}>
            <p class="field-error">{err('sg')}</p>
          </Show>
        </fieldset>

        <LoginFields
          id={id}
          login={login()}
          onLogin={setLogin}
          keypairs={keypairs()?.keypairs}
          keyName={keyName()}
          onKeyName={setKeyName}
          password={password()}
          onPassword={(p) => {
            setPassword(p);
            setTouched(true);
          }}
          passwordLabel={`Password (${osType()}: 8-26 characters, 3 of upper, lower, digit, special)`}
          confirm={{ value: password2(), onInput: setPassword2 }}
          errors={{ key: err('key'), password: err('password'), confirm: err('password2') }}
        />

        <DiskFields
          id={id}
          rootType={rootType()}
          onRootType={setRootType}
          rootSize={rootSize()}
          onRootSize={setRootSize}
          dataDisks={dataDisks()}
          onDataDisks={setDataDisks}
          error={err}
        />

        <div class="form-grid">
          <Field {...field('name', 'Name')}>
            <input id={`${id}-name`} value={name()} onInput={(e) => setName(e.currentTarget.value)} />
          </Field>
          <Field {...field('count', 'How many')}>
            <input
              id={`${id}-count`}
              type="number"
              min={1}
              max={500}
              value={count()}
              onInput={(e) => setCount(e.currentTarget.valueAsNumber)}
            />
          </Field>
        </div>
        <Show when={name() && !errors().name}>
          <p class="muted" data-testid="name-preview">
            Names: {previewNames(name(), count()).join(', ')}
          </p>
        </Show>
        <TagEditor tags={tags()} onChange={setTags} />
        <Field {...field('userData', 'User data (cloud-init script; sent base64 encoded)')}>
          <textarea
            id={`${id}-userData`}
            rows={4}
            class="mono"
            value={userData()}
            onInput={(e) => setUserData(e.currentTarget.value)}
          />
        </Field>
        <Show when={selectedFlavor()}>
          {(f) => (
            <p class="muted">
              {count()} × {f().name} ({f().vcpus} vCPUs, {formatRam(f().ramMb)}), {rootSize()} GB {rootType()}{' '}
              system disk
              {dataDisks().length ? `, ${dataDisks().length} data disk(s)` : ''}.
            </p>
          )}
        </Show>
        <Show when={touched() && !valid()}>
          <p class="field-error" role="alert">
            Fix the highlighted fields: {Object.values(errors()).length} problem(s).
          </p>
        </Show>
        <Show when={verdict()}>
          {(v) => (
            <Show
              when={!v().ok && (v() as { ok: false; error: ErrorData }).error}
              fallback={
                <p class="verdict-ok" role="status">
                  Dry run passed: the API accepts this request (nothing was created).
                </p>
              }
            >
              {(e) => <ErrorPanel title="The API refused the request" error={e()} />}
            </Show>
          )}
        </Show>
      </Show>
    </Dialog>
  );
}
