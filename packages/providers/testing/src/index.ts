export * from './memory-storage';
export * from './memory-seed';
export * from './byte-streams';
export * from './memory-connection';
