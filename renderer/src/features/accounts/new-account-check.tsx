/**
 * What happened to a just-added account: its connection test runs first, and only an account that
 * connected becomes the active one (and the default, when the Sandbox was). A failed test says
 * why and leaves the current account in use; the new account stays, to be fixed later.
 */
import { Match, Show, Switch } from 'solid-js';
import type { AccountView, ConnectionDiagnosis } from '../../../../shared/accounts';
import type { ErrorData } from '../../../../shared/errors';

/** The state of the check of one new account. */
export type NewAccountCheckState =
  | { account: AccountView; state: 'testing' }
  | { account: AccountView; state: 'active' }
  | { account: AccountView; state: 'failed'; why: ConnectionDiagnosis | ErrorData };

/** The notice above the accounts table while and after a new account is checked. */
export function NewAccountCheck(props: {
  check: NewAccountCheckState | undefined;
  onEdit(id: string): void;
  onDismiss(): void;
}) {
  return (
    <Show when={props.check}>
      {(c) => (
        <div
          class="new-account-check"
          role={c().state === 'failed' ? 'alert' : 'status'}
          aria-label="New account"
        >
          <Switch>
            <Match when={c().state === 'testing'}>
              <p>Testing the connection of {c().account.name} before using it…</p>
            </Match>
            <Match when={c().state === 'active'}>
              <p>
                {c().account.name} connected: it is now the active account.{' '}
                <button type="button" onClick={() => props.onDismiss()}>
                  OK
                </button>
              </p>
            </Match>
            <Match
              when={c().state === 'failed' && (c() as Extract<NewAccountCheckState, { state: 'failed' }>)}
            >
              {(f) => (
                <>
                  <p>
                    <strong>{f().account.name} was added but is not in use:</strong> {f().why.message}
                  </p>
                  <Show when={f().why.hint}>{(h) => <p class="muted">What to do: {h()}</p>}</Show>
                  <p class="muted">
                    The account you were using stays active. Fix the credentials now, or keep{' '}
                    {f().account.name} and fix them later (Edit, then Test).
                  </p>
                  <button type="button" class="primary" onClick={() => props.onEdit(f().account.id)}>
                    Fix the credentials of {f().account.name}
                  </button>{' '}
                  <button type="button" onClick={() => props.onDismiss()}>
                    Keep it for later
                  </button>
                </>
              )}
            </Match>
          </Switch>
        </div>
      )}
    </Show>
  );
}
