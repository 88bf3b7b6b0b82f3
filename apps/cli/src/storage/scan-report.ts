import { formatStorageUri } from '@ccx/core';
import type { StorageTarget } from '@ccx/storage';

/** One finding as `scan --json` prints it: where, what, and the match masked. */
export interface ScanFinding {
  uri: string;
  type: string;
  ruleId: string | null;
  masked: string;
  confidence: number;
  line: number;
}

export interface ScanReport {
  findings: ScanFinding[];
  scanned: number;
  skipped: number;
  /** Why objects were skipped (`archived`, `not-text`…), counted. */
  skippedBy: Record<string, number>;
}

/**
 * Scans the objects under a URI's key (a prefix, or the bucket) with the storage service and
 * gathers the findings with their object URIs. Only masked matches ever leave the service.
 */
export async function scanUri(
  target: StorageTarget,
  options: { maxObjects?: number; signal?: AbortSignal; onObject?: (done: number) => void },
): Promise<ScanReport> {
  const { scanObjects } = await import('@ccx/storage');
  const { connection, ref } = target;
  const report: ScanReport = { findings: [], scanned: 0, skipped: 0, skippedBy: {} };
  const scans = scanObjects(connection.storage, ref, {
    ...(ref.key === '' ? {} : { prefix: ref.key }),
    ...(options.maxObjects === undefined ? {} : { maxObjects: options.maxObjects }),
    signal: options.signal,
  });
  for await (const scan of scans) {
    if (scan.status === 'skipped') {
      report.skipped += 1;
      const reason = (scan.reason ?? 'skipped').replace(/:.*$/s, '');
      report.skippedBy[reason] = (report.skippedBy[reason] ?? 0) + 1;
    } else {
      report.scanned += 1;
    }
    const uri = formatStorageUri(connection.provider, {
      account: ref.account,
      bucket: ref.bucket,
      key: scan.key,
    });
    for (const match of scan.matches) {
      report.findings.push({
        uri,
        type: match.type,
        ruleId: match.ruleId,
        masked: match.masked,
        confidence: match.confidence,
        line: match.line,
      });
    }
    options.onObject?.(report.scanned + report.skipped);
  }
  report.findings.sort((a, b) => a.uri.localeCompare(b.uri) || a.line - b.line);
  return report;
}
