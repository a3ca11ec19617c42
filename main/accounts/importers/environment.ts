/** Import source: environment variables (the SDK's `HUAWEICLOUD_SDK_*` and Terraform's `HW_*`). */
import { nonEmpty, type ParseResult, type RawCandidate } from './types';

/**
 * Candidates from environment variables: the SDK's `HUAWEICLOUD_SDK_*` set and the Terraform
 * provider's `HW_*` set.
 */
export function fromEnvironment(env: Record<string, string | undefined>): ParseResult {
  const out: ParseResult = { candidates: [], problems: [] };
  const groups: Array<{ name: string; ak: string; sk: string; keys: Record<string, string> }> = [
    {
      name: 'HUAWEICLOUD_SDK_*',
      ak: 'HUAWEICLOUD_SDK_AK',
      sk: 'HUAWEICLOUD_SDK_SK',
      keys: {
        securityToken: 'HUAWEICLOUD_SDK_SECURITY_TOKEN',
        projectId: 'HUAWEICLOUD_SDK_PROJECT_ID',
        domainId: 'HUAWEICLOUD_SDK_DOMAIN_ID',
        iamEndpoint: 'HUAWEICLOUD_SDK_IAM_ENDPOINT',
        region: 'HUAWEICLOUD_SDK_REGION',
      },
    },
    {
      name: 'HW_*',
      ak: 'HW_ACCESS_KEY',
      sk: 'HW_SECRET_KEY',
      keys: {
        securityToken: 'HW_SECURITY_TOKEN',
        projectId: 'HW_PROJECT_ID',
        domainId: 'HW_DOMAIN_ID',
        iamEndpoint: 'HW_AUTH_URL',
        region: 'HW_REGION_NAME',
      },
    },
  ];
  for (const g of groups) {
    const ak = nonEmpty(env[g.ak]);
    const sk = nonEmpty(env[g.sk]);
    if (ak === undefined && sk === undefined) continue;
    if (ak === undefined) {
      out.problems.push({
        source: 'env',
        origin: 'environment',
        message: `${g.sk} is set but ${g.ak} is not.`,
      });
      continue;
    }
    const c: RawCandidate = { source: 'env', origin: 'environment', profileName: g.name, accessKeyId: ak };
    if (sk !== undefined) c.secretKey = sk;
    for (const [field, name] of Object.entries(g.keys)) {
      const value = nonEmpty(env[name]);
      if (value !== undefined) (c as unknown as Record<string, string>)[field] = value;
    }
    out.candidates.push(c);
  }
  return out;
}
