/**
 * How a server is logged in to: a key pair or a password (with an optional confirmation). Used by
 * the create wizard and by the reinstall and change-OS dialogs, so both ask the same way.
 */
import { For, Show } from 'solid-js';
import { Field } from './field';

/** The two ways to log in to a new or reinstalled server. */
export type LoginKind = 'keypair' | 'password';

/** Props of {@link LoginFields}; the parent holds the values (controlled fields). */
export interface LoginFieldsProps {
  /** Prefix of the control ids (unique per dialog). */
  id: string;
  login: LoginKind;
  onLogin(kind: LoginKind): void;
  /** The key pairs to choose from (undefined while loading). */
  keypairs: readonly { name: string }[] | undefined;
  keyName: string;
  onKeyName(name: string): void;
  password: string;
  onPassword(password: string): void;
  /** The password field's label (it says the rule for the chosen OS). */
  passwordLabel: string;
  /** When given, a "Confirm password" field follows the password. */
  confirm?: { value: string; onInput(value: string): void };
  /** Inline errors of the key, password and confirmation fields. */
  errors?: { key?: string | undefined; password?: string | undefined; confirm?: string | undefined };
}

/** The login radio pair and the key pair picker or password field(s). */
export function LoginFields(props: LoginFieldsProps) {
  return (
    <fieldset class="radio-row">
      <legend>Login</legend>
      <label>
        <input
          type="radio"
          name={`${props.id}-login`}
          checked={props.login === 'keypair'}
          onChange={() => props.onLogin('keypair')}
        />{' '}
        Key pair
      </label>
      <label>
        <input
          type="radio"
          name={`${props.id}-login`}
          checked={props.login === 'password'}
          onChange={() => props.onLogin('password')}
        />{' '}
        Password
      </label>
      <Show
        when={props.login === 'password'}
        fallback={
          <Field id={`${props.id}-key`} label="Key pair" error={props.errors?.key}>
            <select
              id={`${props.id}-key`}
              value={props.keyName}
              onChange={(e) => props.onKeyName(e.currentTarget.value)}
            >
              <option value="">Choose a key pair…</option>
              <For each={props.keypairs}>{(k) => <option value={k.name}>{k.name}</option>}</For>
            </select>
          </Field>
        }
      >
        <div class="form-grid">
          <Field id={`${props.id}-password`} label={props.passwordLabel} error={props.errors?.password}>
            <input
              id={`${props.id}-password`}
              type="password"
              autocomplete="new-password"
              value={props.password}
              onInput={(e) => props.onPassword(e.currentTarget.value)}
            />
          </Field>
          <Show when={props.confirm}>
            {(c) => (
              <Field id={`${props.id}-password2`} label="Confirm password" error={props.errors?.confirm}>
                <input
                  id={`${props.id}-password2`}
                  type="password"
                  autocomplete="new-password"
                  value={c().value}
                  onInput={(e) => c().onInput(e.currentTarget.value)}
                />
              </Field>
            )}
          </Show>
        </div>
      </Show>
    </fieldset>
  );
}
