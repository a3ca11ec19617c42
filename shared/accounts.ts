/**
 * Account types shared by the main process, the IPC contract and the renderer.
 *
 * SECURITY: nothing here ever carries a secret key, security token or password to the renderer:
 * views say only whether a secret is stored (`hasSecret`) and show the access key id masked.
 * Input types do carry secrets (renderer -> main, once, when the user types them).
 */

/** Kinds of secret kept in the OS keychain, one keychain item per account and kind. */
export type SecretKind = 'sk' | 'securityToken' | 'password';

/** All secret kinds, in a stable order. */
export const SECRET_KINDS: readonly SecretKind[] = ['sk', 'securityToken', 'password'];

/** How an account authenticates: permanent AK/SK, temporary AK/SK + token, or IAM user + password. */
export type AccountKind = 'aksk' | 'temporary' | 'password';

/** The id of the built-in Sandbox account (the simulator); it always exists. */
export const SANDBOX_ACCOUNT_ID = 'sandbox';

/** The region the built-in simulator serves (the Sandbox account's only region). */
export const SANDBOX_REGION = 'sandbox-1';

/** Custom endpoint base URLs (https://host[:port]) that replace the public region catalogue. */
export interface CustomEndpoints {
  ecs?: string;
  iam?: string;
  vpc?: string;
}

/** The project id used in one region, and whether it was discovered through IAM or typed by the user. */
export interface ProjectRef {
  id: string;
  source: 'discovered' | 'override';
}

/** Fields the user may set on any account (all non-secret). */
export interface AccountSettings {
  name: string;
  defaultRegion: string;
  /** Regions the user enabled; always includes `defaultRegion`. */
  regions?: string[];
  /** Project id overrides per region (region -> project id). */
  projectOverrides?: Record<string, string>;
  endpoints?: CustomEndpoints;
  /**
   * HTTP(S) proxy URL without credentials: `http://host:port`. A URL with a user name or password is
   * refused (the file must never hold one; authenticated proxies are not supported yet).
   */
  proxyUrl?: string;
  /** A CSS hex colour `#rrggbb`. */
  color?: string;
  label?: string;
  hidden?: boolean;
}

/** Input to add a permanent AK/SK account. */
export interface AddAkSkAccountInput extends AccountSettings {
  kind: 'aksk';
  accessKeyId: string;
  secretKey: string;
  domainId?: string;
}

/** Input to add a temporary AK/SK account (security token with an expiry). */
export interface AddTemporaryAccountInput extends AccountSettings {
  kind: 'temporary';
  accessKeyId: string;
  secretKey: string;
  securityToken: string;
  /** When the security token expires, ISO 8601. */
  expiresAt?: string;
  domainId?: string;
}

/** Input to add an IAM user + password account. */
export interface AddPasswordAccountInput extends AccountSettings {
  kind: 'password';
  userName: string;
  /** The account (domain) name the IAM user belongs to. */
  domainName: string;
  password: string;
}

/** Input of `accounts.add`: one of the three account kinds. */
export type AddAccountInput = AddAkSkAccountInput | AddTemporaryAccountInput | AddPasswordAccountInput;

/** New credentials for `accounts.edit`; fields left out keep their stored value. */
export interface RotateCredentialsInput {
  accessKeyId?: string;
  secretKey?: string;
  securityToken?: string;
  expiresAt?: string;
  userName?: string;
  domainName?: string;
  password?: string;
}

/** Input of `accounts.edit`: every field optional; `null` clears an optional field. */
export interface EditAccountInput {
  id: string;
  name?: string;
  defaultRegion?: string;
  regions?: string[];
  /** region -> project id to override; `null` drops the override (discovery takes over again). */
  projectOverrides?: Record<string, string | null>;
  endpoints?: CustomEndpoints | null;
  proxyUrl?: string | null;
  color?: string | null;
  label?: string | null;
  hidden?: boolean;
  rotate?: RotateCredentialsInput;
}

/** What the renderer sees of an account: never a secret. */
export interface AccountView {
  id: string;
  name: string;
  kind: AccountKind;
  /** True for the built-in Sandbox account (cannot be deleted or edited except hidden/order/label). */
  builtin: boolean;
  /** The access key id masked, e.g. `AKIA****WXYZ`. */
  accessKeyIdMasked?: string;
  userName?: string;
  domainName?: string;
  /** Whether every secret this account needs is stored in the vault. */
  hasSecret: boolean;
  /** `unavailable` when the vault could not be asked (locked, frozen, no keychain). */
  secretState: 'stored' | 'missing' | 'unavailable';
  /** Security-token expiry (temporary accounts), ISO 8601. */
  expiresAt?: string;
  /** True when `expiresAt` is in the past. */
  expired: boolean;
  defaultRegion: string;
  regions: string[];
  projects: Record<string, ProjectRef>;
  endpoints: CustomEndpoints;
  proxyUrl?: string;
  color?: string;
  label?: string;
  order: number;
  hidden: boolean;
  isDefault: boolean;
}

/** Where an import candidate came from. */
export type ImportSourceKind = 'env' | 'sdk-credentials' | 'koocli' | 'openstack';

/** One account found by an importer, as previewed to the user: never a secret. */
export interface ImportCandidateView {
  /** Stable within one preview; pass it back to import. */
  candidateId: string;
  source: ImportSourceKind;
  /** The file (or `environment`) it came from. */
  origin: string;
  /** The profile, section or cloud name in that file. */
  profileName: string;
  kind: AccountKind;
  suggestedName: string;
  accessKeyIdMasked?: string;
  userName?: string;
  domainName?: string;
  region?: string;
  projectId?: string;
  /** Whether the source holds the secret(s) this account needs. */
  hasSecret: boolean;
  /** Why this candidate cannot be imported as is (e.g. no secret key), if so. */
  warning?: string;
  /** False when importing it would fail (no secret, unsupported auth mode); a warning alone may not stop it. */
  importable?: boolean;
}

/** A file or variable set that could not be read, with the file and line where possible. */
export interface ImportProblem {
  source: ImportSourceKind;
  origin: string;
  line?: number;
  message: string;
}

/** The result of scanning every import source. */
export interface ImportPreview {
  candidates: ImportCandidateView[];
  problems: ImportProblem[];
}

/** Result of a connection test, in plain words. */
export type ConnectionVerdict =
  'ok' | 'wrong-key' | 'clock-skew' | 'wrong-region-or-project' | 'no-permission' | 'network' | 'unknown';

/** A classified connection-test outcome with what to do about it. */
export interface ConnectionDiagnosis {
  verdict: ConnectionVerdict;
  message: string;
  hint?: string;
  /** Server clock minus local clock, in milliseconds, when the response had a `Date` header. */
  clockSkewMs?: number;
  status?: number;
  apiCode?: string;
}

/**
 * State of the OS keychain: found by the start-up probe, then kept current by the vault.
 * `timeout`: a call (or the probe) got no answer in time; `unresponsive`: the keychain stopped
 * answering and calls fail at once until it answers again, which the app notices by itself.
 */
export type KeychainState =
  'ok' | 'no-dbus' | 'no-secret-service' | 'locked' | 'timeout' | 'unresponsive' | 'error';

/** The keychain's state in plain words, with what to do. */
export interface KeychainStatus {
  state: KeychainState;
  message: string;
  hint?: string;
}

/** Which vault the app uses: the OS keychain or secrets held in memory until quit. */
export type VaultMode = 'keychain' | 'session-only';

/** Masks an access key id for display: the first 4 and last 4 characters, e.g. `AKIA****WXYZ`. */
export function maskAccessKeyId(accessKeyId: string): string {
  // SECURITY: short ids would be shown almost whole; show less of them.
  if (accessKeyId.length <= 8) return `${accessKeyId.slice(0, 2)}****`;
  return `${accessKeyId.slice(0, 4)}****${accessKeyId.slice(-4)}`;
}
