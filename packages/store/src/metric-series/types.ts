import type { MetricName, MetricSeries } from '@ccx/core';

export interface MetricSeriesQuery {
  uids: readonly string[];
  /** Default: every metric stored for those resources. */
  metrics?: readonly MetricName[];
}

/**
 * Synced metric series, one per resource × metric, kept as compact rows. Values are stored to
 * 4 significant digits (more than any chart or percentile needs), packed as binary floats.
 */
export interface MetricSeriesRepository {
  /**
   * Merges fetched series into what is stored, in one transaction: a new value wins over a
   * stored one for the same period, points before `keepAfter` (epoch seconds) are dropped, and
   * a series whose period changed replaces the stored one. Timestamps are placed on the
   * period's grid (epoch multiples of the period). Resolves with the series of the input that
   * hold points after the merge (each uid × metric once, whether its row was rewritten or
   * already held those points) and the points of the input they kept.
   */
  merge(input: {
    series: readonly MetricSeries[];
    keepAfter: number;
    /** Default: now. */
    at?: string;
  }): Promise<{ series: number; points: number }>;
  /** Stored series, ordered by uid and metric; gaps are absent, as providers return them. */
  list(query: MetricSeriesQuery): Promise<MetricSeries[]>;
  /**
   * For each uid, the epoch second of the newest point stored for every one of `metrics` (the
   * oldest of their newest points), so that fetching from there misses nothing. A uid that has
   * nothing stored for one of them is absent: it needs the full window.
   */
  latest(query: MetricSeriesQuery): Promise<Map<string, number>>;
  /**
   * Drops the points before `keepAfter` (epoch seconds) from every stored series, deleting
   * series left empty. A merge trims the series it writes; this reaches the ones no merge
   * touches any more (a stopped instance's, a metric no longer synced). Resolves with the rows
   * cut and the rows deleted.
   */
  trimBefore(input: {
    keepAfter: number;
    /** Default: now. */
    at?: string;
  }): Promise<{ trimmed: number; deleted: number }>;
  /** Removes every series of these resources; resolves with the rows deleted. */
  deleteForResources(uids: readonly string[]): Promise<number>;
  /**
   * Removes the series of resources the inventory no longer holds (deleted by a complete
   * listing, or never stored); resolves with the rows deleted. A partial sync deletes no
   * resource, so it never costs a live resource its history.
   */
  pruneOrphans(): Promise<number>;
}
