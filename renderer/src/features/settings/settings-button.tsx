/**
 * The entry points of "About & settings": a sidebar button and a palette command.
 */
import type { Command } from '../../lib/pane-registry';
import { useAppSettings, useAppSettingsOptional } from './settings-context';
import './settings.css';

/** The sidebar's "About & settings" button. */
export function SettingsButton() {
  const [, actions] = useAppSettings();
  return (
    <div class="accounts-buttons sidebar-settings">
      <button type="button" onClick={() => actions.openDialog()}>
        About & settings
      </button>
    </div>
  );
}

/** The palette's app commands (none when rendered without the settings store, as in component tests). */
export function settingsCommands(): Command[] {
  const store = useAppSettingsOptional();
  if (!store) return [];
  const [, actions] = store;
  return [
    {
      id: 'app.settings',
      title: 'About & settings',
      group: 'App',
      keywords: 'preferences options version update check welcome',
      run: () => actions.openDialog(),
    },
  ];
}
