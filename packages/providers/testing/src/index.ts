export * from './memory-storage';
export * from './memory-seed';
export * from './byte-streams';
