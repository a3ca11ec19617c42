import type { OperationDef } from './types';

/** IAM v3 operations the app needs: token and project discovery (§4.2, §10.2). */
export const iamOps = {
  iamCreateToken: {
    id: 'iamCreateToken',
    section: '4.2',
    service: 'iam',
    family: 'iam',
    method: 'POST',
    path: '/v3/auth/tokens',
    completion: 'sync',
    successStatus: [201], // §4.2: "if status code 201 is returned ... the request is successful"
    // A POST, but a second token is harmless: nothing billable or visible is created.
    idempotent: true,
  },
  iamListProjects: {
    id: 'iamListProjects',
    sdkName: 'keystoneListProjects',
    section: '10.2',
    service: 'iam',
    family: 'iam',
    method: 'GET',
    path: '/v3/projects',
    query: ['name', 'domain_id', 'enabled', 'is_domain', 'parent_id', 'page', 'per_page'],
    completion: 'sync',
    idempotent: true,
  },
  iamListAuthProjects: {
    id: 'iamListAuthProjects',
    service: 'iam',
    family: 'iam',
    method: 'GET',
    // §4.2's usage example prints `POST .../v3/auth/projects`; Keystone (and the IAM SDK) use GET.
    path: '/v3/auth/projects',
    completion: 'sync',
    idempotent: true,
  },
} as const satisfies Record<string, OperationDef>;
