import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  AccountImporter,
  fromEnvironment,
  parseCloudsYaml,
  parseKooCliConfig,
  parseSdkCredentials,
  scanSources,
} from '../../main/accounts/importers';
import { AccountsService } from '../../main/accounts/accounts.service';
import { MemoryStore } from '../../main/accounts/vault';

const fixtures = resolve(__dirname, '../fixtures/import');
const read = (p: string): Promise<string> => fs.readFile(join(fixtures, p), 'utf8');

let home: string;
beforeEach(async () => {
  home = await fs.mkdtemp(join(tmpdir(), 'ecs-import-home-'));
});
afterEach(async () => {
  await fs.rm(home, { recursive: true, force: true });
});

async function place(fixture: string, target: string): Promise<string> {
  const dest = join(home, target);
  await fs.mkdir(join(dest, '..'), { recursive: true });
  await fs.copyFile(join(fixtures, fixture), dest);
  return dest;
}

describe('environment variables', () => {
  it('reads the SDK variables into one temporary candidate', () => {
    const r = fromEnvironment({
      HUAWEICLOUD_SDK_AK: 'ENVAK000000000000001',
      HUAWEICLOUD_SDK_SK: 'envSecret',
      HUAWEICLOUD_SDK_SECURITY_TOKEN: 'envToken',
      HUAWEICLOUD_SDK_PROJECT_ID: 'p1',
      HUAWEICLOUD_SDK_DOMAIN_ID: 'd1',
      HUAWEICLOUD_SDK_IAM_ENDPOINT: 'https://iam.example.com',
      HUAWEICLOUD_SDK_REGION: 'cn-east-3',
    });
    expect(r.problems).toEqual([]);
    expect(r.candidates).toEqual([
      {
        source: 'env',
        origin: 'environment',
        profileName: 'HUAWEICLOUD_SDK_*',
        accessKeyId: 'ENVAK000000000000001',
        secretKey: 'envSecret',
        securityToken: 'envToken',
        projectId: 'p1',
        domainId: 'd1',
        iamEndpoint: 'https://iam.example.com',
        region: 'cn-east-3',
      },
    ]);
  });

  it('reports a secret key without its access key, and ignores unrelated variables', () => {
    const r = fromEnvironment({ HW_SECRET_KEY: 'x', PATH: '/bin' });
    expect(r.candidates).toEqual([]);
    expect(r.problems[0]?.message).toMatch(/HW_SECRET_KEY is set but HW_ACCESS_KEY is not/);
    expect(fromEnvironment({ PATH: '/bin' })).toEqual({ candidates: [], problems: [] });
  });
});

describe('SDK credentials file', () => {
  it('reads every profile of the INI file', async () => {
    const r = parseSdkCredentials(await read('sdk/credentials'), 'creds');
    expect(r.problems).toEqual([]);
    expect(
      r.candidates.map((c) => [c.profileName, c.accessKeyId, c.region, c.securityToken !== undefined]),
    ).toEqual([
      ['basic', 'QTWAOYTTINDUT2QVKYUC', 'cn-north-4', false],
      ['global', 'GLOBALAK000000000001', undefined, false],
      ['temporary', 'TEMPAK00000000000001', 'ap-southeast-1', true],
      ['half', 'HALFAK00000000000001', undefined, false],
    ]);
    expect(r.candidates[1]).toMatchObject({
      secretKey: 'globalSecretKeyValue0000000000000000001',
      domainId: '9876543210fedcba9876543210fedcba',
      iamEndpoint: 'https://iam.myhuaweicloud.com/v3',
    });
    // Quotes around a value are not part of the secret.
    expect(r.candidates[2]?.secretKey).toBe('tempSecretKeyValue0000000000000000001');
  });

  it.each([
    ['sdk/credentials-outside-section', 2, /"ak" is outside of any \[section\]/],
    ['sdk/credentials-no-equals', 3, /expected "key = value"/],
    ['sdk/credentials-duplicate-key', 5, /"sk" is set twice in \[basic\]/],
    ['sdk/credentials-bad-header', 1, /malformed section header/],
  ])('%s gives a clear error with file and line', async (file, line, message) => {
    const r = parseSdkCredentials(await read(file), `/home/u/${file}`);
    expect(r.candidates).toEqual([]);
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]).toMatchObject({ source: 'sdk-credentials', line });
    expect(r.problems[0]?.message).toContain(`/home/u/${file}: line ${line}:`);
    expect(r.problems[0]?.message).toMatch(message);
  });
});

describe('KooCLI config', () => {
  it('reads AK/SK profiles and flags other modes as not importable', async () => {
    const r = parseKooCliConfig(await read('koocli/config.json'), 'koo');
    expect(r.problems).toEqual([]);
    expect(
      r.candidates.map((c) => [c.profileName, c.accessKeyId, c.securityToken, c.region, c.unsupported]),
    ).toEqual([
      ['default', 'KOOAK000000000000001', undefined, 'cn-south-1', undefined],
      ['temp', 'KOOTEMP0000000000001', 'koo-temporary-security-token-value', 'la-south-2', undefined],
      [
        'agency',
        undefined,
        undefined,
        'cn-north-4',
        'KooCLI mode "ecsAgency" is not supported (only AK/SK profiles)',
      ],
    ]);
    expect(r.candidates[0]?.projectId).toBe('aaaabbbbccccddddeeeeffff00001111');
  });

  it('a trailing comma gives a JSON error with the line', async () => {
    const r = parseKooCliConfig(await read('koocli/config-trailing-comma.json.txt'), 'config.json');
    expect(r.candidates).toEqual([]);
    expect(r.problems[0]).toMatchObject({ source: 'koocli', line: 7 });
    expect(r.problems[0]?.message).toMatch(/^config\.json: line 7: not valid JSON/);
  });

  it('a file without profiles says so', async () => {
    const r = parseKooCliConfig(await read('koocli/config-no-profiles.json'), 'config.json');
    expect(r.problems[0]?.message).toMatch(/no "profiles" list/);
  });
});

describe('OpenStack clouds.yaml', () => {
  it('merges secure.yaml into clouds.yaml per cloud', async () => {
    const r = parseCloudsYaml(
      { text: await read('openstack/clouds.yaml'), origin: 'clouds.yaml' },
      { text: await read('openstack/secure.yaml'), origin: 'secure.yaml' },
    );
    expect(r.problems).toEqual([]);
    expect(r.candidates).toEqual([
      {
        source: 'openstack',
        origin: 'clouds.yaml',
        profileName: 'hw-password',
        region: 'eu-west-101',
        projectId: '11112222333344445555666677778888',
        iamEndpoint: 'https://iam.eu-west-101.myhuaweicloud.eu/v3',
        userName: 'ops-user',
        domainName: 'acme-account',
        password: 's3cure-Pässword from secure.yaml',
      },
      {
        source: 'openstack',
        origin: 'clouds.yaml',
        profileName: 'hw-aksk',
        region: 'ap-southeast-3',
        accessKeyId: 'OSAKSK00000000000001',
        secretKey: 'osSecretKeyFromSecureYaml000000000000001',
      },
      {
        source: 'openstack',
        origin: 'clouds.yaml',
        profileName: 'token-only',
        unsupported: 'auth type "token" is not supported (only AK/SK or user name + password)',
      },
    ]);
  });

  it('badly indented YAML gives an error with file and line', async () => {
    const r = parseCloudsYaml({
      text: await read('openstack-bad/clouds.yaml.txt'),
      origin: '/etc/openstack/clouds.yaml',
    });
    expect(r.candidates).toEqual([]);
    expect(r.problems[0]).toMatchObject({ source: 'openstack', line: 6 });
    expect(r.problems[0]?.message).toMatch(/^\/etc\/openstack\/clouds\.yaml: line 6: invalid YAML/);
  });

  it('YAML without a clouds map says so', async () => {
    const r = parseCloudsYaml({ text: await read('openstack-noclouds/clouds.yaml'), origin: 'c.yaml' });
    expect(r.problems[0]?.message).toMatch(/no "clouds:" map/);
  });
});

describe('preview then import', () => {
  it('scans the usual paths; the preview holds no secret; import puts secrets in the vault', async () => {
    await place('sdk/credentials', '.huaweicloud/credentials');
    await place('koocli/config.json', '.hcloud/config.json');
    await place('openstack/clouds.yaml', '.config/openstack/clouds.yaml');
    await place('openstack/secure.yaml', '.config/openstack/secure.yaml');
    const vault = new MemoryStore();
    const accounts = new AccountsService({ dataDir: join(home, 'data'), vault });
    await accounts.init();
    const env = { HUAWEICLOUD_SDK_AK: 'ENVAK000000000000001', HUAWEICLOUD_SDK_SK: 'envSecretValue-123456' };
    const importer = new AccountImporter(accounts, {
      env,
      home,
      cwd: home,
      etcOpenstack: join(home, 'no-etc'),
    });
    const preview = await importer.preview();
    expect(preview.problems).toEqual([]);
    expect(preview.candidates.map((c) => `${c.source}/${c.profileName}/${c.kind}/${c.hasSecret}`)).toEqual([
      'env/HUAWEICLOUD_SDK_*/aksk/true',
      'sdk-credentials/basic/aksk/true',
      'sdk-credentials/global/aksk/true',
      'sdk-credentials/temporary/temporary/true',
      'sdk-credentials/half/aksk/false',
      'koocli/default/aksk/true',
      'koocli/temp/temporary/true',
      'koocli/agency/aksk/false',
      'openstack/hw-password/password/true',
      'openstack/hw-aksk/aksk/true',
      'openstack/token-only/aksk/false',
    ]);
    const text = JSON.stringify(preview);
    for (const secret of [
      'envSecretValue-123456',
      'MFyfvK41ba2giqM7Uio6PznpdUKGpownRZlmVmHc',
      'gQpjbi1ub3J0aC00ToKEN-fake-token-value',
      'kooSecretKeyValue00000000000000000000001',
      's3cure-Pässword from secure.yaml',
      'osSecretKeyFromSecureYaml000000000000001',
    ])
      expect(text).not.toContain(secret);
    expect(preview.candidates[1]?.accessKeyIdMasked).toBe('QTWA****KYUC');
    expect(preview.candidates[4]?.warning).toMatch(/no secret key/);

    const byName = (name: string): string =>
      preview.candidates.find((c) => c.profileName === name)!.candidateId;
    const result = await importer.importSelected([
      { candidateId: byName('basic'), name: 'From SDK file' },
      { candidateId: byName('hw-password') },
      { candidateId: byName('temp') },
      { candidateId: byName('half') },
      { candidateId: byName('agency') },
      { candidateId: 'nope' },
    ]);
    expect(result.imported.map((v) => [v.name, v.kind, v.hasSecret, v.defaultRegion])).toEqual([
      ['From SDK file', 'aksk', true, 'cn-north-4'],
      ['hw-password (openstack)', 'password', true, 'eu-west-101'],
      ['temp (koocli)', 'temporary', true, 'la-south-2'],
    ]);
    expect(result.failed.map((f) => f.message)).toEqual([
      'no secret key in the source',
      'KooCLI mode "ecsAgency" is not supported (only AK/SK profiles)',
      'unknown candidate: scan again',
    ]);
    const [sdk, os] = result.imported;
    expect(await accounts.getCredentials(sdk!.id)).toEqual({
      kind: 'aksk',
      accessKeyId: 'QTWAOYTTINDUT2QVKYUC',
      secretKey: 'MFyfvK41ba2giqM7Uio6PznpdUKGpownRZlmVmHc',
    });
    expect(sdk!.projects).toEqual({
      'cn-north-4': { id: '0123456789abcdef0123456789abcdef', source: 'override' },
    });
    expect(os!.endpoints).toEqual({ iam: 'https://iam.eu-west-101.myhuaweicloud.eu' });
    expect(await accounts.getCredentials(os!.id)).toMatchObject({
      password: 's3cure-Pässword from secure.yaml',
    });
    importer.clear();
    expect((await importer.importSelected([{ candidateId: byName('basic') }])).failed).toHaveLength(1);
  });

  it('reports malformed files found on the usual paths, and still lists the good ones', async () => {
    await place('sdk/credentials-no-equals', '.huaweicloud/credentials');
    await place('koocli/config.json', '.hcloud/config.json');
    await place('openstack-bad/clouds.yaml.txt', 'etc/clouds.yaml');
    const r = await scanSources({ env: {}, home, cwd: join(home, 'cwd'), etcOpenstack: join(home, 'etc') });
    expect(r.problems.map((p) => [p.source, p.origin, p.line])).toEqual([
      ['sdk-credentials', join(home, '.huaweicloud/credentials'), 3],
      ['openstack', join(home, 'etc/clouds.yaml'), 6],
    ]);
    expect(r.candidates.map((c) => c.source)).toEqual(['koocli', 'koocli', 'koocli']);
  });

  it('follows HUAWEICLOUD_SDK_CREDENTIALS_FILE and OS_CLIENT_CONFIG_FILE', async () => {
    const creds = await place('sdk/credentials', 'elsewhere/creds.ini');
    const clouds = await place('openstack/clouds.yaml', 'elsewhere/my-clouds.yaml');
    const r = await scanSources({
      env: { HUAWEICLOUD_SDK_CREDENTIALS_FILE: creds, OS_CLIENT_CONFIG_FILE: clouds },
      home,
      cwd: home,
      etcOpenstack: join(home, 'none'),
    });
    expect(r.candidates.filter((c) => c.origin === creds)).toHaveLength(4);
    expect(r.candidates.filter((c) => c.origin === clouds)).toHaveLength(3);
  });
});
