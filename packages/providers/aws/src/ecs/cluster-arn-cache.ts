/** Where an ECS cluster listing applies: one account in one region. */
export interface ClusterScope {
  account: string;
  region: string;
}

export interface ClusterArnCacheOptions {
  /** Runs whose listings are kept: the most recently used; the least recently used is dropped. */
  maxRuns?: number;
  /**
   * A listing settled longer ago than this is dropped, so a long run does not walk stale ARNs
   * and a finished run's ARNs do not stay in memory until the next run. Its age counts from
   * when it settled, not when it started: a ListClusters walk that takes longer than this is
   * still shared once it is done.
   */
  maxAgeMs?: number;
  now?: () => number;
}

/** The current run and a few before it, in case runs of several servers' workers overlap. */
const MAX_RUNS = 4;
/** Long enough for the three ECS jobs of a scope, short enough that deletions show up soon. */
const MAX_AGE_MS = 5 * 60_000;

interface Entry {
  /** Settles only after `settledAt` is set, so no waiter sees the outcome before the entry does. */
  arns: Promise<string[]>;
  /** Aborts the shared listing once nobody waits for it any more. */
  controller: AbortController;
  /** When the listing settled, by the cache's clock; null while it is in flight. */
  settledAt: number | null;
  /**
   * Every waiter left before the listing settled and its controller was aborted: nobody joins
   * it. If it fails (as an aborted listing does) it is forgotten; ARNs it read in full anyway
   * are kept.
   */
  abandoned: boolean;
  waiting: number;
  /** Drops the entry from its run, if it is still the one there. */
  forget(): void;
}

/**
 * The cluster ARNs of a scope, shared by the ECS types of one sync run that this process lists,
 * so that ListClusters is paged once per run, scope and process rather than once per type; the
 * jobs of the run that other worker processes take read it again there. A listing without a
 * run reads for itself. A failed listing is forgotten as soon as it fails, so a retry reads
 * again. The shared listing runs under its own signal, not any one job's: a job that is aborted
 * stops waiting, and the listing itself is aborted only when no job waits for it any more.
 *
 * Memory stays bounded by the runs in progress: every access drops listings settled more
 * than `maxAgeMs` ago and runs left with none, and beyond `maxRuns` runs the least recently
 * used is dropped, so a short manual run cannot push out a long scheduled one still listing.
 */
export class ClusterArnCache {
  /** Runs in order of last use, least recent first. */
  private readonly runs = new Map<string, Map<string, Entry>>();
  private readonly maxRuns: number;
  private readonly maxAgeMs: number;
  private readonly now: () => number;

  constructor(options: ClusterArnCacheOptions = {}) {
    this.maxRuns = options.maxRuns ?? MAX_RUNS;
    this.maxAgeMs = options.maxAgeMs ?? MAX_AGE_MS;
    this.now = options.now ?? Date.now;
  }

  /** The ARNs `list` reads, or those a listing of the same run and scope read or is reading. */
  async get(
    run: string | undefined,
    scope: ClusterScope,
    list: (signal: AbortSignal | undefined) => Promise<string[]>,
    signal?: AbortSignal,
  ): Promise<string[]> {
    if (run === undefined) return list(signal);
    signal?.throwIfAborted();
    const now = this.now();
    this.sweep(now);
    const entries = this.use(run);
    const key = `${scope.account}/${scope.region}`;
    let entry = entries.get(key);
    if (!entry || (entry.abandoned && entry.settledAt === null)) {
      entry = this.start(list, entries, key);
    }
    return wait(entry, signal);
  }

  /** Drops listings settled longer ago than the maximum age, and runs left without listings. */
  private sweep(now: number): void {
    for (const [run, entries] of this.runs) {
      for (const [key, entry] of entries) {
        if (entry.settledAt !== null && now - entry.settledAt > this.maxAgeMs) entries.delete(key);
      }
      if (entries.size === 0) this.runs.delete(run);
    }
  }

  /** The run's entries, now the most recently used; the least recently used beyond the limit go. */
  private use(run: string): Map<string, Entry> {
    const entries = this.runs.get(run) ?? new Map<string, Entry>();
    this.runs.delete(run);
    this.runs.set(run, entries);
    for (const oldest of this.runs.keys()) {
      if (this.runs.size <= this.maxRuns) break;
      this.runs.delete(oldest);
    }
    return entries;
  }

  /**
   * Starts the shared listing of `key` and records it in the run's `entries`. The caller waits
   * on it at once, so its failure always has a handler.
   */
  private start(
    list: (signal: AbortSignal) => Promise<string[]>,
    entries: Map<string, Entry>,
    key: string,
  ): Entry {
    const controller = new AbortController();
    const entry: Entry = {
      arns: list(controller.signal).then(
        (arns) => {
          entry.settledAt = this.now();
          return arns;
        },
        (error: unknown) => {
          entry.settledAt = this.now();
          entry.forget();
          throw error;
        },
      ),
      controller,
      settledAt: null,
      abandoned: false,
      waiting: 0,
      forget: () => {
        if (entries.get(key) === entry) entries.delete(key);
      },
    };
    entries.set(key, entry);
    return entry;
  }
}

/**
 * Waits for the entry's ARNs, or until `signal` aborts. The last waiter to abort before the
 * listing settles aborts the listing and marks the entry abandoned, so nobody joins a doomed
 * listing. It is not forgotten here: the listing may have read every ARN already, with only
 * the callback that marks it settled still to run.
 */
function wait(entry: Entry, signal: AbortSignal | undefined): Promise<string[]> {
  entry.waiting += 1;
  return new Promise<string[]>((resolve, reject) => {
    let done = false;
    const leave = (): boolean => {
      if (done) return false;
      done = true;
      entry.waiting -= 1;
      signal?.removeEventListener('abort', onAbort);
      return true;
    };
    function onAbort(): void {
      if (!leave()) return;
      if (entry.waiting === 0 && entry.settledAt === null) {
        entry.abandoned = true;
        entry.controller.abort(signal?.reason);
      }
      reject(asError(signal?.reason));
    }
    signal?.addEventListener('abort', onAbort, { once: true });
    entry.arns.then(
      (arns) => {
        if (leave()) resolve(arns);
      },
      (error: unknown) => {
        if (leave()) reject(asError(error));
      },
    );
  });
}

/** What a promise rejects with: the error itself (abort reasons and SDK errors are errors). */
const asError = (reason: unknown): Error =>
  reason instanceof Error ? reason : new Error(String(reason));
