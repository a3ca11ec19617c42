/**
 * Fidelity rows of server creation (§5.1.1, POST /v1/{project_id}/cloudservers): NICs and fixed
 * IPs, key pairs and passwords, images, flavors, count, name and description, VPC, disk type, tags.
 */
import { call, createBody, ids, NONE, type Row } from '../../helpers/sandbox-fidelity';

export const createRows: Row[] = [
  // ---- createServers (POST /v1/{p}/cloudservers)
  {
    operation: 'createServers',
    condition: 'a NIC subnet that does not exist',
    section: '5.1.1, A.2',
    status: 400,
    code: 'Ecs.0038',
    fixed: 'was Ecs.0005',
    run: () => call('POST', '/v1/{p}/cloudservers', createBody({ nics: [{ subnet_id: NONE }] })),
  },
  {
    operation: 'createServers',
    condition: 'ip_address outside the subnet (the example error body: Ecs.0005 with detail Ecs.0039)',
    section: '5.1.1 example',
    status: 400,
    code: 'Ecs.0005',
    run: () =>
      call(
        'POST',
        '/v1/{p}/cloudservers',
        createBody({ nics: [{ subnet_id: ids.subnet, ip_address: '10.9.9.9' }] }),
      ),
  },
  {
    operation: 'createServers',
    condition: 'key_name of a key pair that does not exist',
    section: '5.1.1, A.2',
    status: 400,
    code: 'Ecs.0314',
    fixed: 'was Ecs.0005',
    run: () =>
      call('POST', '/v1/{p}/cloudservers', createBody({ adminPass: undefined, key_name: 'no-such-key' })),
  },
  {
    operation: 'createServers',
    condition: "adminPass whose only special character is '&' (listed in the doc's set)",
    section: '5.1.1 Table 5-3',
    status: 200,
    fixed: 'was Ecs.0011: & and ; were not counted as special characters',
    run: () => call('POST', '/v1/{p}/cloudservers', createBody({ adminPass: 'sandbox&2024' })),
  },
  {
    operation: 'createServers',
    condition: 'adminPass too weak (two character classes)',
    section: '5.1.1 Table 5-3, A.2',
    status: 400,
    code: 'Ecs.0011',
    run: () => call('POST', '/v1/{p}/cloudservers', createBody({ adminPass: 'sandboxpassword' })),
  },
  {
    operation: 'createServers',
    condition: 'Windows adminPass holding three consecutive characters of "Administrator"',
    section: '5.1.1 Table 5-3',
    status: 400,
    code: 'Ecs.0011',
    fixed: 'was accepted (rule missing)',
    run: () =>
      call('POST', '/v1/{p}/cloudservers', createBody({ imageRef: ids.windows, adminPass: 'Mint#2024xyz' })),
  },
  {
    operation: 'createServers',
    condition: 'Linux private image with neither key_name nor adminPass ("image password")',
    section: '5.1.1 Function',
    status: 200,
    fixed: 'was Ecs.0005: a credential was always required for Linux',
    run: () =>
      call('POST', '/v1/{p}/cloudservers', createBody({ imageRef: ids.privateImage, adminPass: undefined })),
  },
  {
    operation: 'createServers',
    condition: 'public Linux image with no way to log in',
    section: '5.1.1 Function',
    status: 400,
    code: 'Ecs.0005',
    run: () => call('POST', '/v1/{p}/cloudservers', createBody({ adminPass: undefined })),
  },
  {
    operation: 'createServers',
    condition: 'an image that does not exist',
    section: 'A.2',
    status: 400,
    code: 'Ecs.0031',
    run: () => call('POST', '/v1/{p}/cloudservers', createBody({ imageRef: NONE })),
  },
  {
    operation: 'createServers',
    condition: 'a flavor that does not exist',
    section: 'A.2',
    status: 400,
    code: 'Ecs.0029',
    run: () => call('POST', '/v1/{p}/cloudservers', createBody({ flavorRef: 'x9.none' })),
  },
  {
    operation: 'createServers',
    condition: 'a sold-out flavor',
    section: '5.4.1, A.2',
    status: 400,
    code: 'Ecs.0319',
    run: () => call('POST', '/v1/{p}/cloudservers', createBody({ flavorRef: 'c7.8xlarge.2' })),
  },
  {
    operation: 'createServers',
    condition: 'count 501',
    section: '5.1.1, A.2',
    status: 400,
    code: 'Ecs.0913',
    run: () => call('POST', '/v1/{p}/cloudservers', createBody({ count: 501 })),
  },
  {
    operation: 'createServers',
    condition: 'a name of 129 characters',
    section: '5.1.1, A.2',
    status: 400,
    code: 'Ecs.0914',
    run: () => call('POST', '/v1/{p}/cloudservers', createBody({ name: 'a'.repeat(129) })),
  },
  {
    operation: 'createServers',
    condition: 'a name with invalid characters',
    section: '5.1.1, A.2',
    status: 400,
    code: 'Ecs.0915',
    run: () => call('POST', '/v1/{p}/cloudservers', createBody({ name: 'web server!' })),
  },
  {
    operation: 'createServers',
    condition: 'a description with "<"',
    section: '5.1.1, A.2',
    status: 400,
    code: 'Ecs.0041',
    run: () => call('POST', '/v1/{p}/cloudservers', createBody({ description: '<b>' })),
  },
  {
    operation: 'createServers',
    condition: "more NICs than the flavor's instance_vnic:max_count (4)",
    section: '5.4.1 Table 5-41, A.2',
    status: 400,
    code: 'Ecs.0050',
    fixed: 'was accepted up to 12',
    run: () =>
      call(
        'POST',
        '/v1/{p}/cloudservers',
        createBody({ nics: Array.from({ length: 5 }, () => ({ subnet_id: ids.subnet })) }),
      ),
  },
  {
    operation: 'createServers',
    condition: 'a VPC that does not exist',
    section: 'A.2',
    status: 400,
    code: 'Ecs.0014',
    run: () => call('POST', '/v1/{p}/cloudservers', createBody({ vpcid: NONE })),
  },
  {
    operation: 'createServers',
    condition: 'a disk type that does not exist',
    section: 'A.2',
    status: 400,
    code: 'Ecs.0043',
    run: () => call('POST', '/v1/{p}/cloudservers', createBody({ root_volume: { volumetype: 'FLOPPY' } })),
  },
  {
    operation: 'createServers',
    condition: '11 tags',
    section: '5.9, A.2',
    status: 400,
    code: 'Ecs.0905',
    run: () =>
      call(
        'POST',
        '/v1/{p}/cloudservers',
        createBody({ server_tags: Array.from({ length: 11 }, (_, i) => ({ key: `k${i}`, value: 'v' })) }),
      ),
  },
  {
    operation: 'createServers',
    condition: 'a duplicate tag key',
    section: 'A.2',
    status: 400,
    code: 'Ecs.0908',
    run: () =>
      call(
        'POST',
        '/v1/{p}/cloudservers',
        createBody({
          server_tags: [
            { key: 'a', value: '1' },
            { key: 'a', value: '2' },
          ],
        }),
      ),
  },
  {
    operation: 'createServers',
    condition: 'an empty body',
    section: 'A.2',
    status: 400,
    code: 'Common.0002',
    run: () => call('POST', '/v1/{p}/cloudservers'),
  },
  {
    operation: 'createServers',
    condition: 'a tag whose key is "constructor" (a valid key, not a duplicate)',
    section: '5.9.3 Table 5-76',
    status: 200,
    fixed: 'was Ecs.0908 "Duplicate tag key"',
    run: () =>
      call('POST', '/v1/{p}/cloudservers', createBody({ server_tags: [{ key: 'constructor', value: 'x' }] })),
  },
];
