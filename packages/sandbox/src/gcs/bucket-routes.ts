import {
  authorize,
  findBucket,
  jsonBody,
  mergeStrings,
  stringRecord,
  type GcsContext,
  type GcsReply,
  type GcsRequest,
} from './context';
import { GcsError, gcsErrors } from './gcs-error';
import { type GcsBucket, type IamBinding, type LifecycleRule } from './model';
import { bucketResource } from './resources';

const BUCKET_NAME = /^[a-z0-9][a-z0-9._-]{1,61}[a-z0-9]$/;
export const STORAGE_CLASSES = ['STANDARD', 'NEARLINE', 'COLDLINE', 'ARCHIVE'] as const;

export function storageClassOf(value: unknown, fallback: string): string {
  if (value === undefined || value === null) return fallback;
  const upper = typeof value === 'string' ? value.toUpperCase() : '';
  if (!(STORAGE_CLASSES as readonly string[]).includes(upper))
    throw gcsErrors.invalid(`Invalid storage class: ${upper.slice(0, 40) || 'not a string'}`);
  return upper;
}

function projectOf(context: GcsContext, request: GcsRequest): string {
  const project = request.query.get('project');
  if (!project) throw gcsErrors.invalid('Required parameter: project');
  if (request.principal.kind === 'anonymous') throw gcsErrors.required();
  if (request.principal.account.project !== project || !context.model.projects.includes(project))
    throw gcsErrors.forbidden(
      `${request.principal.account.email} does not have storage.buckets.list access to the Google Cloud project.`,
    );
  return project;
}

function listBuckets(context: GcsContext, request: GcsRequest): GcsReply {
  const project = projectOf(context, request);
  const maxResults = Math.min(Number(request.query.get('maxResults') ?? 1000) || 1000, 1000);
  const after = request.query.get('pageToken') ?? '';
  const names = [...context.model.buckets.values()]
    .filter((bucket) => bucket.project === project && bucket.name > after)
    .map((bucket) => bucket.name)
    .sort();
  const page = names.slice(0, maxResults);
  const items = page.map((name) => bucketResource(context.baseUrl, findBucket(context, name)));
  return {
    status: 200,
    json: {
      kind: 'storage#buckets',
      ...(items.length > 0 ? { items } : {}),
      ...(names.length > maxResults ? { nextPageToken: page[page.length - 1] } : {}),
    },
  };
}

function insertBucket(context: GcsContext, request: GcsRequest): GcsReply {
  const project = projectOf(context, request);
  const body = jsonBody(request);
  const name = typeof body.name === 'string' ? body.name : '';
  if (!BUCKET_NAME.test(name) || name.includes('..'))
    throw gcsErrors.invalid('Invalid bucket name.');
  if (context.model.buckets.has(name))
    throw gcsErrors.conflict(
      'The requested bucket name is not available. Please select a different name and try again.',
    );
  const time = context.model.isoNow();
  const bucket: GcsBucket = {
    project,
    name,
    location: typeof body.location === 'string' ? body.location.toUpperCase() : 'US',
    storageClass: storageClassOf(body.storageClass, 'STANDARD'),
    timeCreated: time,
    updated: time,
    metageneration: 1,
    labels: {},
    versioning: false,
    defaultKmsKeyName: null,
    logging: null,
    lifecycle: [],
    publicAccessPrevention: 'inherited',
    uniformBucketLevelAccess: false,
    bindings: [
      { role: 'roles/storage.legacyBucketOwner', members: [`projectOwner:${project}`] },
      { role: 'roles/storage.legacyBucketReader', members: [`projectViewer:${project}`] },
    ],
    objects: new Map(),
  };
  applyPatch(bucket, body);
  context.model.buckets.set(name, bucket);
  return { status: 200, json: bucketResource(context.baseUrl, bucket) };
}

/** The writable settings of `buckets.patch` (and of insert): absent fields stay as they are. */
function applyPatch(bucket: GcsBucket, body: Record<string, unknown>): void {
  if ('labels' in body)
    bucket.labels = mergeStrings(bucket.labels, stringRecord(body.labels, 'labels'));
  if ('storageClass' in body) bucket.storageClass = storageClassOf(body.storageClass, 'STANDARD');
  const versioning = body.versioning as { enabled?: unknown } | null | undefined;
  if (versioning && typeof versioning.enabled === 'boolean') bucket.versioning = versioning.enabled;
  if ('encryption' in body) {
    const encryption = body.encryption as { defaultKmsKeyName?: unknown } | null;
    const key = encryption?.defaultKmsKeyName;
    bucket.defaultKmsKeyName = typeof key === 'string' && key !== '' ? key : null;
  }
  if ('logging' in body) {
    const logging = body.logging as { logBucket?: unknown; logObjectPrefix?: unknown } | null;
    bucket.logging =
      logging && typeof logging.logBucket === 'string'
        ? {
            logBucket: logging.logBucket,
            logObjectPrefix:
              typeof logging.logObjectPrefix === 'string' ? logging.logObjectPrefix : '',
          }
        : null;
  }
  if ('lifecycle' in body) {
    const rules = (body.lifecycle as { rule?: unknown } | null)?.rule;
    bucket.lifecycle = Array.isArray(rules) ? (rules as LifecycleRule[]) : [];
  }
  const iam = body.iamConfiguration as
    | { publicAccessPrevention?: unknown; uniformBucketLevelAccess?: { enabled?: unknown } }
    | undefined;
  if (iam?.publicAccessPrevention === 'enforced' || iam?.publicAccessPrevention === 'inherited')
    bucket.publicAccessPrevention = iam.publicAccessPrevention;
  if (typeof iam?.uniformBucketLevelAccess?.enabled === 'boolean')
    bucket.uniformBucketLevelAccess = iam.uniformBucketLevelAccess.enabled;
}

function policy(bucket: GcsBucket): Record<string, unknown> {
  return {
    kind: 'storage#policy',
    resourceId: `projects/_/buckets/${bucket.name}`,
    version: 1,
    etag: `CA${bucket.metageneration}=`,
    bindings: bucket.bindings,
  };
}

function setPolicy(bucket: GcsBucket, body: Record<string, unknown>): void {
  const bindings = Array.isArray(body.bindings) ? (body.bindings as IamBinding[]) : [];
  for (const binding of bindings) {
    if (typeof binding.role !== 'string' || !Array.isArray(binding.members))
      throw gcsErrors.invalid('Each binding needs a role and members.');
  }
  const opensUp = bindings.some((b) =>
    b.members.some((m) => m === 'allUsers' || m === 'allAuthenticatedUsers'),
  );
  if (opensUp && bucket.publicAccessPrevention === 'enforced') {
    throw new GcsError(
      412,
      'conditionNotMet',
      'The member bindings allUsers and allAuthenticatedUsers are not allowed since public access prevention is enforced.',
    );
  }
  bucket.bindings = bindings.map((b) => ({ role: b.role, members: [...b.members] }));
}

/** `/storage/v1/b[/{bucket}[/iam]]` */
export function routeBuckets(context: GcsContext, request: GcsRequest): GcsReply {
  const [, name, sub, ...rest] = request.segments;
  if (name === undefined) {
    if (request.method === 'GET') return listBuckets(context, request);
    if (request.method === 'POST') return insertBucket(context, request);
    throw gcsErrors.invalid(`Unsupported method ${request.method}.`);
  }
  const bucket = findBucket(context, name);
  if (sub === 'iam' && rest.length === 0) {
    authorize(request.principal, bucket, 'admin', false);
    if (request.method === 'PUT') setPolicy(bucket, jsonBody(request));
    else if (request.method !== 'GET') throw gcsErrors.invalid('Unsupported method.');
    return { status: 200, json: policy(bucket) };
  }
  if (sub !== undefined) throw gcsErrors.notFound('Not Found');
  authorize(request.principal, bucket, 'admin', false);
  switch (request.method) {
    case 'GET':
      return { status: 200, json: bucketResource(context.baseUrl, bucket) };
    case 'PATCH':
    case 'PUT':
      applyPatch(bucket, jsonBody(request));
      bucket.metageneration++;
      bucket.updated = context.model.isoNow();
      return { status: 200, json: bucketResource(context.baseUrl, bucket) };
    case 'DELETE':
      if (bucket.objects.size > 0)
        throw gcsErrors.conflict('The bucket you tried to delete is not empty.');
      context.model.buckets.delete(bucket.name);
      return { status: 204 };
    default:
      throw gcsErrors.invalid(`Unsupported method ${request.method}.`);
  }
}
