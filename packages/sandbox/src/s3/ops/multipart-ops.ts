import { createHash, randomBytes } from 'node:crypto';
import type { MultipartUpload, S3Bucket } from '../model';
import { metadataFrom, storageClassFrom } from '../object-headers';
import { S3Error, invalidArgument, malformedXml } from '../s3-error';
import { header, need, ok, type S3Context, type S3Operation } from '../s3-operation';
import { putVersion } from '../s3-state';
import { document, isoTime, tag } from '../s3-xml';
import { childrenNamed, childText, parseXml } from '../xml-read';
import { parseTaggingHeader } from './tag-set';
import { writeHeaders } from './write-object';

/** Every part but the last must be at least 5 MiB, as on S3. */
const MIN_PART_BYTES = 5 * 1024 * 1024;

function upload(ctx: S3Context, bucket: S3Bucket): MultipartUpload {
  const id = ctx.query.get('uploadId') ?? '';
  const found = bucket.uploads.get(id);
  if (!found || found.key !== ctx.key)
    throw new S3Error(
      'NoSuchUpload',
      'The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed.',
      404,
      { UploadId: id },
    );
  return found;
}

export const createMultipartUpload: S3Operation = {
  name: 'CreateMultipartUpload',
  access: 'owner',
  run: (ctx, b) => {
    const bucket = need(b);
    if (bucket.synthetic)
      throw new S3Error('AccessDenied', 'This sandbox bucket is synthetic and read-only.', 403);
    const uploadId = randomBytes(32).toString('base64url');
    const algorithm = header(ctx, 'x-amz-checksum-algorithm')?.toLowerCase() ?? null;
    bucket.uploads.set(uploadId, {
      uploadId,
      key: ctx.key,
      initiated: ctx.now,
      storageClass: storageClassFrom(header(ctx, 'x-amz-storage-class')),
      contentType: header(ctx, 'content-type') ?? 'application/octet-stream',
      metadata: metadataFrom(ctx.headers),
      tags: parseTaggingHeader(header(ctx, 'x-amz-tagging')),
      checksumAlgorithm: algorithm,
      parts: new Map(),
    });
    const headers: Record<string, string> = {};
    if (algorithm) headers['x-amz-checksum-algorithm'] = algorithm.toUpperCase();
    return ok(
      document(
        'InitiateMultipartUploadResult',
        `${tag('Bucket', bucket.name)}${tag('Key', ctx.key)}${tag('UploadId', uploadId)}`,
      ),
      headers,
    );
  },
};

export const uploadPart: S3Operation = {
  name: 'UploadPart',
  access: 'owner',
  run: async (ctx, b) => {
    const target = upload(ctx, need(b));
    const raw = ctx.query.get('partNumber') ?? '';
    const partNumber = Number(raw);
    if (!/^\d+$/.test(raw) || partNumber < 1 || partNumber > 10_000)
      throw invalidArgument(
        'Part number must be an integer between 1 and 10000, inclusive',
        'partNumber',
        raw,
      );
    const payload = await ctx.payload();
    const etag = `"${payload.md5.toString('hex')}"`;
    target.parts.set(partNumber, {
      partNumber,
      etag,
      data: payload.data,
      checksum: payload.checksum,
      lastModified: ctx.now,
    });
    const headers: Record<string, string> = { etag, 'x-amz-server-side-encryption': 'AES256' };
    if (payload.checksum)
      headers[`x-amz-checksum-${payload.checksum.algorithm}`] = payload.checksum.value;
    return { status: 200, headers };
  },
};

const normaliseEtag = (etag: string) => (etag.startsWith('"') ? etag : `"${etag}"`);

export const completeMultipartUpload: S3Operation = {
  name: 'CompleteMultipartUpload',
  access: 'owner',
  run: async (ctx, b) => {
    const bucket = need(b);
    const target = upload(ctx, bucket);
    const root = parseXml(await ctx.text());
    if (root.name !== 'CompleteMultipartUpload') throw malformedXml();
    const listed = childrenNamed(root, 'Part').map((p) => ({
      partNumber: Number(childText(p, 'PartNumber')),
      etag: normaliseEtag(childText(p, 'ETag') ?? ''),
    }));
    if (listed.length === 0) throw malformedXml();
    const chosen = listed.map((p, i) => {
      const prior = listed[i - 1];
      if (prior && prior.partNumber >= p.partNumber)
        throw new S3Error(
          'InvalidPartOrder',
          'The list of parts was not in ascending order. Parts must be ordered by part number.',
          400,
          { UploadId: target.uploadId },
        );
      const part = target.parts.get(p.partNumber);
      if (!part || part.etag !== p.etag)
        throw new S3Error(
          'InvalidPart',
          "One or more of the specified parts could not be found.  The part may not have been uploaded, or the specified entity tag may not match the part's entity tag.",
          400,
          { UploadId: target.uploadId, PartNumber: String(p.partNumber), ETag: p.etag },
        );
      return part;
    });
    chosen.forEach((part, i) => {
      if (i < chosen.length - 1 && part.data.length < MIN_PART_BYTES)
        throw new S3Error(
          'EntityTooSmall',
          'Your proposed upload is smaller than the minimum allowed object size.',
          400,
          {
            ProposedSize: String(part.data.length),
            MinSizeAllowed: String(MIN_PART_BYTES),
            PartNumber: String(part.partNumber),
            ETag: part.etag,
          },
        );
    });
    const md5s = createHash('md5');
    for (const part of chosen) md5s.update(Buffer.from(part.etag.slice(1, -1), 'hex'));
    const data = Buffer.concat(chosen.map((p) => p.data));
    bucket.uploads.delete(target.uploadId);
    const v = putVersion(bucket, {
      key: target.key,
      deleteMarker: false,
      lastModified: ctx.now,
      size: data.length,
      etag: `"${md5s.digest('hex')}-${chosen.length}"`,
      storageClass: target.storageClass,
      contentType: target.contentType,
      metadata: target.metadata,
      tags: target.tags,
      checksum: null,
      body: () => data,
    });
    const headers = writeHeaders(bucket, v);
    delete headers.etag;
    return ok(
      document(
        'CompleteMultipartUploadResult',
        `${tag('Location', `/${bucket.name}/${encodeURIComponent(target.key)}`)}${tag('Bucket', bucket.name)}${tag('Key', target.key)}${tag('ETag', v.etag)}`,
      ),
      headers,
    );
  },
};

export const abortMultipartUpload: S3Operation = {
  name: 'AbortMultipartUpload',
  access: 'owner',
  run: (ctx, b) => {
    const bucket = need(b);
    bucket.uploads.delete(upload(ctx, bucket).uploadId);
    return { status: 204 };
  },
};

export const listParts: S3Operation = {
  name: 'ListParts',
  access: 'owner',
  run: (ctx, b) => {
    const bucket = need(b);
    const target = upload(ctx, bucket);
    const parts = [...target.parts.values()].sort((x, y) => x.partNumber - y.partNumber);
    return ok(
      document(
        'ListPartsResult',
        `${tag('Bucket', bucket.name)}${tag('Key', target.key)}${tag('UploadId', target.uploadId)}${tag('StorageClass', target.storageClass)}${tag('IsTruncated', false)}${parts
          .map(
            (p) =>
              `<Part>${tag('PartNumber', p.partNumber)}${tag('LastModified', isoTime(p.lastModified))}${tag('ETag', p.etag)}${tag('Size', p.data.length)}</Part>`,
          )
          .join('')}`,
      ),
    );
  },
};
