import { deriveSeed } from '@ccx/core';
import { createPrng, type Prng } from '../prng';
import {
  ACCOUNT_LAYOUT,
  AZURE_CONTAINERS,
  BUCKET_PLANS,
  SERVICES,
  STORAGE_CLASSES,
  type Archetype,
  type BucketPlan,
} from './bucket-plans';
import { generateDocument, type DocumentKind } from './documents';
import type {
  SeedBucket,
  SeedObject,
  SeedProvider,
  StorageSeed,
  StorageSeedOptions,
} from './types';

const DAY_MS = 86_400_000;

/**
 * Keys that are hostile on purpose: markup, traversal-looking segments, unicode and spaces.
 * Every layer must show and transfer them verbatim and harmlessly. Azure gets no `..`
 * segment, which its service resolves as a path.
 */
const HOSTILE_KEYS: readonly {
  key: string;
  kind: DocumentKind;
  providers: readonly SeedProvider[];
}[] = [
  {
    key: 'reports/<img src=x onerror=alert(1)>.txt',
    kind: 'notes-text',
    providers: ['aws', 'gcp', 'azure'],
  },
  {
    key: 'unicode/résumé ✓ 履歴書.txt',
    kind: 'support-ticket',
    providers: ['aws', 'gcp', 'azure'],
  },
  {
    key: 'spaces/quarterly report (final).csv',
    kind: 'customers-csv',
    providers: ['aws', 'gcp', 'azure'],
  },
  { key: 'weird/../../etc/passwd', kind: 'notes-text', providers: ['aws', 'gcp'] },
];

/** Deliberate misconfigurations, so every posture check has a failing bucket to show. */
function driftFor(
  provider: SeedProvider,
  accountIndex: number,
  archetype: Archetype,
): Partial<SeedBucket> {
  if (provider === 'aws' && accountIndex === 2 && archetype === 'customer-exports')
    return { encrypted: false, blockPublicAccess: false, versioning: false };
  if (provider === 'aws' && accountIndex === 1 && archetype === 'config-backups')
    return { versioning: false, logging: false };
  if (provider === 'gcp' && archetype === 'customer-exports') return { blockPublicAccess: false };
  return {};
}

function fillPrefix(template: string, modified: Date, prng: Prng): string {
  return template
    .replace('{yyyy}', String(modified.getUTCFullYear()))
    .replace('{mm}', String(modified.getUTCMonth() + 1).padStart(2, '0'))
    .replace('{dd}', String(modified.getUTCDate()).padStart(2, '0'))
    .replace('{service}', prng.pick(SERVICES));
}

function storageClassFor(
  provider: SeedProvider,
  plan: BucketPlan,
  ageDays: number,
  prng: Prng,
): string {
  const classes = STORAGE_CLASSES[provider];
  const hot = classes[0] ?? 'STANDARD';
  // Lifecycle buckets have moved what is past the first transition; elsewhere a share was
  // moved by hand, at random, so the hot class still holds old data worth tiering.
  if (plan.lifecycle && ageDays > 30) return classes[1] ?? hot;
  if (prng.next() < plan.coldShare) return prng.pick(classes.slice(1, 3));
  return hot;
}

function makeObject(
  provider: SeedProvider,
  plan: BucketPlan,
  key: string | null,
  kind: DocumentKind,
  prng: Prng,
  now: number,
): SeedObject {
  const ageDays = prng.int(0, plan.maxAgeDays);
  const modified = new Date(now - ageDays * DAY_MS - prng.int(0, DAY_MS - 1));
  // Azurite stores real bytes, so Azure's share of a data lake keeps its files small.
  const actual = provider === 'azure' && kind === 'large-parquet' ? 'binary-parquet' : kind;
  const document = generateDocument(actual, prng, modified.getTime());
  const large = document.large;
  const stem = actual === 'large-parquet' ? 'part' : actual;
  const objectKey =
    key ??
    `${fillPrefix(prng.pick(plan.prefixes), modified, prng)}${stem}-${prng.chars('0123456789abcdef', 8)}.${document.extension}`;
  return {
    key: objectKey,
    contentType: document.contentType,
    lastModified: modified.toISOString(),
    storageClass: storageClassFor(provider, plan, ageDays, prng),
    size: document.size,
    metadata: { source: 'ccx-sandbox' },
    tags: document.planted.length > 0 ? { classification: 'unreviewed' } : {},
    body: document.body,
    ...(large
      ? { readRange: large.readRange, etag: large.s3Etag, crc32c: () => large.crc32c() }
      : {}),
    planted: document.planted,
  };
}

function bucketName(
  provider: SeedProvider,
  account: string,
  archetype: Archetype,
  seed: number,
): string {
  if (provider === 'azure') return AZURE_CONTAINERS[archetype];
  const suffix = (deriveSeed(seed, `${account}/${archetype}`) >>> 0)
    .toString(16)
    .padStart(8, '0')
    .slice(0, 6);
  const owner = provider === 'aws' ? account.slice(-4) : account.replace(/^ccx-sandbox-/, '');
  return `ccx-${owner}-${archetype}-${suffix}`;
}

function regionFor(provider: SeedProvider, awsRegions: readonly string[], prng: Prng): string {
  if (provider === 'aws') return prng.pick(awsRegions.length > 0 ? awsRegions : ['us-east-1']);
  if (provider === 'gcp') return prng.pick(['US', 'US-CENTRAL1', 'EU']);
  return 'eastus';
}

/**
 * The storage estate of a seed: buckets across AWS accounts, GCP projects and Azure storage
 * accounts, each with objects of many types and ages, some holding PII and secrets (recorded in
 * `planted`), some public, some unencrypted. The same options always give the same estate.
 */
export function seedStorage(options: StorageSeedOptions): StorageSeed {
  const scale = options.scale ?? 1;
  const owners: Record<SeedProvider, readonly string[]> = {
    aws: options.awsAccounts,
    gcp: options.gcpProjects,
    azure: options.azureAccounts,
  };
  const buckets: SeedBucket[] = [];
  for (const provider of ['aws', 'gcp', 'azure'] as const) {
    owners[provider].forEach((account, accountIndex) => {
      const layout = ACCOUNT_LAYOUT[provider];
      const archetypes = layout[accountIndex % layout.length] ?? [];
      for (const archetype of archetypes) {
        const plan = BUCKET_PLANS[archetype];
        const name = bucketName(provider, account, archetype, options.seed);
        const prng = createPrng(deriveSeed(options.seed, `storage/${provider}/${account}/${name}`));
        const count = Math.max(3, Math.round(prng.int(plan.objects[0], plan.objects[1]) * scale));
        const kinds = plan.documents;
        const objects: SeedObject[] = [];
        const seen = new Set<string>();
        for (let i = 0; i < count; i++) {
          const object = makeObject(provider, plan, null, prng.weighted(kinds), prng, options.now);
          if (seen.has(object.key)) continue;
          seen.add(object.key);
          objects.push(object);
        }
        if (
          archetype === 'customer-exports' ||
          (provider === 'azure' && archetype === 'public-assets')
        ) {
          for (const hostile of HOSTILE_KEYS.filter((entry) => entry.providers.includes(provider)))
            objects.push(makeObject(provider, plan, hostile.key, hostile.kind, prng, options.now));
        }
        const created = new Date(options.now - (plan.maxAgeDays + prng.int(1, 200)) * DAY_MS);
        buckets.push({
          provider,
          account,
          name,
          region: regionFor(provider, options.awsRegions ?? [], prng),
          createdAt: created.toISOString(),
          tags: { team: prng.pick(['platform', 'data', 'web', 'finance']), purpose: archetype },
          versioning: plan.versioning,
          encrypted: provider === 'aws' ? plan.encrypted : true,
          public: plan.public,
          blockPublicAccess: !plan.public,
          logging: plan.logging,
          lifecycleRules: plan.lifecycle
            ? [
                {
                  id: 'tier-after-30-days',
                  transitionDays: 30,
                  storageClass: STORAGE_CLASSES[provider][1] ?? 'STANDARD',
                },
                { id: 'expire-after-a-year', expireDays: 365 },
              ]
            : [],
          objects,
          ...driftFor(provider, accountIndex, archetype),
        });
      }
    });
  }
  return { buckets };
}
