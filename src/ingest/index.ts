/**
 * Ingestion: byte streams → typed records. Flow data set loaders for now (NSL-KDD, UNSW-NB15,
 * CIC-IDS2017, generic CSV).
 */
export type {
  BadRowPolicy,
  ColumnInfo,
  DatasetLoader,
  LoadOptions,
  LoadResult,
  SkippedRows,
} from './datasets/types.js';
export { datasetLoaders, getLoader } from './datasets/registry.js';
export { writeSplit } from './datasets/write-split.js';
