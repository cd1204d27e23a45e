import { createHash } from 'node:crypto';
import type { Dataset } from './dataset.js';

/**
 * SHA-256 over a dataset's content (column names, kinds, values, dictionaries, labels and
 * classes), independent of the file's formatting. Recorded with every model and run so that
 * "trained on the same data" can be checked.
 */
export function datasetFingerprint(ds: Dataset): string {
  const h = createHash('sha256');
  h.update(`rows=${ds.n}\n`);
  for (const col of ds.columns) {
    h.update(`${col.kind}:${col.name}\n`);
    if (col.kind === 'numeric') {
      h.update(new Uint8Array(col.values.buffer, col.values.byteOffset, col.values.byteLength));
    } else {
      h.update(JSON.stringify(col.dictionary));
      h.update(new Uint8Array(col.codes.buffer, col.codes.byteOffset, col.codes.byteLength));
    }
  }
  if (ds.labels && ds.classes) {
    h.update(`classes=${JSON.stringify(ds.classes)}\n`);
    h.update(new Uint8Array(ds.labels.buffer, ds.labels.byteOffset, ds.labels.byteLength));
  }
  return `sha256:${h.digest('hex')}`;
}
