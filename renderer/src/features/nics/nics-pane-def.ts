/**
 * The NICs pane's registry entry: component, provider and palette command.
 */
import { definePane, type Command } from '../../lib/pane-registry';
import { useServers, useServerSelection, useUi } from '../../stores/app-context';
import { NicsPane } from './nics-pane';
import { NicsUiProvider, useNicsUi } from './nics-ui';

/** Palette commands of the NICs pane: the NICs of the one selected server. */
function nicsCommands(): Command[] {
  const [, ui] = useUi();
  const [, servers] = useServers();
  const selection = useServerSelection();
  const nui = useNicsUi();
  const ids = [...selection.ids()];
  const one = ids.length === 1 ? servers.get(ids[0]!) : undefined;
  return [
    {
      id: 'nics.ofSelected',
      title: one ? `Show NICs of ${one.name}` : 'Show NICs of the selected server',
      group: 'NICs',
      keywords: 'network interface port',
      disabledReason: one ? undefined : 'select exactly one server first',
      run: () => {
        if (!one) return;
        nui.setServerId(one.id);
        ui.showPane('nics');
      },
    },
  ];
}

/** The NICs pane. */
export const nicsPane = definePane({
  id: 'nics',
  title: 'NICs',
  component: NicsPane,
  provider: NicsUiProvider,
  commands: nicsCommands,
});
