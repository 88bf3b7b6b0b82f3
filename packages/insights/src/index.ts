export * from './storage/index';
export * from './classification/index';
