import { createHash, createHmac, type Hash } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { decodeAwsChunked, type ChunkHeader } from './aws-chunked';
import { createChecksum, isChecksumAlgorithm, type ChecksumAlgorithm } from './checksums';
import { S3Error } from './s3-error';

/** What a signed streaming payload needs to check each chunk's signature. */
export interface ChunkSigning {
  signingKey: Buffer;
  amzDate: string;
  /** `yyyymmdd/region/s3/aws4_request`. */
  scope: string;
  seedSignature: string;
}

export interface StoredChecksum {
  algorithm: ChecksumAlgorithm;
  /** Base64, as in the `x-amz-checksum-*` headers. */
  value: string;
}

export interface Payload {
  data: Buffer;
  /** Binary MD5 of the decoded bytes (ETags are its hex). */
  md5: Buffer;
  checksum: StoredChecksum | null;
}

const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

const header = (headers: IncomingHttpHeaders, name: string): string | undefined => {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
};

export const entityTooLarge = (maxBytes: number) =>
  new S3Error('EntityTooLarge', 'Your proposed upload exceeds the maximum allowed size', 400, {
    MaxSizeAllowed: String(maxBytes),
  });

/** The checksum to compute and, when the client sent one (header or trailer), to verify. */
function checksumPlan(headers: IncomingHttpHeaders): {
  algorithm: ChecksumAlgorithm;
  fromHeader: string | undefined;
  fromTrailer: string | undefined;
} | null {
  for (const name of Object.keys(headers)) {
    const algorithm = name.startsWith('x-amz-checksum-') ? name.slice(15) : '';
    if (isChecksumAlgorithm(algorithm))
      return { algorithm, fromHeader: header(headers, name), fromTrailer: undefined };
  }
  const trailer = (header(headers, 'x-amz-trailer') ?? '').trim().toLowerCase();
  if (trailer.startsWith('x-amz-checksum-')) {
    const algorithm = trailer.slice(15);
    if (!isChecksumAlgorithm(algorithm))
      throw new S3Error('InvalidRequest', `Unsupported trailer ${trailer}`, 400);
    return { algorithm, fromHeader: undefined, fromTrailer: trailer };
  }
  const sdk = (header(headers, 'x-amz-sdk-checksum-algorithm') ?? '').toLowerCase();
  return isChecksumAlgorithm(sdk)
    ? { algorithm: sdk, fromHeader: undefined, fromTrailer: undefined }
    : null;
}

/**
 * Reads an upload body as it streams, decoding `aws-chunked` when the client used it, and checks
 * everything the client vouched for: the signed SHA-256 (`x-amz-content-sha256`), each chunk's
 * signature, `Content-MD5`, and the flexible checksum from a header or the trailer. Bytes beyond
 * `maxBytes` are refused as EntityTooLarge without being kept.
 */
export async function readPayload(
  body: AsyncIterable<Buffer>,
  headers: IncomingHttpHeaders,
  maxBytes: number,
  signing: ChunkSigning | null,
): Promise<Payload> {
  const contentSha = header(headers, 'x-amz-content-sha256') ?? 'UNSIGNED-PAYLOAD';
  const chunked = contentSha.startsWith('STREAMING-');
  const declared = Number(
    header(headers, chunked ? 'x-amz-decoded-content-length' : 'content-length') ?? '0',
  );
  if (declared > maxBytes) throw entityTooLarge(maxBytes);
  const plan = checksumPlan(headers);
  const checksum = plan ? createChecksum(plan.algorithm) : null;
  const md5 = createHash('md5');
  const sha256 = /^[0-9a-f]{64}$/.test(contentSha) ? createHash('sha256') : null;
  const parts: Buffer[] = [];
  let size = 0;
  const accept = (bytes: Buffer) => {
    size += bytes.length;
    if (size > maxBytes) throw entityTooLarge(maxBytes);
    parts.push(bytes);
    md5.update(bytes);
    sha256?.update(bytes);
    checksum?.update(bytes);
  };
  const trailers = new Map<string, string>();
  if (chunked) {
    const signed = contentSha.startsWith('STREAMING-AWS4-HMAC-SHA256-PAYLOAD');
    if (signed && !signing)
      throw new S3Error('InvalidRequest', 'A signed streaming payload needs a signed request', 400);
    let previous = signing?.seedSignature ?? '';
    let chunkHash: Hash | null = null;
    await decodeAwsChunked(body, {
      chunkStart: () => {
        chunkHash = signed ? createHash('sha256') : null;
      },
      data: (bytes) => {
        accept(bytes);
        chunkHash?.update(bytes);
      },
      chunkEnd: (chunk: ChunkHeader) => {
        if (!signed || !signing || !chunkHash) return;
        const stringToSign = [
          'AWS4-HMAC-SHA256-PAYLOAD',
          signing.amzDate,
          signing.scope,
          previous,
          EMPTY_SHA256,
          chunkHash.digest('hex'),
        ].join('\n');
        const expected = createHmac('sha256', signing.signingKey)
          .update(stringToSign)
          .digest('hex');
        if (chunk.signature !== expected)
          throw new S3Error(
            'SignatureDoesNotMatch',
            'The request signature we calculated does not match the signature you provided.',
            403,
          );
        previous = expected;
      },
      trailer: (name, value) => trailers.set(name, value),
    });
  } else {
    for await (const bytes of body) accept(bytes);
  }
  if (Number.isFinite(declared) && declared > 0 && size !== declared)
    throw new S3Error(
      'IncompleteBody',
      'You did not provide the number of bytes specified by the Content-Length HTTP header',
      400,
    );
  if (sha256 && sha256.digest('hex') !== contentSha)
    throw new S3Error(
      'XAmzContentSHA256Mismatch',
      "The provided 'x-amz-content-sha256' header does not match what was computed.",
      400,
    );
  const md5Digest = md5.digest();
  const contentMd5 = header(headers, 'content-md5');
  if (contentMd5 !== undefined && contentMd5 !== md5Digest.toString('base64'))
    throw new S3Error(
      'BadDigest',
      'The Content-MD5 you specified did not match what we received.',
      400,
    );
  let stored: StoredChecksum | null = null;
  if (plan && checksum) {
    const value = checksum.digest();
    const expected =
      plan.fromHeader ?? (plan.fromTrailer ? trailers.get(plan.fromTrailer) : undefined);
    if (plan.fromTrailer && expected === undefined)
      throw new S3Error(
        'MalformedTrailerError',
        'The request contained trailing data that was not well-formed or did not conform to our published schema.',
        400,
      );
    if (expected !== undefined && expected !== value)
      throw new S3Error(
        'BadDigest',
        `The ${plan.algorithm.toUpperCase()} you specified did not match the calculated checksum.`,
        400,
      );
    stored = { algorithm: plan.algorithm, value };
  }
  return {
    data: parts.length === 1 ? (parts[0] as Buffer) : Buffer.concat(parts),
    md5: md5Digest,
    checksum: stored,
  };
}
