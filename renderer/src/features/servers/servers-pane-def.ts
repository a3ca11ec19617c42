/**
 * The servers pane's registry entry: component, provider and palette commands.
 */
import { definePane, type Command } from '../../lib/pane-registry';
import { useServers, useServerSelection, useUi } from '../../stores/app-context';
import { ServersPane, useOpenServer } from './servers-pane';
import type { ServerView } from '../../../../shared/ipc/views';
import { ServersUiProvider, useServersUi, type ServersDialog, type SingleServerAction } from './servers-ui';
import { formatCount } from '../../lib/units';

/** Palette commands acting on the selected servers. */
function serverCommands(): Command[] {
  const selection = useServerSelection();
  const sui = useServersUi();
  const [, ui] = useUi();
  const n = selection.ids().size;
  const none = n === 0 ? 'select servers first' : undefined;
  const act = (kind: Exclude<ServersDialog['kind'], 'create'>) => () => {
    ui.showPane('servers');
    sui.openDialog({ kind, ids: [...selection.ids()] });
  };
  const s = formatCount(n, 'selected server');
  return [
    {
      id: 'servers.create',
      title: 'Create servers…',
      group: 'Servers',
      run: () => {
        ui.showPane('servers');
        sui.openDialog({ kind: 'create' });
      },
    },
    { id: 'servers.start', title: `Start ${s}`, group: 'Servers', disabledReason: none, run: act('start') },
    { id: 'servers.stop', title: `Stop ${s}…`, group: 'Servers', disabledReason: none, run: act('stop') },
    {
      id: 'servers.reboot',
      title: `Reboot ${s}…`,
      group: 'Servers',
      disabledReason: none,
      run: act('reboot'),
    },
    { id: 'servers.tag', title: `Tag ${s}…`, group: 'Servers', disabledReason: none, run: act('tag') },
    {
      id: 'servers.delete',
      title: `Delete ${s}…`,
      group: 'Servers',
      disabledReason: none,
      run: act('delete'),
    },
  ];
}

const SINGLE: { kind: SingleServerAction; title: string; when?: (s: ServerView) => boolean }[] = [
  { kind: 'start', title: 'Start', when: (s) => s.status === 'SHUTOFF' },
  { kind: 'stop', title: 'Stop', when: (s) => s.status !== 'SHUTOFF' },
  { kind: 'reboot', title: 'Reboot', when: (s) => s.status !== 'SHUTOFF' },
  { kind: 'lock', title: 'Lock', when: (s) => !s.locked },
  { kind: 'unlock', title: 'Unlock', when: (s) => s.locked },
  { kind: 'resize', title: 'Resize' },
  { kind: 'rename', title: 'Rename' },
  { kind: 'rebuild', title: 'Rebuild' },
  { kind: 'reinstall', title: 'Reinstall OS of' },
  { kind: 'changeOs', title: 'Change OS of' },
  { kind: 'migrate', title: 'Migrate' },
  { kind: 'createImage', title: 'Create image of' },
  { kind: 'delete', title: 'Delete' },
];

/**
 * Palette commands on one server: the one in the open drawer, else the only selected one. They
 * open its drawer and run the drawer's own action (same dialogs and confirms).
 */
function singleServerCommands(): Command[] {
  const [ui] = useUi();
  const [, servers] = useServers();
  const selection = useServerSelection();
  const sui = useServersUi();
  const open = useOpenServer();
  const [, uiActions] = useUi();
  const key = ui.drawer?.key;
  const sel = selection.ids();
  const id = key?.startsWith('server:')
    ? key.slice('server:'.length)
    : sel.size === 1
      ? [...sel][0]
      : undefined;
  const s = id ? servers.get(id) : undefined;
  if (!s) return [];
  return SINGLE.filter((a) => !a.when || a.when(s)).map((a) => ({
    id: `server.${a.kind}`,
    title: `${a.title} ${s.name}${a.kind === 'lock' || a.kind === 'unlock' ? '' : '…'}`,
    group: 'This server',
    keywords: `${s.id} ${a.kind}`,
    run: () => {
      uiActions.showPane('servers');
      if (ui.drawer?.key !== `server:${s.id}`) open(s.id);
      sui.requestServerAction({ id: s.id, kind: a.kind });
    },
  }));
}

/** "Open server" results: servers whose name, id or IP contains the query (at most 20). */
function serverSearch(query: string): Command[] {
  const [state] = useServers();
  const [, ui] = useUi();
  const open = useOpenServer();
  const q = query.toLowerCase().replace(/^open\s+/, '');
  if (q.length < 2) return [];
  const out: Command[] = [];
  for (const s of state.items) {
    if (
      s.name.toLowerCase().includes(q) ||
      s.id.toLowerCase().startsWith(q) ||
      s.ips.some((ip) => ip.address.startsWith(q))
    ) {
      out.push({
        id: `servers.open.${s.id}`,
        title: `Open ${s.name} (${s.status}, ${s.ips[0]?.address ?? s.id})`,
        group: 'Server',
        run: () => {
          ui.showPane('servers');
          open(s.id);
        },
      });
      if (out.length >= 20) break;
    }
  }
  return out;
}

/** The Servers pane. */
export const serversPane = definePane({
  id: 'servers',
  title: 'Servers',
  component: ServersPane,
  provider: ServersUiProvider,
  commands: () => [...singleServerCommands(), ...serverCommands()],
  search: serverSearch,
});
