import type { Store } from '../types';
import { describeHistoryContract } from './history.contract';
import { describeOwnershipContract } from './ownership.contract';
import { describeQueryContract } from './query.contract';

export function describeResourceContract(open: () => Promise<Store>): void {
  describeHistoryContract(open);
  describeQueryContract(open);
  describeOwnershipContract(open);
}
