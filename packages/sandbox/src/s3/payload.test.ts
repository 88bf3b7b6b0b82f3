import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { signingKey } from '../sigv4/verify';
import { checksumOf } from './checksums';
import { readPayload, type ChunkSigning } from './payload';
import { parseXml } from './xml-read';

/**
 * The worked example of a signed streaming upload in the S3 documentation ("Signature
 * calculations for the Authorization header: transferring payload in multiple chunks"):
 * 64 KiB then 1 KiB of 'a', with the documented seed and chunk signatures.
 */
const example = {
  secret: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  amzDate: '20130524T000000Z',
  seed: '4f232c4386841ef735655705268965c44a0e4690baa4adea153f7db9fa80a0a9',
  chunks: [
    [65536, 'ad80c730a21e5b8d04586a2213dd63b9a0e99e0e2307b0ade35a65485a288648'],
    [1024, '0055627c9e194cb4542bae2aa5492e3c1575bbb81b612b7d234b86a503ef5497'],
    [0, 'b6c6ea8a5354eaf15b3cb7646744f4275b71ea724fed81ceb9323e279d449df9'],
  ] as const,
};

const signing: ChunkSigning = {
  signingKey: signingKey(example.secret, '20130524', 'us-east-1', 's3'),
  amzDate: example.amzDate,
  scope: '20130524/us-east-1/s3/aws4_request',
  seedSignature: example.seed,
};

function signedBody(signatures: readonly (readonly [number, string])[]): Buffer {
  return Buffer.concat(
    signatures.map(([size, signature]) =>
      Buffer.concat([
        Buffer.from(`${size.toString(16)};chunk-signature=${signature}\r\n`),
        Buffer.alloc(size, 'a'),
        Buffer.from('\r\n'),
      ]),
    ),
  );
}

/** Re-chunks a body at awkward boundaries, as a network would. */
const trickle = (body: Buffer, step = 997) =>
  Readable.from(
    Array.from({ length: Math.ceil(body.length / step) }, (_, i) =>
      body.subarray(i * step, (i + 1) * step),
    ),
  );

const streamingHeaders = (sha: string, decoded: number, extra: Record<string, string> = {}) => ({
  'x-amz-content-sha256': sha,
  'content-encoding': 'aws-chunked',
  'x-amz-decoded-content-length': String(decoded),
  ...extra,
});

describe('upload payloads', () => {
  it('verifies the documented signed chunks and refuses a tampered one', async () => {
    const headers = streamingHeaders('STREAMING-AWS4-HMAC-SHA256-PAYLOAD', 66560);
    const payload = await readPayload(
      trickle(signedBody(example.chunks)),
      headers,
      1 << 20,
      signing,
    );
    expect(payload.data.equals(Buffer.alloc(66560, 'a'))).toBe(true);
    const tampered = signedBody(example.chunks);
    tampered[66_000] = 'b'.charCodeAt(0);
    await expect(readPayload(trickle(tampered), headers, 1 << 20, signing)).rejects.toMatchObject({
      code: 'SignatureDoesNotMatch',
    });
  });

  it('checks a trailing checksum of an unsigned chunked body', async () => {
    const data = Buffer.from('hello, streaming world');
    const crc = checksumOf('crc32', data);
    const body = (checksum: string) =>
      Buffer.from(
        `5\r\nhello\r\n${(data.length - 5).toString(16)}\r\n${data.subarray(5).toString()}\r\n0\r\nx-amz-checksum-crc32:${checksum}\r\n\r\n`,
      );
    const headers = streamingHeaders('STREAMING-UNSIGNED-PAYLOAD-TRAILER', data.length, {
      'x-amz-trailer': 'x-amz-checksum-crc32',
    });
    const payload = await readPayload(trickle(body(crc), 3), headers, 1 << 20, null);
    expect(payload.data.toString()).toBe(data.toString());
    expect(payload.checksum).toEqual({ algorithm: 'crc32', value: crc });
    await expect(
      readPayload(trickle(body('AAAAAA=='), 3), headers, 1 << 20, null),
    ).rejects.toMatchObject({ code: 'BadDigest' });
  });

  it('refuses bodies over the limit, short bodies and a wrong signed hash', async () => {
    await expect(
      readPayload(Readable.from([Buffer.alloc(10)]), { 'content-length': '10' }, 5, null),
    ).rejects.toMatchObject({ code: 'EntityTooLarge' });
    await expect(readPayload(Readable.from([Buffer.alloc(10)]), {}, 5, null)).rejects.toMatchObject(
      { code: 'EntityTooLarge' },
    );
    await expect(
      readPayload(Readable.from([Buffer.alloc(4)]), { 'content-length': '10' }, 100, null),
    ).rejects.toMatchObject({ code: 'IncompleteBody' });
    await expect(
      readPayload(
        Readable.from([Buffer.from('x')]),
        { 'x-amz-content-sha256': '0'.repeat(64) },
        100,
        null,
      ),
    ).rejects.toMatchObject({ code: 'XAmzContentSHA256Mismatch' });
    const truncated = Buffer.from('a;chunk-signature=00\r\nabc');
    await expect(
      readPayload(
        Readable.from([truncated]),
        streamingHeaders('STREAMING-UNSIGNED-PAYLOAD-TRAILER', 10),
        100,
        null,
      ),
    ).rejects.toMatchObject({ code: 'IncompleteBody' });
  });
});

describe('request documents', () => {
  it('keeps hostile text exactly and refuses DTDs and unbalanced markup', () => {
    const doc = parseXml(
      '<?xml version="1.0"?><Delete xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Object><Key>../&lt;a&gt;&amp;&#x1;&#233;<![CDATA[<raw>]]></Key></Object></Delete>',
    );
    expect(doc.children[0]?.children[0]?.text).toBe('../<a>&\u0001é<raw>');
    expect(() => parseXml('<!DOCTYPE x [<!ENTITY a "b">]><x>&a;</x>')).toThrow();
    expect(() => parseXml('<a><b></a></b>')).toThrow();
    expect(() => parseXml('<a>&unknown;</a>')).toThrow();
    expect(() => parseXml('<a/><b/>')).toThrow();
  });
});
