import type {
  AuditEvent,
  AuditEventInput,
  AuditOutcome,
  ProviderId,
  Resource,
  ResourceFacetField,
  ResourceSortField,
  Role,
} from '@ccx/core';
import type { BucketStatisticsRepository } from './bucket-statistics/types';
import type { FindingRepository } from './findings/types';
import type { MetricSeriesRepository } from './metric-series/types';
import type { ObjectScanRepository } from './object-scans/types';

export type * from './bucket-statistics/types';
export type * from './findings/types';
export type * from './metric-series/types';
export type * from './object-scans/types';

/** The part of a scope that owns rows: deletions never cross it. */
export interface ScopeRef {
  connection: string;
  provider: ProviderId;
  account: string;
  region: string;
}

export interface StoredResource extends Resource {
  connection: string;
  firstSeenAt: string;
  lastSeenAt: string;
  /** When a sync last saw a field change (or the resource appear). */
  updatedAt: string;
  /** Set when a complete listing of its scope no longer contained it. */
  deletedAt: string | null;
}

export interface FieldChange {
  /** Dotted path into the resource, e.g. `state`, `tags.env`, `attributes.instanceType`. */
  path: string;
  before: unknown;
  after: unknown;
}

export type ChangeKind = 'created' | 'updated' | 'deleted';

export interface ResourceChange {
  id: number;
  uid: string;
  syncRunId: string | null;
  at: string;
  kind: ChangeKind;
  /** Empty for `created` and `deleted`; the field-level diff for `updated`. */
  diff: FieldChange[];
}

export interface ChangeCounts {
  created: number;
  updated: number;
  unchanged: number;
  deleted: number;
}

export { RESOURCE_SORT_FIELDS } from '@ccx/core';
export type { ResourceSortField };

export interface ResourceFilter {
  provider?: string[];
  account?: string[];
  region?: string[];
  type?: string[];
  state?: string[];
  /** Every condition must hold; a condition without `value` means "has the tag key". */
  tags?: { key: string; value?: string }[];
  /** Case-insensitive substring over id, name and tag values. */
  q?: string;
  /**
   * Top-level attributes that are JSON strings equal to these values, e.g. the tasks of one ECS
   * service by `clusterName` and `service`. Keys are identifiers (`^[A-Za-z_][A-Za-z0-9_]*$`).
   */
  attributes?: Record<string, string>;
  /**
   * At least one of these holds: the id is among `id`, or a top-level JSON string attribute is
   * among its listed values (e.g. an instance's volumes: attached to it by `attachedInstanceId`,
   * or named by its `volumeIds`). Compared case-insensitively, as ARM ids are; the other fields
   * still apply. With no value at all it matches nothing. Keys follow `attributes`' rule.
   */
  anyOf?: { id?: string[]; attributes?: Record<string, string[]> };
  /** Only these rows, by uid (at most 1,000): a page whose order was decided elsewhere. */
  uid?: string[];
  includeDeleted?: boolean;
}

export interface ResourceQuery extends ResourceFilter {
  sort?: { field: ResourceSortField; dir: 'asc' | 'desc' };
  offset: number;
  limit: number;
}

export type FacetField = ResourceFacetField;

/**
 * What sorting a row by one of its attributes needs, and nothing more: no tags, no attribute
 * JSON. `value` is the row's sort attribute when it is a non-empty JSON string, else null.
 */
export interface ResourceSortKey {
  uid: string;
  name: string | null;
  provider: string;
  type: string;
  value: string | null;
}

export interface ResourceRepository {
  /**
   * Upserts one batch of a scope listing. Rows seen are stamped with `runId`; each new or
   * changed row writes a change record (field-level diff for updates). A row that was marked
   * deleted and is seen again is revived (recorded as `created`).
   */
  applyBatch(input: {
    scope: ScopeRef;
    type: string;
    runId: string;
    resources: Resource[];
    at?: string;
  }): Promise<ChangeCounts>;
  /**
   * Called only after a listing of `scope` × `type` finished without error: marks every live
   * row of that scope and type not stamped with `runId` as deleted. A failed listing never
   * calls this, so it deletes nothing.
   */
  completeListing(input: { scope: ScopeRef; type: string; runId: string; at?: string }): Promise<{
    deleted: number;
  }>;
  query(query: ResourceQuery): Promise<{ items: StoredResource[]; total: number }>;
  facets(filter: ResourceFilter): Promise<Record<FacetField, { value: string; count: number }[]>>;
  /**
   * The sort key of every row under the filter, in the order `query` gives by name ascending
   * (nulls last, then uid), so a stable sort over them breaks ties as the store does.
   * `attributeByType` names, per type, the top-level attribute that becomes `value` (types not
   * named have none): a list can mix types that keep the same thing under different names.
   */
  sortKeys(
    filter: ResourceFilter,
    options?: { attributeByType?: Record<string, string> },
  ): Promise<ResourceSortKey[]>;
  get(uid: string): Promise<StoredResource | null>;
  history(uid: string, options?: { limit?: number }): Promise<ResourceChange[]>;
  /**
   * Writes what an action just read from the provider onto a live resource: `state`, and
   * `attributes` as a patch (given keys replace stored ones). Records an `updated` change
   * without a run id when something changed; leaves the sync's run stamp alone. Returns the
   * resource as stored, or null when it is unknown or deleted.
   */
  refreshLive(
    uid: string,
    input: { state?: string | null; attributes?: Record<string, unknown>; at?: string },
  ): Promise<StoredResource | null>;
  /** Live (not deleted) resources, in total and per provider. */
  counts(): Promise<{ total: number; byProvider: Record<string, number> }>;
  /**
   * `accounts.upsertMany` under the name the sync engine's sink uses, so this repository alone
   * receives everything a run writes: the accounts it planned and their aliases.
   */
  recordAccounts(accounts: readonly CloudAccountInput[]): Promise<void>;
}

export interface User {
  id: string;
  username: string;
  displayName: string | null;
  role: Role;
  /** scrypt hash in PHC-like form; null for SSO-only users. */
  passwordHash: string | null;
  oidcIssuer: string | null;
  oidcSubject: string | null;
  createdAt: string;
  disabledAt: string | null;
}

export interface UserRepository {
  create(input: {
    username: string;
    role: Role;
    displayName?: string | null;
    passwordHash?: string | null;
    oidcIssuer?: string | null;
    oidcSubject?: string | null;
  }): Promise<User>;
  findById(id: string): Promise<User | null>;
  findByUsername(username: string): Promise<User | null>;
  findByOidc(issuer: string, subject: string): Promise<User | null>;
  list(): Promise<User[]>;
  update(
    id: string,
    patch: Partial<Pick<User, 'role' | 'displayName' | 'passwordHash' | 'disabledAt'>>,
  ): Promise<User>;
  count(): Promise<number>;
}

export interface Session {
  /** SHA-256 of the cookie value; the raw value is never stored. */
  idHash: string;
  userId: string;
  csrfToken: string;
  createdAt: string;
  expiresAt: string;
  lastSeenAt: string;
}

export interface SessionRepository {
  create(session: Omit<Session, 'createdAt' | 'lastSeenAt'>): Promise<Session>;
  get(idHash: string): Promise<Session | null>;
  touch(idHash: string, at: string, expiresAt: string): Promise<void>;
  delete(idHash: string): Promise<void>;
  deleteForUser(userId: string): Promise<void>;
  deleteExpired(now: string): Promise<number>;
}

export interface ApiToken {
  id: string;
  name: string;
  userId: string;
  /** A token never has more rights than its owner; it may have fewer. */
  role: Role;
  /** First characters of the token, shown so a user can tell tokens apart. */
  prefix: string;
  tokenHash: string;
  createdAt: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export interface ApiTokenRepository {
  create(token: Omit<ApiToken, 'createdAt' | 'lastUsedAt' | 'revokedAt'>): Promise<ApiToken>;
  findByHash(tokenHash: string): Promise<ApiToken | null>;
  list(userId?: string): Promise<ApiToken[]>;
  revoke(id: string, at: string): Promise<void>;
  touch(id: string, at: string): Promise<void>;
}

export interface AuditQuery {
  actorId?: string;
  action?: string;
  target?: string;
  outcome?: AuditOutcome;
  correlationId?: string;
  offset: number;
  limit: number;
}

export interface AuditRepository {
  append(event: AuditEventInput): Promise<AuditEvent>;
  /** Newest first. */
  list(query: AuditQuery): Promise<{ items: AuditEvent[]; total: number }>;
}

export type SyncRunStatus = 'running' | 'succeeded' | 'partial' | 'failed';

export interface SyncRun {
  id: string;
  trigger: string;
  status: SyncRunStatus;
  startedAt: string;
  finishedAt: string | null;
  /** Counts per capability/type and totals; JSON. */
  summary: Record<string, unknown>;
  errors: { scope: string; type: string; message: string }[];
}

export interface SyncRunRepository {
  create(input: { id: string; trigger: string; startedAt?: string }): Promise<SyncRun>;
  finish(
    id: string,
    result: Pick<SyncRun, 'status' | 'summary' | 'errors'> & { finishedAt?: string },
  ): Promise<SyncRun>;
  get(id: string): Promise<SyncRun | null>;
  /** Newest first. */
  list(limit: number): Promise<SyncRun[]>;
}

/** A cloud account a sync run has seen, with the alias its connection gives it. */
export interface CloudAccount {
  provider: ProviderId;
  account: string;
  connection: string;
  /** The configured alias (`prod`, `staging`…); null when the connection sets none. */
  alias: string | null;
  lastSeenAt: string;
}

export interface CloudAccountInput {
  provider: ProviderId;
  account: string;
  connection: string;
  alias: string | null;
  /** Default: now. */
  seenAt?: string;
}

export interface CloudAccountRepository {
  /**
   * Records accounts as seen: the latest sighting's alias replaces the stored one (null
   * included, so an alias removed from the configuration disappears), and `lastSeenAt` never
   * moves backwards. Rows are never deleted: an account that stops appearing keeps its name.
   */
  upsertMany(accounts: readonly CloudAccountInput[]): Promise<void>;
  /** Ordered by provider, account, connection. */
  list(): Promise<CloudAccount[]>;
}

export interface Store {
  readonly dialect: 'sqlite' | 'postgres';
  readonly resources: ResourceRepository;
  readonly users: UserRepository;
  readonly sessions: SessionRepository;
  readonly tokens: ApiTokenRepository;
  readonly audit: AuditRepository;
  readonly syncRuns: SyncRunRepository;
  /** Cloud accounts and their aliases, as the sync engine last saw them. */
  readonly accounts: CloudAccountRepository;
  /** The latest content scan of each scanned object (masked samples only). */
  readonly objectScans: ObjectScanRepository;
  /** Insight findings of every kind, replaced per resource and kind. */
  readonly findings: FindingRepository;
  /** The latest statistics of each analysed bucket, by the bucket's inventory uid. */
  readonly bucketStatistics: BucketStatisticsRepository;
  /** Synced metric series (hourly, 14 days), one per resource × metric. */
  readonly metricSeries: MetricSeriesRepository;
  /** Applies pending migrations; safe to call on every start and from concurrent processes. */
  migrate(): Promise<void>;
  close(): Promise<void>;
}

export interface StoreOptions {
  /** `postgres://…` for PostgreSQL; a file path or `sqlite:path` or `:memory:` for SQLite. */
  url: string;
  /** Apply pending migrations while opening (default true); `false` leaves it to `migrate()`. */
  migrate?: boolean;
}
