/**
 * IAM v3 calls the app needs (token and project discovery; §4.2, §10.2).
 */

/** Body of POST /v3/auth/tokens with a password, scoped to a project (§4.2). */
export interface IamCreateTokenBody {
  auth: {
    identity: {
      methods: Array<'password' | 'token'>;
      password?: {
        user: { name: string; password: string; domain: { name: string } };
      };
      token?: { id: string };
    };
    scope?:
      | { project: { name?: string; id?: string; domain?: { name: string } } }
      | { domain: { name?: string; id?: string } };
  };
}

/** A catalogue endpoint in the token body. */
export interface IamCatalogEndpoint {
  id: string;
  interface: string;
  region: string;
  region_id: string;
  url: string;
}

/** Result of the token create; the token itself is the `X-Subject-Token` response header. */
export interface IamCreateTokenResult {
  token: {
    expires_at: string;
    issued_at?: string;
    methods: string[];
    catalog?: Array<{ endpoints: IamCatalogEndpoint[]; id: string; name: string; type: string }>;
    project?: { id: string; name: string; domain?: { id: string; name: string } };
    user?: { id: string; name: string; domain?: { id: string; name: string } };
    roles?: Array<{ id: string; name: string }>;
  };
}

/** An IAM project (§10.2). */
export interface IamProject {
  id: string;
  name: string;
  domain_id: string;
  description?: string;
  enabled: boolean;
  is_domain?: boolean;
  parent_id?: string;
  links?: { self?: string };
}

/** Query of GET /v3/projects. */
export interface IamListProjectsQuery {
  name?: string;
  domain_id?: string;
  enabled?: boolean;
  is_domain?: boolean;
  parent_id?: string;
  page?: number;
  per_page?: number;
}

/** Result of GET /v3/projects and GET /v3/auth/projects. */
export interface IamListProjectsResult {
  projects: IamProject[];
  links?: { self?: string; next?: string | null; previous?: string | null };
}
