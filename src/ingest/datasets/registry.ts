/**
 * The flow data set loaders by name. A plain function rather than a registry filled at import
 * time (STYLE.md habit 7: no registration as an import side effect).
 */
import { usageError } from '../../core/errors.js';
import { cicIds2017Loader } from './cic-ids2017.js';
import { genericCsvLoader } from './generic-csv.js';
import { nslKddLoader } from './nsl-kdd.js';
import type { DatasetLoader } from './types.js';
import { unswNb15Loader } from './unsw-nb15.js';

/**
 * Every flow data set loader, in the order `threatmesh datasets` lists them.
 *
 * @example
 * datasetLoaders().map((l) => l.name); // ['nsl-kdd', 'unsw-nb15', 'cic-ids2017', 'csv']
 */
export function datasetLoaders(): readonly DatasetLoader[] {
  return [nslKddLoader, unswNb15Loader, cicIds2017Loader, genericCsvLoader];
}

/**
 * The loader called `name`.
 *
 * @throws ThreatMeshError USAGE for an unknown name, listing the known ones.
 * @example
 * const result = await getLoader('nsl-kdd').load('KDDTest+.txt', { task: 'category' });
 */
export function getLoader(name: string): DatasetLoader {
  const loaders = datasetLoaders();
  const found = loaders.find((l) => l.name === name);
  if (found) return found;
  const known = loaders.map((l) => l.name).join(', ');
  throw usageError(`unknown data set '${name}'`, { hint: `known data sets: ${known}` });
}
