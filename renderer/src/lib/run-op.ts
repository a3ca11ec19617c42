/**
 * Runs one API call for a user action and reports it: a success toast, or an error toast with
 * the code, API code and hint. Never throws.
 */
import type { Result } from '../../../shared/ipc/contract';
import { useToasts } from '../stores/app-context';

/** A function running `call` and toasting its outcome; resolves the value, or undefined on failure. */
export type RunOp = <T>(label: string, call: () => Promise<Result<T>>) => Promise<T | undefined>;

/** Returns a {@link RunOp} bound to the toasts store (call inside the app's providers). */
export function useRunOp(): RunOp {
  const [, toasts] = useToasts();
  return async (label, call) => {
    const res = await call();
    if (res.ok) {
      toasts.show({ level: 'success', message: label });
      return res.value;
    }
    toasts.error(`${label}: failed`, res.error);
    return undefined;
  };
}
