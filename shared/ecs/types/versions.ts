/**
 * Nova API version documents (§6.1).
 */
import type { Link } from './common';

/** A version entry (§6.1.1); version/min_version are "" when microversions are unsupported. */
export interface ApiVersion {
  id: string;
  links: Link[];
  min_version: string;
  status: 'CURRENT' | 'SUPPORTED' | 'DEPRECATED' | string;
  updated: string;
  version: string;
  'media-types'?: Array<{ base: string; type: string }>;
}

/** Result of GET / (the table types `versions` as Object; it is a list). */
export interface ListVersionsResult {
  versions: ApiVersion[];
}

/** Result of GET /{api_version}: the example's `version` key, as real Nova answers (§19.7). */
export interface ShowVersionResult {
  version: ApiVersion;
}
