import { createHash } from 'node:crypto';
import { SEVERITIES } from '@ccx/core';
import { sql } from 'kysely';
import { z } from 'zod';
import { chunkForParams, type DbContext } from '../db/dialect';
import { parseInput } from '../db/input';
import { parseJsonColumn } from '../db/json';
import type { FindingsTable } from '../db/schema';
import { withConflict } from '../db/unique-violation';
import { writeTransaction } from '../db/write-transaction';
import { filterExpression } from '../resources/filter';
import { resourceFilterSchema } from '../resources/schemas';
import type { FindingRepository, StoredFinding } from './types';

const severitySchema = z.enum(SEVERITIES);
const evidenceSchema = z.record(z.string(), z.unknown());

const replaceSchema = z.object({
  kind: z.string().min(1),
  resourceUid: z.string().min(1),
  findings: z.array(
    z.object({
      severity: severitySchema,
      subject: z.string().min(1),
      title: z.string().min(1),
      evidence: evidenceSchema,
      estimatedMonthlyImpact: z
        .object({ amount: z.number().finite(), currency: z.string().length(3) })
        .nullable(),
      detectedAt: z.iso.datetime({ offset: true }).optional(),
      fingerprint: z.string().min(1).optional(),
    }),
  ),
});

const impactQuerySchema = z.object({
  kind: z.array(z.string().min(1)).max(100),
  resources: resourceFilterSchema,
});

const COLUMNS = 10;

/** Stable across runs and back ends: the same kind, resource and subject give the same id. */
export function findingFingerprint(kind: string, resourceUid: string, subject: string): string {
  return createHash('sha256')
    .update(JSON.stringify([kind, resourceUid, subject]))
    .digest('hex');
}

function toFinding(row: FindingsTable): StoredFinding {
  return {
    fingerprint: row.fingerprint,
    kind: row.kind,
    severity: severitySchema.parse(row.severity),
    resourceUid: row.resource_uid,
    subject: row.subject,
    title: row.title,
    evidence: parseJsonColumn(evidenceSchema, row.evidence, 'findings.evidence'),
    estimatedMonthlyImpact:
      row.impact_amount === null || row.impact_currency === null
        ? null
        : { amount: Number(row.impact_amount), currency: row.impact_currency },
    detectedAt: row.detected_at,
  };
}

export function createFindingRepository(ctx: DbContext): FindingRepository {
  const { db, dialect } = ctx;
  return {
    async replaceForResource(raw) {
      const input = parseInput(replaceSchema, raw, 'findings');
      const now = new Date().toISOString();
      const rows: FindingsTable[] = input.findings.map((finding) => ({
        fingerprint:
          finding.fingerprint ?? findingFingerprint(input.kind, input.resourceUid, finding.subject),
        kind: input.kind,
        severity: finding.severity,
        resource_uid: input.resourceUid,
        subject: finding.subject,
        title: finding.title,
        evidence: JSON.stringify(finding.evidence),
        impact_amount: finding.estimatedMonthlyImpact?.amount ?? null,
        impact_currency: finding.estimatedMonthlyImpact?.currency ?? null,
        detected_at: finding.detectedAt ?? now,
      }));
      await withConflict('A finding with this fingerprint already exists', () =>
        writeTransaction(ctx, async (trx) => {
          await trx
            .deleteFrom('findings')
            .where('resource_uid', '=', input.resourceUid)
            .where('kind', '=', input.kind)
            .execute();
          for (const chunk of chunkForParams(rows, COLUMNS))
            await trx.insertInto('findings').values(chunk).execute();
        }),
      );
    },

    async list(query = {}) {
      let select = db
        .selectFrom('findings')
        .selectAll()
        .orderBy('resource_uid')
        .orderBy('kind')
        .orderBy('subject');
      if (query.kind !== undefined) {
        if (query.kind.length === 0) return [];
        select = select.where('kind', 'in', [...query.kind]);
      }
      if (query.resourceUid !== undefined) {
        if (query.resourceUid.length === 0) return [];
        const uids = [...query.resourceUid];
        const rows: FindingsTable[] = [];
        for (const chunk of chunkForParams(uids, 1))
          rows.push(...(await select.where('resource_uid', 'in', chunk).execute()));
        return rows
          .sort((a, b) =>
            compare([a.resource_uid, a.kind, a.subject], [b.resource_uid, b.kind, b.subject]),
          )
          .map(toFinding);
      }
      return (await select.execute()).map(toFinding);
    },

    async monthlyImpactByResource(raw) {
      const { kind, resources } = parseInput(impactQuerySchema, raw, 'findings impact query');
      if (kind.length === 0) return [];
      // Joined to the rows the filter selects, so the work is bounded by them and not by every
      // finding in the store.
      const rows = await db
        .selectFrom('findings')
        .innerJoin('resources', 'resources.uid', 'findings.resource_uid')
        .select([
          'findings.resource_uid',
          sql<
            number | string
          >`sum(case when findings.impact_currency is null then 0 else coalesce(findings.impact_amount, 0) end)`.as(
            'amount',
          ),
        ])
        .where('findings.kind', 'in', kind)
        .where((eb) => filterExpression(eb, resources, dialect))
        .groupBy('findings.resource_uid')
        .orderBy('findings.resource_uid')
        .execute();
      return rows.map((row) => ({ resourceUid: row.resource_uid, amount: Number(row.amount) }));
    },
  };
}

/** Byte order, as both databases sort these columns. */
function compare(a: readonly string[], b: readonly string[]): number {
  for (let i = 0; i < a.length; i++) {
    const x = a[i] ?? '';
    const y = b[i] ?? '';
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}
