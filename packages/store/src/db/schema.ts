import type { ColumnType } from 'kysely';

/**
 * The tables as Kysely sees them. Every timestamp is an ISO-8601 UTC string and every JSON
 * column is text in both dialects: ISO strings sort correctly as text, and one representation
 * keeps one migration set and one mapping layer for SQLite and PostgreSQL. The repositories
 * parse JSON columns with zod when they read them.
 */
export interface Database {
  resources: ResourcesTable;
  resource_tags: ResourceTagsTable;
  resource_changes: ResourceChangesTable;
  users: UsersTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  audit_events: AuditEventsTable;
  sync_runs: SyncRunsTable;
  accounts: AccountsTable;
  object_scans: ObjectScansTable;
  findings: FindingsTable;
  bucket_statistics: BucketStatisticsTable;
  metric_series: MetricSeriesTable;
}

/** PostgreSQL returns `bigint` identity columns as strings; SQLite returns numbers. */
type AutoId = ColumnType<number | string, never, never>;

export interface ResourcesTable {
  uid: string;
  connection: string;
  provider: string;
  account: string;
  region: string;
  type: string;
  id: string;
  name: string | null;
  state: string | null;
  /** JSON object of string → string. */
  tags: string;
  created_at: string | null;
  /** JSON object. */
  attributes: string;
  first_seen_at: string;
  last_seen_at: string;
  updated_at: string;
  deleted_at: string | null;
  last_run_id: string | null;
}

/** One row per tag of a resource, so tag filters and facets are plain indexed SQL. */
export interface ResourceTagsTable {
  uid: string;
  key: string;
  value: string;
}

export interface ResourceChangesTable {
  id: AutoId;
  uid: string;
  sync_run_id: string | null;
  at: string;
  kind: string;
  /** JSON array of `{path, before, after}`. */
  diff: string;
}

export interface UsersTable {
  id: string;
  username: string;
  display_name: string | null;
  role: string;
  password_hash: string | null;
  oidc_issuer: string | null;
  oidc_subject: string | null;
  created_at: string;
  disabled_at: string | null;
}

export interface SessionsTable {
  id_hash: string;
  user_id: string;
  csrf_token: string;
  created_at: string;
  expires_at: string;
  last_seen_at: string;
}

export interface ApiTokensTable {
  id: string;
  name: string;
  user_id: string;
  role: string;
  prefix: string;
  token_hash: string;
  created_at: string;
  expires_at: string | null;
  last_used_at: string | null;
  revoked_at: string | null;
}

export interface AuditEventsTable {
  /** Insertion order: `at` alone ties within a millisecond and uuids do not sort by time. */
  seq: AutoId;
  id: string;
  at: string;
  actor_kind: string;
  actor_id: string;
  actor_name: string;
  actor_role: string;
  action: string;
  target: string | null;
  outcome: string;
  correlation_id: string;
  /** JSON object. */
  detail: string;
  source_ip: string | null;
}

export interface SyncRunsTable {
  id: string;
  trigger: string;
  status: string;
  started_at: string;
  finished_at: string | null;
  /** JSON object. */
  summary: string;
  /** JSON array of `{scope, type, message}`. */
  errors: string;
}

/** A cloud account seen by a sync run; `alias` is what its connection calls it, if anything. */
export interface AccountsTable {
  provider: string;
  account: string;
  connection: string;
  alias: string | null;
  last_seen_at: string;
}

/** The latest content scan of one object; `samples` holds masked matches only. */
export interface ObjectScansTable {
  connection: string;
  account: string;
  bucket: string;
  key: string;
  etag: string | null;
  scanned_at: string;
  /** JSON object of finding type → count. */
  counts: string;
  max_confidence: number;
  /** JSON array of masked matches. */
  samples: string;
}

/** One insight finding; `fingerprint` is unique across runs. */
export interface FindingsTable {
  fingerprint: string;
  kind: string;
  severity: string;
  resource_uid: string;
  subject: string;
  title: string;
  /** JSON object. */
  evidence: string;
  impact_amount: number | null;
  impact_currency: string | null;
  detected_at: string;
}

/** The latest measurement of one bucket, keyed by its inventory uid. */
export interface BucketStatisticsTable {
  resource_uid: string;
  measured_at: string;
  /** JSON: objects, bytes, classes (with age bands), oldest, newest. */
  statistics: string;
}

/** One resource's synced series of one metric, packed (see migrations 0005 and 0006). */
export interface MetricSeriesTable {
  resource_uid: string;
  metric: string;
  period_s: number;
  /** Epoch seconds of the first and the newest point; `bigint` on PostgreSQL, read as text. */
  start_s: ColumnType<number | string, number, number>;
  end_s: ColumnType<number | string, number, number>;
  /**
   * The values at `period_s` spacing from `start_s`: a format byte, then little-endian Float32
   * (or Float64) values with NaN for gaps (`metric-series/encoding.ts`). `blob` on SQLite,
   * `bytea` on PostgreSQL; both drivers read it back as a Buffer.
   */
  points: Uint8Array;
  updated_at: string;
}
