import { SignatureV4 } from '@smithy/signature-v4';
import { describe, expect, it } from 'vitest';
import { Sha256 } from '../testing/sha256';
import { parseSigV4 } from './parse';
import { verifySigV4, type WireRequest } from './verify';

const credentials = { accessKeyId: 'AKIAEXAMPLEKEY000001', secretAccessKey: 'secret/with+chars' };
const signer = new SignatureV4({
  credentials,
  region: 'eu-west-1',
  service: 'ec2',
  sha256: Sha256,
});
const now = Date.UTC(2026, 10, 25, 12, 0, 0);

/** Signs with the SDK's own signer, then rebuilds what a server would receive on the wire. */
async function signed(
  body: string,
  query: Record<string, string> = {},
  presign = false,
): Promise<{ wire: WireRequest; headers: Record<string, string> }> {
  const request = {
    method: 'POST',
    protocol: 'http:',
    hostname: '127.0.0.1',
    port: 4510,
    path: '/',
    query,
    headers: { host: '127.0.0.1:4510', 'content-type': 'application/x-www-form-urlencoded' },
    body,
  };
  const out = presign
    ? await signer.presign(request, { signingDate: new Date(now), expiresIn: 300 })
    : await signer.sign(request, { signingDate: new Date(now) });
  const headers = Object.fromEntries(
    Object.entries(out.headers).map(([k, v]) => [k.toLowerCase(), String(v)]),
  );
  const rawQuery = Object.entries(out.query ?? {})
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`)
    .join('&');
  return {
    wire: {
      method: 'POST',
      rawPath: '/',
      rawQuery,
      rawHeaders: Object.entries(out.headers).flat().map(String),
      body: Buffer.from(body),
    },
    headers,
  };
}

describe('SigV4 verification (signed by @smithy/signature-v4)', () => {
  it('accepts a request signed with the right secret and reads its scope', async () => {
    const { wire, headers } = await signed('Action=DescribeInstances&Version=2016-11-15');
    const parsed = parseSigV4(headers, wire.rawQuery);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.claim.scope).toEqual({
      accessKeyId: credentials.accessKeyId,
      date: '20261125',
      region: 'eu-west-1',
      service: 'ec2',
    });
    expect(verifySigV4(wire, parsed.claim, credentials.secretAccessKey, { now })).toBe('valid');
  });

  it('refuses a wrong secret, a tampered body and a stale signature', async () => {
    const { wire, headers } = await signed('Action=DescribeInstances&Version=2016-11-15');
    const parsed = parseSigV4(headers, wire.rawQuery);
    if (!parsed.ok) throw new Error('expected a claim');
    expect(verifySigV4(wire, parsed.claim, 'another-secret', { now })).toBe('bad-signature');
    expect(
      verifySigV4(
        { ...wire, body: Buffer.from('Action=StopInstances&Version=2016-11-15') },
        parsed.claim,
        credentials.secretAccessKey,
        { now },
      ),
    ).toBe('bad-signature');
    expect(
      verifySigV4(wire, parsed.claim, credentials.secretAccessKey, { now: now + 16 * 60_000 }),
    ).toBe('expired');
  });

  it('verifies query parameters and presigned URLs', async () => {
    const { wire, headers } = await signed(
      '',
      { Action: 'GetCallerIdentity', Version: '2011-06-15', 'odd key': 'a b*c' },
      true,
    );
    const parsed = parseSigV4(headers, wire.rawQuery);
    expect(parsed.ok && parsed.claim.presigned).toBe(true);
    if (!parsed.ok) return;
    expect(
      verifySigV4(wire, parsed.claim, credentials.secretAccessKey, { now: now + 60_000 }),
    ).toBe('valid');
    expect(
      verifySigV4(wire, parsed.claim, credentials.secretAccessKey, { now: now + 301_000 }),
    ).toBe('expired');
    const tampered = {
      ...wire,
      rawQuery: wire.rawQuery.replace('GetCallerIdentity', 'AssumeRole'),
    };
    expect(verifySigV4(tampered, parsed.claim, credentials.secretAccessKey, { now })).toBe(
      'bad-signature',
    );
  });

  it('reports a missing or malformed Authorization header', () => {
    expect(parseSigV4({}, '')).toMatchObject({ ok: false, reason: 'missing' });
    expect(
      parseSigV4({ authorization: 'AWS4-HMAC-SHA256 Credential=AKID/2026/us-east-1/ec2' }, ''),
    ).toMatchObject({ ok: false, reason: 'malformed' });
    expect(parseSigV4({ authorization: 'Basic abc' }, '')).toMatchObject({
      ok: false,
      reason: 'malformed',
    });
  });
});
