/**
 * The server groups pane's registry entry, with a palette command to create a group.
 */
import { definePane, type Command } from '../../lib/pane-registry';
import { useUi } from '../../stores/app-context';
import { ServerGroupsPane } from './server-groups-pane';
import { ServerGroupsUiProvider, useServerGroupsUi } from './server-groups-ui';

function serverGroupCommands(): Command[] {
  const sgui = useServerGroupsUi();
  const [, ui] = useUi();
  return [
    {
      id: 'serverGroups.create',
      title: 'Create server group…',
      group: 'Server groups',
      keywords: 'anti-affinity',
      run: () => {
        ui.showPane('server-groups');
        sgui.setCreating(true);
      },
    },
  ];
}

/** The Server groups pane. */
export const serverGroupsPane = definePane({
  id: 'server-groups',
  title: 'Server groups',
  component: ServerGroupsPane,
  provider: ServerGroupsUiProvider,
  commands: serverGroupCommands,
});
