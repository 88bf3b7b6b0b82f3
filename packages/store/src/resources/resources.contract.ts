import type { Store } from '../types';
import { describeHistoryContract } from './history.contract';
import { describeOwnershipContract } from './ownership.contract';
import { describeQueryContract } from './query.contract';
import { describeRefreshLiveContract } from './refresh-live.contract';
import { describeSortKeysContract } from './sort-keys.contract';

export function describeResourceContract(open: () => Promise<Store>): void {
  describeHistoryContract(open);
  describeQueryContract(open);
  describeOwnershipContract(open);
  describeRefreshLiveContract(open);
  describeSortKeysContract(open);
}
