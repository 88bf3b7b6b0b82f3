import type { Disk, VirtualMachine } from '@azure/arm-compute';
import type { ArmClients } from './arm-clients';
import { fromArmError } from './arm-errors';

/** Long enough for a sync to list every region of a subscription from one response. */
const TTL_MS = 30_000;

interface Entry<T> {
  at: number;
  items: Promise<T[]>;
}

/**
 * The VMs (with their power state, `statusOnly`) and the managed disks of each subscription,
 * listed once with the SDK's paginators and kept briefly: scope discovery and every region's
 * inventory read the same response instead of listing the subscription again. A failed
 * listing is not kept, and an action on a VM drops its subscription's listing.
 */
export class SubscriptionListing {
  private readonly vmLists = new Map<string, Entry<VirtualMachine>>();
  private readonly diskLists = new Map<string, Entry<Disk>>();

  constructor(
    private readonly clients: ArmClients,
    private readonly now: () => number = Date.now,
  ) {}

  vms(subscriptionId: string, signal?: AbortSignal): Promise<VirtualMachine[]> {
    return this.cached(
      this.vmLists,
      subscriptionId,
      signal,
      async () => {
        const vms: VirtualMachine[] = [];
        const pages = this.clients
          .compute(subscriptionId)
          .virtualMachines.listAll({ statusOnly: 'true' });
        for await (const vm of pages) vms.push(vm);
        return vms;
      },
      'Listing the VMs',
    );
  }

  disks(subscriptionId: string, signal?: AbortSignal): Promise<Disk[]> {
    return this.cached(
      this.diskLists,
      subscriptionId,
      signal,
      async () => {
        const disks: Disk[] = [];
        for await (const disk of this.clients.compute(subscriptionId).disks.list())
          disks.push(disk);
        return disks;
      },
      'Listing the managed disks',
    );
  }

  invalidate(subscriptionId: string): void {
    this.vmLists.delete(subscriptionId);
    this.diskLists.delete(subscriptionId);
  }

  private cached<T>(
    store: Map<string, Entry<T>>,
    subscriptionId: string,
    signal: AbortSignal | undefined,
    list: () => Promise<T[]>,
    what: string,
  ): Promise<T[]> {
    let entry = store.get(subscriptionId);
    if (!entry || this.now() - entry.at > TTL_MS) {
      const items = list().catch((error: unknown) => {
        if (store.get(subscriptionId) === entry) store.delete(subscriptionId);
        throw fromArmError(error, `${what} of subscription ${subscriptionId}`);
      });
      entry = { at: this.now(), items };
      store.set(subscriptionId, entry);
    }
    return abortable(entry.items, signal);
  }
}

/** The shared listing goes on for other callers; only this caller stops waiting for it. */
function abortable<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) return Promise.reject(signal.reason as Error);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason as Error);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      // The listing rejects with CcxErrors only (see `cached`).
      (error: Error) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}
