/** Where an ECS cluster listing applies: one account in one region. */
export interface ClusterScope {
  account: string;
  region: string;
}

export interface ClusterArnCacheOptions {
  /** Runs whose listings are kept: the newest ones; an older run's are dropped. */
  maxRuns?: number;
  /** A settled listing older than this is read again, so a long run does not walk stale ARNs. */
  maxAgeMs?: number;
  now?: () => number;
}

/** The current run and a few before it, in case runs of several servers' workers overlap. */
const MAX_RUNS = 4;
/** Long enough for the three ECS jobs of a scope, short enough that deletions show up soon. */
const MAX_AGE_MS = 5 * 60_000;

interface Entry {
  arns: Promise<string[]>;
  /** Aborts the shared listing once nobody waits for it any more. */
  controller: AbortController;
  createdAt: number;
  settled: boolean;
  waiting: number;
  /** Drops the entry from its run, if it is still the one there. */
  forget(): void;
}

/**
 * The cluster ARNs of a scope, shared by the ECS types of one sync run so that ListClusters is
 * paged once per run and scope rather than once per type. A listing without a run reads for
 * itself. A failed listing is forgotten as soon as it fails, so a retry reads again. The shared
 * listing runs under its own signal, not any one job's: a job that is aborted stops waiting,
 * and the listing itself is aborted (and forgotten) only when no job waits for it any more.
 */
export class ClusterArnCache {
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
    const entries = this.entriesOf(run);
    const key = `${scope.account}/${scope.region}`;
    let entry = entries.get(key);
    if (!entry || (entry.settled && this.now() - entry.createdAt > this.maxAgeMs)) {
      entry = this.start(list, entries, key);
    }
    return wait(entry, signal);
  }

  /** The run's entries; a run not seen before makes room by dropping the oldest run. */
  private entriesOf(run: string): Map<string, Entry> {
    let entries = this.runs.get(run);
    if (!entries) {
      entries = new Map();
      this.runs.set(run, entries);
      for (const oldest of this.runs.keys()) {
        if (this.runs.size <= this.maxRuns) break;
        this.runs.delete(oldest);
      }
    }
    return entries;
  }

  /** Starts the shared listing of `key` and records it in the run's `entries`. */
  private start(
    list: (signal: AbortSignal) => Promise<string[]>,
    entries: Map<string, Entry>,
    key: string,
  ): Entry {
    const controller = new AbortController();
    const entry: Entry = {
      arns: list(controller.signal),
      controller,
      createdAt: this.now(),
      settled: false,
      waiting: 0,
      forget: () => {
        if (entries.get(key) === entry) entries.delete(key);
      },
    };
    entries.set(key, entry);
    entry.arns.then(
      () => {
        entry.settled = true;
      },
      () => {
        entry.settled = true;
        entry.forget();
      },
    );
    return entry;
  }
}

/**
 * Waits for the entry's ARNs, or until `signal` aborts. The last waiter to abort before the
 * listing settles aborts the listing and forgets the entry, so nobody joins a doomed listing.
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
      if (entry.waiting === 0 && !entry.settled) {
        entry.forget();
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
