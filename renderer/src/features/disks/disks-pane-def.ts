/**
 * The disks pane's registry entry: component, provider and palette command.
 */
import { definePane, type Command } from '../../lib/pane-registry';
import { useUi } from '../../stores/app-context';
import { DisksPane } from './disks-pane';
import { DisksUiProvider, useDisksUi } from './disks-ui';

/** Palette commands of the disks pane. */
function disksCommands(): Command[] {
  const [, ui] = useUi();
  const dui = useDisksUi();
  return [
    {
      id: 'disks.create',
      title: 'Create disk…',
      group: 'Disks',
      keywords: 'volume evs',
      run: () => {
        ui.showPane('disks');
        dui.setCreating(true);
      },
    },
  ];
}

/** The Disks pane. */
export const disksPane = definePane({
  id: 'disks',
  title: 'Disks',
  component: DisksPane,
  provider: DisksUiProvider,
  commands: disksCommands,
});
