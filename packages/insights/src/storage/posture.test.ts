import type { Bucket } from '@ccx/core';
import { describe, expect, it } from 'vitest';
import { bucketPosture, classificationControls } from './posture';

function bucket(extra: Partial<Bucket> = {}): Bucket {
  return {
    connection: 'lab',
    account: '111111111111',
    bucket: 'data',
    provider: 'aws',
    region: 'us-east-1',
    createdAt: null,
    tags: {},
    versioning: 'enabled',
    encryption: { enabled: true, algorithm: 'AES256', keyId: null },
    publicAccess: { public: false, reasons: [], blockPublicAccess: true },
    logging: { enabled: true, target: 'logs' },
    lifecycle: { rules: [{ id: 'archive', enabled: true, actions: ['transition:GLACIER@90d'] }] },
    attributes: {},
    ...extra,
  };
}

const statuses = (b: Bucket) => Object.fromEntries(bucketPosture(b).map((c) => [c.id, c.status]));

describe('bucketPosture', () => {
  it('passes a well-configured bucket on every check, with its CIS AWS controls', () => {
    const checks = bucketPosture(bucket());
    expect(checks.every((c) => c.status === 'pass')).toBe(true);
    expect(checks.find((c) => c.id === 'public-access')).toEqual({
      id: 'public-access',
      title: 'Not readable by anyone on the internet',
      status: 'pass',
      severity: 'critical',
      cis: ['CIS AWS 2.1.4'],
    });
    // Versioning is not MFA delete: CIS AWS 2.1.2 is not claimed for it.
    expect(checks.find((c) => c.id === 'versioning')?.cis).toEqual([]);
    // Uniform bucket-level access has no S3 counterpart, so the check is left out.
    expect(checks.map((c) => c.id)).not.toContain('uniform-access');
  });

  it('fails a public bucket without guard rail, encryption, versioning, logging or lifecycle', () => {
    expect(
      statuses(
        bucket({
          versioning: 'suspended',
          encryption: { enabled: false, algorithm: null, keyId: null },
          publicAccess: { public: true, reasons: ['policy-public'], blockPublicAccess: false },
          logging: { enabled: false, target: null },
          lifecycle: { rules: [{ id: 'off', enabled: false, actions: ['expire@30d'] }] },
        }),
      ),
    ).toEqual({
      'public-access': 'fail',
      'block-public-access': 'fail',
      'default-encryption': 'fail',
      versioning: 'fail',
      'access-logging': 'fail',
      'lifecycle-rules': 'fail',
    });
  });

  it('reports a setting it could not read as unknown, never as a failure', () => {
    expect(
      statuses(
        bucket({
          versioning: null,
          encryption: null,
          publicAccess: null,
          logging: null,
          lifecycle: null,
        }),
      ),
    ).toEqual({
      'public-access': 'unknown',
      'block-public-access': 'unknown',
      'default-encryption': 'unknown',
      versioning: 'unknown',
      'access-logging': 'unknown',
      'lifecycle-rules': 'unknown',
    });
    const noGuardRail = bucket({
      publicAccess: { public: false, reasons: [], blockPublicAccess: null },
    });
    expect(statuses(noGuardRail)['block-public-access']).toBe('unknown');
    expect(statuses(bucket({ versioning: 'unsupported' })).versioning).toBe('unknown');
  });

  it('names the controls of each provider benchmark', () => {
    const cis = (provider: Bucket['provider']) =>
      Object.fromEntries(bucketPosture(bucket({ provider })).map((c) => [c.id, c.cis]));
    expect(cis('aws')).toMatchObject({
      'public-access': ['CIS AWS 2.1.4'],
      'block-public-access': ['CIS AWS 2.1.4'],
      'access-logging': [],
    });
    expect(cis('gcp')).toMatchObject({
      'public-access': ['CIS GCP 5.1'],
      'uniform-access': ['CIS GCP 5.2'],
      versioning: [],
    });
    expect(cis('azure')).toEqual({
      'public-access': ['CIS Azure 3.7'],
      'block-public-access': ['CIS Azure 3.7'],
      'default-encryption': [],
      versioning: [],
      'access-logging': ['CIS Azure 3.13'],
      'lifecycle-rules': [],
    });
  });

  it('judges GCS uniform bucket-level access from the provider attributes', () => {
    const uniform = (attributes: Record<string, unknown>) =>
      statuses(bucket({ provider: 'gcp', attributes }))['uniform-access'];
    expect(uniform({ uniformBucketLevelAccess: true })).toBe('pass');
    expect(uniform({ uniformBucketLevelAccess: false })).toBe('fail');
    expect(uniform({ uniformBucketLevelAccess: null })).toBe('unknown');
    expect(uniform({})).toBe('unknown');
    expect(uniform({ uniformBucketLevelAccess: 'true' })).toBe('unknown');
    const check = bucketPosture(bucket({ provider: 'gcp', attributes: {} })).find(
      (c) => c.id === 'uniform-access',
    );
    expect(check).toMatchObject({ severity: 'medium', cis: ['CIS GCP 5.2'] });
  });

  it('keeps the order of the check ids', () => {
    expect(bucketPosture(bucket({ provider: 'gcp' })).map((c) => c.id)).toEqual([
      'public-access',
      'block-public-access',
      'uniform-access',
      'default-encryption',
      'versioning',
      'access-logging',
      'lifecycle-rules',
    ]);
  });

  it('maps classification findings to CIS AWS 2.1.3 only', () => {
    expect(classificationControls('aws')).toEqual(['CIS AWS 2.1.3']);
    expect(classificationControls('gcp')).toEqual([]);
    expect(classificationControls('azure')).toEqual([]);
  });
});
