import { inProcessDriver } from './drivers/in-process';
import { syncDriverContract } from './sync.contract';

syncDriverContract('in-process', () =>
  Promise.resolve({ driver: inProcessDriver(), close: () => Promise.resolve() }),
);
