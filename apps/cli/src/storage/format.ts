import type { ObjectInfo, ObjectVersion } from '@ccx/core';
import type { ListEntry } from './list';
import { printable } from './printable';
import type { ScanReport } from './scan-report';

/** One `ls` line for a person: names are escaped, since a key may hold terminal controls. */
export function formatEntry(entry: ListEntry): string {
  const uri = printable(entry.uri);
  switch (entry.kind) {
    case 'bucket':
      return `${entry.connection.padEnd(12)} ${(entry.region ?? '-').padEnd(14)} ${uri}`;
    case 'prefix':
      return `${''.padEnd(24)} ${'PRE'.padStart(12)} ${''.padEnd(12)} ${uri}`;
    case 'object':
      return `${(entry.lastModified ?? '').slice(0, 19).padEnd(24)} ${String(entry.size ?? 0).padStart(12)} ${(entry.storageClass ?? '-').padEnd(12)} ${uri}`;
  }
}

export function formatObject(uri: string, info: ObjectInfo): string {
  return `${printable(uri)} (${info.size} bytes${info.storageClass === null ? '' : `, ${info.storageClass}`}${info.versionId === null ? '' : `, version ${printable(info.versionId)}`})`;
}

export function formatVersion(version: ObjectVersion): string {
  const state = version.isDeleteMarker ? 'deleted' : version.isLatest ? 'latest' : '';
  return `${version.lastModified.slice(0, 19).padEnd(20)} ${String(version.size).padStart(12)} ${state.padEnd(8)} ${printable(version.versionId)}`;
}

export function formatScan(report: ScanReport): string[] {
  const lines = report.findings.map(
    (f) =>
      `${printable(f.uri)}:${f.line} ${f.type}${f.ruleId === null ? '' : ` (${f.ruleId})`} ${printable(f.masked)} ${f.confidence.toFixed(2)}`,
  );
  const reasons = Object.entries(report.skippedBy)
    .map(([reason, count]) => `${count} ${reason}`)
    .join(', ');
  lines.push(
    `${report.findings.length} findings in ${report.scanned} objects scanned; ${report.skipped} skipped${reasons === '' ? '' : ` (${reasons})`}`,
  );
  return lines;
}
