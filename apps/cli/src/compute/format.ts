import { printable } from '../storage/printable';
import type { ComputeListing } from './list';

/** Left-aligned columns, each as wide as its widest cell; names are made terminal-safe. */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): string[] {
  const safe = rows.map((row) => row.map(printable));
  const widths = header.map((h, i) => Math.max(h.length, ...safe.map((r) => r[i]?.length ?? 0)));
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, i) => (i === cells.length - 1 ? cell : cell.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(header), ...safe.map(line)];
}

export function listingTable(listings: readonly ComputeListing[]): string[] {
  return table(
    ['NAME', 'STATE', 'SIZE', 'REGION', 'ACCOUNT', 'URI'],
    listings.map((l) => [
      l.name ?? l.id,
      l.state ?? '-',
      l.size ?? (l.desiredCount === null ? '-' : `desired ${l.desiredCount}`),
      l.region,
      l.account,
      l.uri,
    ]),
  );
}
