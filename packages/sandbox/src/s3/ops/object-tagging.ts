import { need, ok, type S3Operation } from '../s3-operation';
import { document, tagSetXml } from '../s3-xml';
import { resolveVersion } from './read-object';
import { parseTagging } from './tag-set';

const versionHeader = (versionId: string): Record<string, string> =>
  versionId === 'null' ? {} : { 'x-amz-version-id': versionId };

export const getObjectTagging: S3Operation = {
  name: 'GetObjectTagging',
  access: 'owner',
  run: (ctx, b) => {
    const v = resolveVersion(need(b), ctx.key, ctx.query.get('versionId'));
    return ok(document('Tagging', tagSetXml(v.tags)), versionHeader(v.versionId));
  },
};

/** Tags belong to a version and change in place: no new version, as on S3. */
export const putObjectTagging: S3Operation = {
  name: 'PutObjectTagging',
  access: 'owner',
  run: async (ctx, b) => {
    const tags = parseTagging(await ctx.text(), 10);
    const v = resolveVersion(need(b), ctx.key, ctx.query.get('versionId'));
    v.tags = tags;
    return ok(undefined, versionHeader(v.versionId));
  },
};

export const deleteObjectTagging: S3Operation = {
  name: 'DeleteObjectTagging',
  access: 'owner',
  run: (ctx, b) => {
    const v = resolveVersion(need(b), ctx.key, ctx.query.get('versionId'));
    v.tags = {};
    return { status: 204, headers: versionHeader(v.versionId) };
  },
};
