/**
 * The app frame: sidebar, main pane, detail drawer, status bar, toasts, dialogs, palette,
 * and the global shortcuts (Ctrl/Cmd+K palette, Escape closes the drawer).
 */
import { createMemo, onCleanup, Show, type Component } from 'solid-js';
import { Dynamic } from 'solid-js/web';
import type { PaneDef } from '../lib/pane-registry';
import { useUi } from '../stores/app-context';
import { CommandPalette } from './command-palette';
import { ConfirmHost } from './confirm-host';
import { Drawer } from './drawer';
import { PlaceholderPane } from './placeholder-pane';
import { Sidebar } from './sidebar';
import { StatusBar } from './status-bar';
import { ToastHost } from './toast-host';
import { SettingsHost } from '../features/settings/settings-dialog';
import { UpdateNotice } from '../features/settings/update-notice';
import { Welcome } from '../features/welcome/welcome';

/** The whole window's layout around the registered panes. */
export function Frame(props: {
  panes: readonly PaneDef[];
  accountTools?: Component;
  footerTools?: Component;
}) {
  const [ui, actions] = useUi();
  const pane = createMemo(() => props.panes.find((p) => p.id === ui.pane) ?? props.panes[0]);
  const onKeyDown = (e: KeyboardEvent) => {
    if ((e.ctrlKey || e.metaKey) && !e.altKey && e.key.toLowerCase() === 'k') {
      e.preventDefault();
      actions.setPalette(!ui.paletteOpen);
    } else if (e.key === 'Escape' && ui.drawer && !ui.paletteOpen && !ui.confirm && !e.defaultPrevented) {
      // Dialogs stop Escape themselves; a bare Escape closes the drawer.
      actions.closeDrawer();
    }
  };
  document.addEventListener('keydown', onKeyDown);
  onCleanup(() => document.removeEventListener('keydown', onKeyDown));
  return (
    <div class="frame" classList={{ 'with-drawer': !!ui.drawer }}>
      <Sidebar panes={props.panes} accountTools={props.accountTools} footerTools={props.footerTools} />
      <main class="main-pane" aria-label={pane()?.title ?? 'Main'}>
        <UpdateNotice />
        <Welcome />
        <Show when={pane()} fallback={<PlaceholderPane title="No pane" />}>
          {(p) => <Dynamic component={p().component} />}
        </Show>
      </main>
      <Drawer />
      <StatusBar />
      <ToastHost />
      <ConfirmHost />
      <SettingsHost />
      <Show when={ui.paletteOpen}>
        <CommandPalette panes={props.panes} />
      </Show>
    </div>
  );
}
