export * from './storage/index';
export * from './classification/index';
export * from './compute/index';
