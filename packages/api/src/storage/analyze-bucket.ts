import { AGE_BANDS, type BucketStatistics } from '@ccx/storage';
import { bucketStatistics } from '@ccx/storage';
import { bucketPosture, classificationControls, tieringAdvice } from '@ccx/insights';
import type { ObjectStorage, Severity } from '@ccx/core';
import type { Store } from '@ccx/store';
import type { SyncedBucket } from './bucket-resources';
import { STORAGE_FINDING_KINDS } from './kinds';
import { scanAndStore, type ScanSummary } from './scan-bucket';

/** Secrets outrank personal data; anything found is at least low. */
function classificationSeverity(counts: Record<string, number>): Severity {
  if ((counts.SECRET ?? 0) > 0) return 'high';
  if ((counts.CREDIT_CARD ?? 0) + (counts.US_SSN ?? 0) + (counts.IBAN ?? 0) > 0) return 'high';
  if (Object.values(counts).some((count) => count > 0)) return 'medium';
  return 'low';
}

/** The age histogram in the shape tiering advice reads: each band by its youngest age. */
export function tieringInput(stats: BucketStatistics) {
  return {
    classes: stats.classes.map((c) => ({
      storageClass: c.storageClass,
      ages: c.ages.map((age) => ({
        minAgeDays: AGE_BANDS.find((band) => band.band === age.band)?.fromDays ?? 0,
        objects: age.objects,
        bytes: age.bytes,
      })),
    })),
  };
}

/**
 * One bucket's analysis: scan new or changed objects (bounded), measure the bucket and keep
 * the measurement, and replace its posture, tiering and classification findings. Each kind is replaced as a whole,
 * so a check that passes now removes the finding an earlier run stored.
 */
export async function analyzeBucket(
  store: Store,
  storage: ObjectStorage,
  synced: SyncedBucket,
  options: { signal?: AbortSignal; now?: () => Date; maxObjects?: number } = {},
): Promise<{ scan: ScanSummary; stats: BucketStatistics }> {
  const { bucket, uid } = synced;
  const ref = { connection: bucket.connection, account: bucket.account, bucket: bucket.bucket };
  const now = options.now ?? (() => new Date());
  const previous = await store.objectScans.listForBucket(ref);
  const scan = await scanAndStore(store, storage, ref, {
    ...options,
    onlyChanged: true,
    previous,
  });
  // The walk that measures the bucket also tells which scanned objects are gone (deleted
  // outside ccx, or moved): their findings must stop counting. The remembered keys are at most
  // the objects ever scanned here, so the set stays small whatever the bucket's size. Objects
  // this pass scanned for the first time were just listed, so they need no check.
  const unseen = new Set(previous.map((s) => s.key));
  const stats = await bucketStatistics(storage, ref, {
    now: now().getTime(),
    ...(options.signal ? { signal: options.signal } : {}),
    visit: (entry) => unseen.delete(entry.key),
  });
  // Only a walk that completed proves absence (a failed one throws before this line).
  if (unseen.size > 0) await store.objectScans.deleteKeys(ref, [...unseen]);
  await store.bucketStatistics.upsert({
    resourceUid: uid,
    measuredAt: stats.measuredAt,
    objects: stats.objects,
    bytes: stats.bytes,
    classes: stats.classes,
    oldest: stats.oldest,
    newest: stats.newest,
  });
  const detectedAt = now().toISOString();

  const failing = bucketPosture(bucket).filter((check) => check.status === 'fail');
  await store.findings.replaceForResource({
    kind: STORAGE_FINDING_KINDS.posture,
    resourceUid: uid,
    findings: failing.map((check) => ({
      subject: check.id,
      severity: check.severity,
      title: `${bucket.bucket}: ${check.title} fails`,
      evidence: { check: check.id, cis: check.cis },
      estimatedMonthlyImpact: null,
      detectedAt,
    })),
  });

  const advice = tieringAdvice(bucket.provider, tieringInput(stats));
  await store.findings.replaceForResource({
    kind: STORAGE_FINDING_KINDS.tiering,
    resourceUid: uid,
    findings: advice.recommendations.map((rec) => ({
      subject: `${rec.fromClass}->${rec.toClass}`,
      severity: 'low',
      title: `${bucket.bucket}: move ${rec.objects} objects from ${rec.fromClass} to ${rec.toClass}`,
      evidence: { ...rec },
      estimatedMonthlyImpact: rec.monthlySaving,
      detectedAt,
    })),
  });

  const rollup = (await store.objectScans.rollups({ connection: ref.connection })).find(
    (r) => r.account === ref.account && r.bucket === ref.bucket,
  );
  await store.findings.replaceForResource({
    kind: STORAGE_FINDING_KINDS.classification,
    resourceUid: uid,
    findings:
      rollup && rollup.objectsWithFindings > 0
        ? [
            {
              subject: 'content',
              severity: classificationSeverity(rollup.counts),
              title: `${bucket.bucket}: ${rollup.objectsWithFindings} objects hold personal data or secrets`,
              evidence: {
                objectsScanned: rollup.objectsScanned,
                objectsWithFindings: rollup.objectsWithFindings,
                counts: rollup.counts,
                maxConfidence: rollup.maxConfidence,
                cis: classificationControls(bucket.provider),
              },
              estimatedMonthlyImpact: null,
              detectedAt,
            },
          ]
        : [],
  });
  return { scan, stats };
}
