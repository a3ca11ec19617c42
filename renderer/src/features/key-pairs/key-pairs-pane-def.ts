/**
 * The key pairs pane's registry entry, with palette commands to create or import a key pair.
 */
import { definePane, type Command } from '../../lib/pane-registry';
import { useUi } from '../../stores/app-context';
import { KeyPairsPane } from './key-pairs-pane';
import { KeyPairsUiProvider, useKeyPairsUi, type KeyPairsDialog } from './key-pairs-ui';

function keyPairCommands(): Command[] {
  const kui = useKeyPairsUi();
  const [, ui] = useUi();
  const open = (d: KeyPairsDialog) => () => {
    ui.showPane('key-pairs');
    kui.openDialog(d);
  };
  return [
    {
      id: 'keypairs.create',
      title: 'Create key pair…',
      group: 'Key pairs',
      keywords: 'ssh',
      run: open('create'),
    },
    {
      id: 'keypairs.import',
      title: 'Import public key…',
      group: 'Key pairs',
      keywords: 'ssh key pair',
      run: open('import'),
    },
  ];
}

/** The Key pairs pane. */
export const keyPairsPane = definePane({
  id: 'key-pairs',
  title: 'Key pairs',
  component: KeyPairsPane,
  provider: KeyPairsUiProvider,
  commands: keyPairCommands,
});
