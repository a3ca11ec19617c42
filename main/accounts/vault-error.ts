import { AppError } from '../app-error';
import type { KeychainState } from '../../shared/accounts';

/** A keychain or vault failure (no Secret Service, locked, timed out, missing item), with what to do. */
export class VaultError extends AppError {
  /** The keychain state that explains the failure, when known. */
  readonly state?: KeychainState;

  constructor(
    message: string,
    opts: { hint?: string; state?: KeychainState; cause?: unknown; retryable?: boolean } = {},
  ) {
    super('VAULT', message, { hint: opts.hint, cause: opts.cause, retryable: opts.retryable ?? false });
    if (opts.state !== undefined) this.state = opts.state;
  }
}

/** What the user can do about each kind of keychain trouble. */
export const KEYCHAIN_HINTS = {
  noDbus:
    'Log in to a desktop session that runs gnome-keyring or KWallet (a D-Bus session bus is needed), or choose session-only mode: secrets are then forgotten when the app quits.',
  noService:
    'Install and start a Secret Service: gnome-keyring (e.g. `apt install gnome-keyring`) or KWallet with its Secret Service enabled; or choose session-only mode.',
  locked:
    'Unlock the login keyring (GNOME "Passwords and Keys"/Seahorse, or KWallet), or log out and in again; then retry. Or choose session-only mode.',
  timeout:
    'The keyring daemon (gnome-keyring-daemon or kwalletd) seems frozen: restart it or log out and in again. Or choose session-only mode.',
  unresponsive:
    'Unlock or restart the keyring (gnome-keyring-daemon or kwalletd; logging out and in again restarts it), or switch to session-only mode. The app notices by itself when the keychain answers again.',
  other:
    'Check that gnome-keyring or KWallet works (e.g. open "Passwords and Keys"), or choose session-only mode.',
  worker:
    'The app restarts its keychain helper by itself: retry. If it keeps failing, restart the app or choose session-only mode.',
} as const;

/**
 * The error for a keytar module that could not be loaded, from the loader's message. keytar 7.9 is
 * a Node-API addon: one binary loads in Node and in Electron alike, so no per-runtime rebuild is
 * ever the fix; a foreign binary, a missing module or a missing libsecret are.
 */
export function keytarLoadError(loaderMessage: string): VaultError {
  let hint: string;
  if (/libsecret|cannot open shared object/i.test(loaderMessage))
    hint =
      'Install libsecret (on Debian/Ubuntu: `apt install libsecret-1-0`) and restart the app, or use session-only mode.';
  else if (/NODE_MODULE_VERSION|ELF|wrong architecture|mach-o|not a valid Win32/i.test(loaderMessage))
    hint =
      'The installed keychain module (keytar) was built for another operating system or processor: reinstall the app for this machine (in a development checkout, `npm rebuild keytar`), or use session-only mode.';
  else if (/Cannot find module|MODULE_NOT_FOUND/i.test(loaderMessage))
    hint =
      'The keychain module (keytar) is missing from this installation: reinstall the app (in a development checkout, `npm ci`), or use session-only mode.';
  else
    hint =
      'Reinstall the app; if that does not help, check that libsecret is installed (libsecret-1-0), or use session-only mode.';
  return new VaultError(`The keychain library (keytar) could not be loaded: ${loaderMessage}`, {
    state: 'error',
    hint,
  });
}
