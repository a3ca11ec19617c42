/**
 * The §6.1 version documents: `GET /` (novaListVersions) and `GET /{api_version}` (novaShowVersion).
 * Both answer without a token, as upstream Nova does and as OpenStack clients expect.
 */
import { MAX_MICROVERSION, MIN_MICROVERSION } from '../context';
import { notFound } from './errors';

interface VersionEntry {
  id: string;
  links: { rel: string; href: string; type?: string }[];
  min_version: string;
  status: string;
  updated: string;
  version: string;
}

function entries(endpoint: string): VersionEntry[] {
  const base = endpoint.replace(/\/+$/, '');
  // Reassembled from the garbled §6.1.1 example (NOTES.md §3): V2 is SUPPORTED without
  // microversions (empty strings), V2.1 is CURRENT with 2.1..2.60.
  return [
    {
      id: 'v2.0',
      links: [{ rel: 'self', href: `${base}/v2/` }],
      min_version: '',
      status: 'SUPPORTED',
      updated: '2011-01-21T11:33:21Z',
      version: '',
    },
    {
      id: 'v2.1',
      links: [{ rel: 'self', href: `${base}/v2.1/` }],
      min_version: MIN_MICROVERSION,
      status: 'CURRENT',
      updated: '2013-07-23T11:33:21Z',
      version: MAX_MICROVERSION,
    },
  ];
}

/** Body of `GET /`: every API version with its microversion range. */
export function listVersionsBody(endpoint: string): { versions: VersionEntry[] } {
  return { versions: entries(endpoint) };
}

/**
 * Body of `GET /{api_version}`; the top-level key is `version` (the §6.1.2 example and the SDK's
 * NovaShowVersionResponse), not the table's `versions`. Unknown versions give 404.
 */
export function showVersionBody(endpoint: string, apiVersion: string): { version: Record<string, unknown> } {
  const wanted = apiVersion.replace(/\/+$/, '').toLowerCase();
  const id = wanted === 'v2' ? 'v2.0' : wanted;
  const entry = entries(endpoint).find((e) => e.id === id);
  if (entry === undefined) throw notFound(`Version ${apiVersion} could not be found.`);
  return {
    version: {
      ...entry,
      links: [...entry.links, { rel: 'describedby', type: 'text/html', href: 'http://docs.openstack.org/' }],
      'media-types': [
        {
          base: 'application/json',
          type: `application/vnd.openstack.compute+json;version=${id === 'v2.0' ? '2' : '2.1'}`,
        },
      ],
    },
  };
}
