/** One named limit a job must hold a slot of. */
export interface LimitSlot {
  key: string;
  limit: number;
}

interface Waiter {
  slots: LimitSlot[];
  grant: () => void;
}

/**
 * Counting semaphores keyed by name, acquired all at once. A job needs a slot of several
 * limits (run, provider, API); taking them together, never one by one, rules out the deadlock
 * of two jobs each holding what the other waits for. Waiters are served in arrival order
 * among those that fit, so a busy API does not hold back jobs for an idle one.
 */
export class KeyedLimiter {
  private readonly inUse = new Map<string, number>();
  private readonly waiters: Waiter[] = [];

  /** Resolves with a release function once every slot is held. */
  acquire(slots: LimitSlot[]): Promise<() => void> {
    return new Promise((resolve) => {
      this.waiters.push({ slots, grant: () => resolve(this.releaser(slots)) });
      this.dispatch();
    });
  }

  /** Slots currently held under `key` (for tests and status output). */
  held(key: string): number {
    return this.inUse.get(key) ?? 0;
  }

  private fits(slots: LimitSlot[]): boolean {
    return slots.every((slot) => (this.inUse.get(slot.key) ?? 0) < slot.limit);
  }

  private dispatch(): void {
    for (let i = 0; i < this.waiters.length;) {
      const waiter = this.waiters[i]!;
      if (!this.fits(waiter.slots)) {
        i += 1;
        continue;
      }
      this.waiters.splice(i, 1);
      for (const slot of waiter.slots)
        this.inUse.set(slot.key, (this.inUse.get(slot.key) ?? 0) + 1);
      waiter.grant();
    }
  }

  private releaser(slots: LimitSlot[]): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      for (const slot of slots) this.inUse.set(slot.key, (this.inUse.get(slot.key) ?? 1) - 1);
      this.dispatch();
    };
  }
}
