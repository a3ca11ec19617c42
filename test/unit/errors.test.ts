import { describe, expect, it } from 'vitest';
import {
  errorFromResponse,
  parseErrorBody,
  parseRetryAfter,
  AuthError,
  ThrottledError,
} from '../../main/cloud/errors';
import { registerSecret, redactText } from '../../main/cloud/redact';

describe('parseErrorBody', () => {
  it('reads the ECS task style with details', () => {
    const body =
      '{"error":{"message":"privateIp [%s] is not in this subnet [%s]","code":"Ecs.0005","details":[{"code":"Ecs.0039"}]}}';
    expect(parseErrorBody(body)).toEqual({
      code: 'Ecs.0005',
      message: 'privateIp [%s] is not in this subnet [%s]',
      details: [{ code: 'Ecs.0039' }],
    });
  });
  it('un-swaps the code and message of the §5.1.1 example', () => {
    expect(
      parseErrorBody('{"error":{"code":"request body is illegal.","message":"Ecs.0005"}}'),
    ).toMatchObject({
      code: 'Ecs.0005',
      message: 'request body is illegal.',
    });
  });
  it('reads the batch internalError list', () => {
    const body =
      '{"error":{"code":"Ecs.0611","message":"batch failed"},"internalError":[{"id":"s1","error_code":"ECS.0114","error_message":"gone"}]}';
    expect(parseErrorBody(body).details).toEqual([{ id: 's1', code: 'ECS.0114', message: 'gone' }]);
  });
  it('reads the flat error_code/error_msg style', () => {
    expect(
      parseErrorBody('{"error_msg":"The request message format is invalid.","error_code":"IMG.0001"}'),
    ).toEqual({
      code: 'IMG.0001',
      message: 'The request message format is invalid.',
    });
  });
  it('reads job-query top-level code/message', () => {
    expect(parseErrorBody('{"code":"Common.0011","message":"Failed to query system tasks."}')).toEqual({
      code: 'Common.0011',
      message: 'Failed to query system tasks.',
    });
  });
  it('reads Nova-style bodies, using the wrapper key when there is no code', () => {
    expect(
      parseErrorBody('{"itemNotFound":{"message":"Instance x could not be found.","code":404}}'),
    ).toEqual({
      code: 'itemNotFound',
      message: 'Instance x could not be found.',
    });
  });
  it('returns nothing for non-JSON', () => {
    expect(parseErrorBody('<html>bad gateway</html>')).toEqual({});
  });
});

describe('errorFromResponse', () => {
  it('maps 401 to AuthError and keeps the request id and operation', () => {
    const e = errorFromResponse({
      status: 401,
      body: '{"error":{"code":"APIGW.0301","message":"Incorrect IAM authentication information"}}',
      headers: { 'X-Request-Id': 'req-1' },
      operation: 'listFlavors',
    });
    expect(e).toBeInstanceOf(AuthError);
    expect(e.toData()).toMatchObject({
      status: 401,
      apiCode: 'APIGW.0301',
      requestId: 'req-1',
      operation: 'listFlavors',
      code: 'AUTH',
    });
  });
  it('maps Common.1503 to a retryable ThrottledError with Retry-After', () => {
    const e = errorFromResponse({
      status: 429,
      body: '{"error":{"code":"Common.1503","message":"flow control"}}',
      headers: { 'retry-after': '2' },
    });
    expect(e).toBeInstanceOf(ThrottledError);
    expect(e.retryable).toBe(true);
    expect(e.retryAfterMs).toBe(2000);
  });
  it('parses an HTTP-date Retry-After', () => {
    expect(parseRetryAfter('Thu, 01 Jan 1970 00:00:05 GMT', 1000)).toBe(4000);
    expect(parseRetryAfter('soon')).toBeUndefined();
  });
});

describe('redaction', () => {
  it('masks registered secrets, secret fields and signatures', () => {
    registerSecret('SK-very-secret-value');
    const text =
      'sk=SK-very-secret-value {"password":"hunter22"} Authorization: SDK-HMAC-SHA256 Access=AK, SignedHeaders=host, Signature=abcdef0123';
    const out = redactText(text);
    expect(out).not.toContain('SK-very-secret-value');
    expect(out).not.toContain('hunter22');
    expect(out).not.toContain('abcdef0123');
  });
});
