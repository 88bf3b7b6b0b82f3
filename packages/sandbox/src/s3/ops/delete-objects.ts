import { S3Error, malformedXml } from '../s3-error';
import { need, ok, type S3Operation } from '../s3-operation';
import { deleteVersion } from '../s3-state';
import { document, tag } from '../s3-xml';
import { childrenNamed, childText, parseXml } from '../xml-read';

/** DeleteObjects: up to 1000 keys, each deleted as DeleteObject would; Quiet reports errors only. */
export const deleteObjects: S3Operation = {
  name: 'DeleteObjects',
  access: 'owner',
  run: async (ctx, b) => {
    const bucket = need(b);
    const root = parseXml(await ctx.text());
    if (root.name !== 'Delete') throw malformedXml();
    const quiet = childText(root, 'Quiet') === 'true';
    const objects = childrenNamed(root, 'Object');
    if (objects.length === 0 || objects.length > 1000) throw malformedXml();
    let out = '';
    for (const object of objects) {
      const key = childText(object, 'Key');
      if (key === undefined) throw malformedXml();
      const versionId = childText(object, 'VersionId');
      try {
        const outcome = deleteVersion(bucket, key, versionId, ctx.now);
        if (quiet) continue;
        out += `<Deleted>${tag('Key', key)}${tag('VersionId', versionId)}${
          outcome.deleteMarker
            ? `${tag('DeleteMarker', true)}${tag('DeleteMarkerVersionId', outcome.versionId)}`
            : ''
        }</Deleted>`;
      } catch (error) {
        if (!(error instanceof S3Error)) throw error;
        out += `<Error>${tag('Key', key)}${tag('VersionId', versionId)}${tag('Code', error.code)}${tag('Message', error.message)}</Error>`;
      }
    }
    return ok(document('DeleteResult', out));
  },
};
