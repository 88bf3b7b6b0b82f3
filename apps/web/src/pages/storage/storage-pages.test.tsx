import { describe, expect, it } from 'vitest';
import type { BucketView, ObjectDetail, ObjectPage, StorageConnection } from '@ccx/api/contract';
import { queryKeys } from '../../app/query-keys';
import { bucketHref } from '../../storage/paths';
import { storageKeys } from '../../storage/query-keys';
import { sessionFor } from '../../testing/fixtures';
import { renderPage, textOf } from '../../testing/render-page';

const hostile = '<img src=x onerror=alert(1)>.txt';
const where = { connection: 'demo-aws', account: '111122223333', bucket: 'acme-data' };

const connections: StorageConnection[] = [
  {
    name: 'demo-aws',
    provider: 'aws',
    sandbox: true,
    storageClasses: ['STANDARD', 'STANDARD_IA', 'GLACIER'],
    capabilities: { versioning: true },
  },
  {
    name: 'demo-gcp',
    provider: 'gcp',
    sandbox: true,
    storageClasses: ['STANDARD', 'NEARLINE'],
    capabilities: { versioning: false },
  },
];

const GIB = 1024 ** 3;

function measured(
  objects: number,
  classes: [string | null, number, number][],
): NonNullable<BucketView['statistics']> {
  return {
    objects,
    bytes: classes.reduce((sum, [, , bytes]) => sum + bytes, 0),
    classes: classes.map(([storageClass, count, bytes]) => ({
      storageClass,
      objects: count,
      bytes,
    })),
    oldest: '2024-01-01T00:00:00Z',
    newest: '2026-11-20T00:00:00Z',
    measuredAt: '2026-11-25T00:00:00.000Z',
  };
}

function bucket(overrides: Partial<BucketView> = {}): BucketView {
  return {
    uid: 'aws/111122223333/us-east-1/s3.bucket/acme-data',
    ...where,
    provider: 'aws',
    region: 'us-east-1',
    createdAt: '2026-01-01T00:00:00Z',
    tags: {},
    versioning: 'enabled',
    encryption: null,
    publicAccess: null,
    logging: null,
    lifecycle: null,
    attributes: {},
    posture: [
      {
        id: 'public-access',
        title: 'Not readable by anyone on the internet',
        status: 'fail',
        severity: 'high',
        cis: ['CIS AWS 2.1.4'],
      },
      {
        id: 's3-encryption',
        title: 'Default encryption',
        status: 'pass',
        severity: 'high',
        cis: [],
      },
      {
        id: 'access-logging',
        title: 'Access logging enabled',
        status: 'unknown',
        severity: 'low',
        cis: [],
      },
    ],
    classification: {
      objectsWithFindings: 2,
      counts: { email: 2, 'credit-card': 1, 'aws-access-key': 1 },
    },
    tiering: { estimatedMonthlySaving: { amount: 12.5, currency: 'USD' }, recommendations: 2 },
    statistics: measured(1_240, [
      ['STANDARD', 1_200, 4 * GIB],
      ['GLACIER', 40, GIB],
    ]),
    ...overrides,
  };
}

const page: ObjectPage = {
  entries: [
    {
      kind: 'object',
      key: `reports/${hostile}`,
      size: 2048,
      lastModified: '2026-11-20T00:00:00Z',
      etag: '"abc"',
      storageClass: 'STANDARD',
      findings: { counts: { email: 3 }, maxConfidence: 0.9 },
    },
    { kind: 'prefix', prefix: 'reports/2026/' },
    {
      kind: 'object',
      key: 'reports/keys.env',
      size: 10,
      lastModified: '2026-11-21T00:00:00Z',
      etag: null,
      storageClass: null,
      findings: { counts: { 'aws-secret-key': 1 }, maxConfidence: 0.9 },
    },
  ],
  cursor: 'next-page',
};

function renderBucket(
  role: 'viewer' | 'operator',
  path: string,
  extra: [readonly unknown[], unknown][] = [],
) {
  return renderPage(path, [
    [queryKeys.session, sessionFor(role)],
    [storageKeys.connections, connections],
    [storageKeys.objects(where, 'reports/'), { pages: [page], pageParams: [null] }],
    ...extra,
  ]);
}

const MUTATING = ['Upload', 'Move', 'Copy', 'Delete', 'Presign', 'Change class', 'Scan'];

describe('bucket list', () => {
  it('shows posture with CIS ids, findings, size, class mix and the tiering saving per bucket', () => {
    const html = renderPage('/storage', [
      [queryKeys.session, sessionFor('viewer')],
      [storageKeys.connections, connections],
      [
        storageKeys.buckets,
        [
          bucket(),
          bucket({
            uid: 'x',
            bucket: hostile,
            posture: [],
            classification: null,
            tiering: null,
            statistics: null,
          }),
        ],
      ],
    ]);
    const rows = [...html.matchAll(/<tr[^>]*data-testid="bucket-row".*?<\/tr>/gs)].map((m) => m[0]);
    expect(rows).toHaveLength(2);
    const first = rows[0] ?? '';
    expect(first).toMatch(
      /data-testid="posture-badge"[^>]*title="Fails: Not readable by anyone on the internet · CIS AWS 2.1.4">Public</,
    );
    expect(textOf(first)).toContain('1 unknown');
    expect(textOf(first)).not.toContain('Unencrypted');
    expect(textOf(first)).not.toContain('Encrypted at rest');
    expect(textOf(first)).toContain('PII 3');
    expect(textOf(first)).toContain('Secrets 1');
    expect(first).toMatch(/data-testid="bucket-objects"[^>]*>1,240</);
    expect(first).toMatch(/data-testid="bucket-size" title="5,368,709,120 bytes[^"]*">5\.0 GiB</);
    expect(first).toMatch(
      /role="img" aria-label="Storage classes: STANDARD: 4\.0 GiB, GLACIER: 1\.0 GiB" title="STANDARD: 4\.0 GiB, GLACIER: 1\.0 GiB"/,
    );
    expect(textOf(first)).toContain('STANDARD +1');
    expect(textOf(first)).toContain('$12.50/month');
    expect(textOf(rows[1] ?? '')).toContain('not measured');
    expect(rows[1]).not.toContain('data-testid="class-mix"');
    expect(first).toContain('href="/storage/demo-aws/111122223333/acme-data/"');
    // A hostile bucket name is text, and its link encodes it as one segment.
    expect(html).not.toContain('<img');
    expect(textOf(rows[1] ?? '')).toContain(hostile);
    expect(rows[1]).toContain(
      `href="/storage/demo-aws/111122223333/${encodeURIComponent(hostile)}/"`,
    );
    expect(textOf(rows[1] ?? '')).toContain('not scanned');
    expect(html).toContain('data-testid="sandbox-badge"');
    // Every connection is listed with its bucket count, even one with none synced yet.
    const strip = /aria-label="Storage connections".*?<\/ul>/s.exec(html)?.[0] ?? '';
    expect(textOf(strip)).toContain('demo-aws aws · sandbox 2 buckets');
    expect(textOf(strip)).toContain('demo-gcp gcp · sandbox 0 buckets');
  });

  it('orders by measured size from the address, unmeasured buckets last either way', () => {
    const seed = (path: string) =>
      renderPage(path, [
        [queryKeys.session, sessionFor('viewer')],
        [storageKeys.connections, connections],
        [
          storageKeys.buckets,
          [
            bucket({ uid: 'n', bucket: 'never', statistics: null }),
            bucket({ uid: 's', bucket: 'small', statistics: measured(1, [['STANDARD', 1, 10]]) }),
            bucket({ uid: 'b', bucket: 'big', statistics: measured(2, [['GLACIER', 2, GIB]]) }),
          ],
        ],
      ]);
    const order = (html: string) =>
      [...html.matchAll(/data-testid="bucket-row" data-bucket="([^"]*)"/g)].map((m) => m[1]);
    const largest = seed('/storage?sort=-size');
    expect(order(largest)).toEqual(['big', 'small', 'never']);
    expect(largest).toMatch(/aria-sort="descending"><button[^>]*>Size/);
    expect(order(seed('/storage?sort=size'))).toEqual(['small', 'big', 'never']);
    const listed = seed('/storage?sort=%3Cscript%3E');
    expect(order(listed)).toEqual(['never', 'small', 'big']);
    expect(listed).toMatch(/aria-sort="ascending"><button[^>]*>Name/);
  });

  it('names the default class, keeps hostile class names as text and says when a bucket is empty', () => {
    const html = renderPage('/storage', [
      [queryKeys.session, sessionFor('viewer')],
      [storageKeys.connections, connections],
      [
        storageKeys.buckets,
        [
          bucket({
            uid: 'h',
            statistics: measured(3, [
              [null, 2, 300],
              ['<b>HOT</b>', 1, 100],
            ]),
          }),
          bucket({ uid: 'e', bucket: 'empty', statistics: measured(0, []) }),
        ],
      ],
    ]);
    expect(html).not.toContain('<b>');
    expect(html).toContain(
      'aria-label="Storage classes: default: 300 B, &lt;b&gt;HOT&lt;/b&gt;: 100 B"',
    );
    expect(html).toMatch(/width:75\.00%/);
    const rows = [...html.matchAll(/<tr[^>]*data-testid="bucket-row".*?<\/tr>/gs)].map((m) => m[0]);
    expect(textOf(rows[1] ?? '')).toContain('empty');
  });

  it('narrows the table to the connection in the address', () => {
    const html = renderPage('/storage?connection=demo-gcp', [
      [queryKeys.session, sessionFor('viewer')],
      [storageKeys.connections, connections],
      [storageKeys.buckets, [bucket()]],
    ]);
    expect(html).not.toContain('data-testid="bucket-row"');
    expect(textOf(html)).toContain('No buckets match these filters.');
    expect(html).toMatch(/aria-pressed="true"[^>]*><strong>demo-gcp</);
  });
});

describe('bucket browser', () => {
  const path = bucketHref(where, 'reports/');

  it('lists folders first, then objects with size, class and finding badges, hostile keys as text', () => {
    const html = renderBucket('operator', path);
    const rows = [
      ...html.matchAll(
        /<div[^>]*data-testid="object-row".*?(?=<div[^>]*data-testid="object-row"|$)/gs,
      ),
    ].map((m) => m[0]);
    expect(rows).toHaveLength(3);
    expect(rows[0]).toContain('data-kind="prefix"');
    // The folder is drawn, not an emoji a browser without a colour-emoji font shows as a box.
    expect(rows[0]).toMatch(/<svg[^>]*data-testid="folder-icon"/);
    expect(html).not.toMatch(/\p{Extended_Pictographic}/u);
    expect(rows[0]).toContain('href="/storage/demo-aws/111122223333/acme-data/reports/2026/"');
    expect(textOf(rows[1] ?? '')).toContain(hostile);
    expect(textOf(rows[1] ?? '')).toContain('2.0 KiB');
    expect(rows[1]).toMatch(/data-testid="pii-badge"[^>]*>PII 3/);
    expect(rows[2]).toMatch(/data-testid="secret-badge"[^>]*>Secrets 1/);
    expect(html).not.toContain('<img');
    const crumbs = [...html.matchAll(/data-testid="breadcrumb"[^>]*>([^<]*)</g)].map((m) => m[1]);
    expect(crumbs).toEqual(['Storage', 'acme-data', 'reports']);
    expect(html).toContain('data-testid="sandbox-badge"');
  });

  it('gives an operator every action and the versions panel where the connection versions', () => {
    const text = textOf(renderBucket('operator', path));
    for (const label of [...MUTATING, 'Versions']) expect(text).toContain(label);
  });

  it('gives a viewer no mutating button', () => {
    const html = renderBucket('viewer', path);
    for (const label of MUTATING) expect(html).not.toMatch(new RegExp(`<button[^>]*>${label}<`));
    expect(html).toMatch(/<button[^>]*>Versions</);
  });

  it('offers no versions on a connection without them', () => {
    const gcs = { connection: 'demo-gcp', account: 'acme-proj', bucket: 'b' };
    const html = renderPage(bucketHref(gcs), [
      [queryKeys.session, sessionFor('operator')],
      [storageKeys.connections, connections],
      [
        storageKeys.objects(gcs, ''),
        { pages: [{ entries: [], cursor: null }], pageParams: [null] },
      ],
    ]);
    expect(html).not.toMatch(/<button[^>]*>Versions</);
    expect(textOf(html)).toContain('Nothing here yet.');
  });

  it('opens the object in the address with masked findings and an encoded download link', () => {
    const key = `reports/${hostile}`;
    const detail: ObjectDetail = {
      info: {
        key,
        size: 2048,
        lastModified: '2026-11-20T00:00:00Z',
        etag: '"abc"',
        contentType: 'text/plain',
        storageClass: 'STANDARD',
        versionId: null,
        metadata: { owner: hostile },
        tags: {},
        lastAccessedAt: null,
        encryption: 'AES256',
      },
      findings: [
        { type: 'email', ruleId: 'email', masked: 'j***@example.com', confidence: 0.9, line: 3 },
      ],
      scannedAt: '2026-11-25T00:00:00Z',
    };
    const html = renderBucket('viewer', `${path}?object=${encodeURIComponent(key)}`, [
      [storageKeys.object({ ...where, key }), detail],
    ]);
    const panel = /data-testid="object-detail".*?<\/aside>/s.exec(html)?.[0] ?? '';
    expect(textOf(panel)).toContain('j***@example.com');
    expect(textOf(panel)).toContain('90%');
    expect(panel).toContain(
      `href="/api/storage/download?connection=demo-aws&amp;account=111122223333&amp;bucket=acme-data&amp;key=reports%2F%3Cimg+src%3Dx+onerror%3Dalert%281%29%3E.txt"`,
    );
    expect(html).not.toContain('<img');
  });
});
