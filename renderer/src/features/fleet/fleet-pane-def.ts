/**
 * The Fleet pane's registry entry: component, provider (the fleet store for the whole app),
 * palette commands, and palette search over every server of the fleet.
 */
import { definePane, type Command } from '../../lib/pane-registry';
import { useUi } from '../../stores/app-context';
import { FleetProvider, useFleet } from './fleet-context';
import { FleetPane } from './fleet-pane';

function fleetCommands(): Command[] {
  const fleet = useFleet();
  const [, ui] = useUi();
  return [
    {
      id: 'fleet.refresh',
      title: 'Refresh the fleet (every account and region)',
      group: 'Fleet',
      run: () => {
        ui.showPane('fleet');
        void fleet.refresh();
      },
    },
  ];
}

/** "Show in fleet" results: servers of any scope whose name, id, IP, account or region contains the query. */
function fleetSearch(query: string): Command[] {
  const fleet = useFleet();
  const [, ui] = useUi();
  const q = query
    .toLowerCase()
    .replace(/^(open|fleet)\s+/, '')
    .trim();
  if (q.length < 2) return [];
  const out: Command[] = [];
  for (const r of fleet.rows()) {
    if (!r.hay.includes(q)) continue;
    out.push({
      id: `fleet.show.${r.key}`,
      title: `Show ${r.name} in the fleet (${r.accountName} · ${r.region}, ${r.status})`,
      group: 'Fleet',
      run: () => {
        ui.showPane('fleet');
        fleet.clearFilter();
        fleet.setFilter('text', r.id);
        fleet.selection.set([r.key]);
      },
    });
    if (out.length >= 20) break;
  }
  return out;
}

/** The Fleet pane. */
export const fleetPane = definePane({
  id: 'fleet',
  title: 'Fleet',
  component: FleetPane,
  provider: FleetProvider,
  commands: fleetCommands,
  search: fleetSearch,
});
