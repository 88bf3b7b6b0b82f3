export * from './memory-storage';
export * from './memory-seed';
