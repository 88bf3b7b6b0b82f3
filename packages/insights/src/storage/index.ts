export { bucketPosture, classificationControls, POSTURE_CHECK_IDS } from './posture';
export type { PostureCheck, PostureCheckId, PostureStatus } from './posture';
export { tieringAdvice } from './tiering';
export type {
  TieringAdvice,
  TieringClassInput,
  TieringOptions,
  TieringRecommendation,
} from './tiering';
export { STORAGE_PRICES, storagePriceTableSchema } from './prices';
export type { ClassPrice, ProviderPrices, StoragePriceTable } from './prices';
