/**
 * SSH key pairs (§6.11.1–6.11.4).
 */

/** A key pair as shown by GET /v2.1/{project_id}/os-keypairs/{keypair_name} (§6.11.2). */
export interface Keypair {
  public_key: string;
  name: string;
  fingerprint: string;
  created_at?: string;
  deleted?: boolean;
  deleted_at?: string | null;
  id?: number;
  updated_at?: string | null;
  user_id?: string;
  /** 2.2+. */
  type?: 'ssh' | 'x509';
}

/**
 * Result of GET /v2.1/{project_id}/os-keypairs. The document's tables are missing (§18.1);
 * this is the SDK's NovaListKeypairsResponse shape (`keypairs[].keypair`).
 */
export interface NovaListKeypairsResult {
  keypairs: Array<{ keypair: { fingerprint: string; name: string; public_key: string; type?: string } }>;
  keypairs_links?: Array<{ href: string; rel: string }>;
}

/** Query of the key pair list (SDK: limit, marker). */
export interface NovaListKeypairsQuery {
  limit?: number;
  marker?: string;
}

/** Result of GET /v2.1/{project_id}/os-keypairs/{keypair_name}. */
export interface NovaShowKeypairResult {
  keypair: Keypair;
}

/** Body of POST /v2.1/{project_id}/os-keypairs (§6.11.3): no public_key = generate one. */
export interface NovaCreateKeypairBody {
  keypair: { name: string; public_key?: string; type?: 'ssh' | 'x509'; user_id?: string };
}

/** Result of the key pair create; `private_key` only when the cloud generated the pair. */
export interface NovaCreateKeypairResult {
  keypair: {
    fingerprint: string;
    name: string;
    public_key: string;
    private_key?: string;
    user_id?: string;
    type?: string;
  };
}
