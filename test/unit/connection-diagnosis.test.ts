import { describe, expect, it } from 'vitest';
import { diagnoseConnection } from '../../main/accounts/connection-diagnosis';
import { AuthError, NetworkError, errorFromResponse } from '../../main/cloud/errors';

const now = new Date('2024-06-01T12:00:00Z');
const at = (offsetMin: number): string => new Date(now.getTime() + offsetMin * 60_000).toUTCString();
const body = (code: string, message: string): string =>
  JSON.stringify({ error_code: code, error_msg: message });

describe('diagnoseConnection', () => {
  it('2xx with a sane clock is ok and reports the measured skew', () => {
    const d = diagnoseConnection({ response: { status: 200, headers: { Date: at(1) } }, now });
    expect(d.verdict).toBe('ok');
    expect(d.clockSkewMs).toBe(60_000);
  });

  it('2xx with a clock far off is ok but warns about the clock', () => {
    const d = diagnoseConnection({ response: { status: 200, headers: { date: at(-45) } }, now });
    expect(d.verdict).toBe('ok');
    expect(d.message).toMatch(/45 minutes ahead/);
  });

  it('401 with the server Date 20 minutes ahead is clock skew, not a wrong key', () => {
    const d = diagnoseConnection({
      response: {
        status: 401,
        headers: { date: at(20) },
        body: body('APIGW.0301', 'Incorrect IAM authentication information'),
      },
      now,
    });
    expect(d.verdict).toBe('clock-skew');
    expect(d.message).toMatch(/20 minutes behind/);
    expect(d.hint).toMatch(/NTP/);
  });

  it('401 with hours of skew in the other direction says hours', () => {
    const d = diagnoseConnection({ response: { status: 401, headers: { date: at(-180) } }, now });
    expect(d).toMatchObject({ verdict: 'clock-skew' });
    expect(d.message).toMatch(/3 hours ahead/);
  });

  it('401 with a good clock is a wrong key', () => {
    const d = diagnoseConnection({
      response: {
        status: 401,
        headers: { date: at(0) },
        body: body('APIGW.0301', 'verify aksk signature fail'),
      },
      now,
    });
    expect(d).toMatchObject({ verdict: 'wrong-key', apiCode: 'APIGW.0301', status: 401 });
  });

  it('401 mentioning an expired security token says the temporary credentials expired', () => {
    const d = diagnoseConnection({
      error: errorFromResponse({
        status: 401,
        headers: {},
        body: body('APIGW.0307', 'The token has expired.'),
      }),
      now,
    });
    expect(d.verdict).toBe('wrong-key');
    expect(d.message).toMatch(/temporary credentials/);
  });

  it('401 without a Date header but an expired X-Sdk-Date message is clock skew', () => {
    const d = diagnoseConnection({
      response: {
        status: 401,
        headers: {},
        body: body('APIGW.0301', 'The request has expired, check X-Sdk-Date'),
      },
      now,
    });
    expect(d.verdict).toBe('clock-skew');
  });

  it('403 with a good clock is no permission', () => {
    const d = diagnoseConnection({
      error: new AuthError({
        status: 403,
        apiCode: 'Ecs.0110',
        message: 'Policy doesnt allow ecs:cloudServers:list',
      }),
      now,
    });
    expect(d.verdict).toBe('no-permission');
  });

  it.each([
    [400, 'Ecs.0023', 'project id in url does not match'],
    [404, 'APIGW.0101', 'The API does not exist or has not been published in the environment'],
    [400, 'Common.0018', 'Invalid project'],
  ])('HTTP %i %s is a wrong region or project', (status, code, message) => {
    const d = diagnoseConnection({
      response: { status, headers: { date: at(0) }, body: body(code, message) },
      now,
    });
    expect(d).toMatchObject({ verdict: 'wrong-region-or-project', apiCode: code });
  });

  it('403 about the project is a wrong project rather than a permission problem', () => {
    const d = diagnoseConnection({
      response: { status: 403, headers: {}, body: body('IAM.0008', 'the project id does not exist') },
      now,
    });
    expect(d.verdict).toBe('wrong-region-or-project');
  });

  it('connection refused deep in the cause chain is a network failure', () => {
    const cause = Object.assign(new Error('connect ECONNREFUSED 10.0.0.1:443'), { code: 'ECONNREFUSED' });
    const d = diagnoseConnection({
      error: new NetworkError('fetch failed', { cause: new Error('x', { cause }) }),
      now,
    });
    expect(d.verdict).toBe('network');
    expect(d.message).toContain('ECONNREFUSED');
  });

  it('an unknown host is a network failure that points at region, endpoint and DNS', () => {
    const d = diagnoseConnection({
      error: Object.assign(new Error('getaddrinfo'), { code: 'ENOTFOUND' }),
      now,
    });
    expect(d.verdict).toBe('network');
    expect(d.hint).toMatch(/region.*endpoint/);
  });

  it('a rejected certificate is a network failure with a CA hint', () => {
    const d = diagnoseConnection({
      error: Object.assign(new Error('self signed'), { code: 'SELF_SIGNED_CERT_IN_CHAIN' }),
      now,
    });
    expect(d).toMatchObject({ verdict: 'network' });
    expect(d.hint).toMatch(/CA certificate/);
  });

  it('a 407 from the proxy is a proxy failure', () => {
    const d = diagnoseConnection({ response: { status: 407, headers: {} }, now });
    expect(d.verdict).toBe('network');
    expect(d.message).toMatch(/proxy/);
  });

  it('an unexpected 500 is unknown and carries the cloud message', () => {
    const d = diagnoseConnection({
      response: { status: 500, headers: {}, body: body('Ecs.9999', 'boom') },
      now,
    });
    expect(d).toMatchObject({ verdict: 'unknown', status: 500 });
    expect(d.message).toContain('boom');
  });
});
