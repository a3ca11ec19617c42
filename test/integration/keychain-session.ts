/**
 * Private D-Bus sessions for keychain tests: a child command runs with its own bus, HOME and
 * (optionally) its own gnome-keyring-daemon, so stopping or locking that daemon can never affect
 * the session keyring that the other test files use at the same time.
 */
import { promises as fs } from 'node:fs';
import { join } from 'node:path';

/** How to run a command in a private session: its environment and a wrapper of the command line. */
export interface PrivateSession {
  env: NodeJS.ProcessEnv;
  wrap: (cmd: string) => string[];
}

/**
 * Bash that starts an unlocked gnome-keyring-daemon in the foreground, waits until it owns
 * org.freedesktop.secrets, and exports its pid as KPID (the test stops and resumes it by that pid).
 * On exit the daemon is resumed and ended, so no stopped process outlives the session.
 */
export const START_OWN_DAEMON = `printf pw | gnome-keyring-daemon --foreground --unlock --components=secrets >/dev/null 2>&1 &
export KPID=$!
trap 'kill -CONT $KPID 2>/dev/null; kill $KPID 2>/dev/null' EXIT
for i in $(seq 1 100); do
  dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets 2>/dev/null | grep -q 'boolean true' && break
  sleep 0.1
done`;

/**
 * Wraps a command in a private D-Bus session with its own HOME under `scratch`; `setup` (bash)
 * runs first in the session. `timeoutSecs` bounds the whole session: a hang fails the test
 * instead of blocking the run.
 */
export async function privateSession(
  scratch: string,
  setup: string,
  opts: { busConfig?: string; timeoutSecs?: number } = {},
): Promise<PrivateSession> {
  const home = await fs.mkdtemp(join(scratch, 'home-'));
  const busArgs: string[] = [];
  if (opts.busConfig !== undefined) {
    await fs.writeFile(join(home, 'bus.conf'), opts.busConfig);
    busArgs.push(`--config-file=${join(home, 'bus.conf')}`);
  }
  await fs.mkdir(join(home, 'run'), { mode: 0o700 });
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    HOME: home,
    XDG_DATA_HOME: join(home, '.local/share'),
    XDG_RUNTIME_DIR: join(home, 'run'),
  };
  delete env.GNOME_KEYRING_CONTROL;
  delete env.DBUS_SESSION_BUS_ADDRESS;
  const secs = String(opts.timeoutSecs ?? 60);
  return {
    env,
    wrap: (cmd) => ['timeout', secs, 'dbus-run-session', ...busArgs, '--', 'bash', '-c', `${setup}\n${cmd}`],
  };
}
