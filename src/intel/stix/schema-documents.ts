/**
 * The run-time copy of the official STIX 2.1 JSON schemas (data/stix2-schemas, see
 * data/README.md): one gzipped JSON document `{ source, files: { "sdos/indicator.json": … } }`
 * holding the 57 schema files of oasis-open/cti-stix2-json-schemas. Read on demand, never at
 * import time.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { badInput, notFound } from '../../core/errors.js';

export interface StixSchemaDocuments {
  /** Repository and commit the schemas were copied from. */
  readonly source: string;
  /** Path inside the schemas folder (`common/core.json`) → the schema. */
  readonly files: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
}

/** The file name inside `<dataDir>/stix2-schemas/`. */
export const STIX_SCHEMAS_FILE = 'stix2-schemas.json.gz';

/**
 * Reads the bundled schemas from ThreatMesh's `data/` directory.
 *
 * @example readStixSchemaDocuments(config.dataDir).files['sdos/indicator.json']
 */
export function readStixSchemaDocuments(dataDir: string): StixSchemaDocuments {
  const file = join(dataDir, 'stix2-schemas', STIX_SCHEMAS_FILE);
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (cause) {
    throw notFound(`the STIX 2.1 schemas are missing: ${file}`, {
      location: { file },
      hint: 'run from a complete checkout (data/stix2-schemas holds the official schemas)',
      cause,
    });
  }
  let doc: unknown;
  try {
    doc = JSON.parse(gunzipSync(bytes).toString('utf8'));
  } catch (cause) {
    throw badInput(`the STIX 2.1 schema bundle is not gzipped JSON: ${file}`, {
      location: { file },
      hint: 'restore data/stix2-schemas from the repository (see data/README.md)',
      cause,
    });
  }
  const files = (doc as { files?: unknown }).files;
  if (files === null || typeof files !== 'object') {
    throw badInput(`the STIX 2.1 schema bundle has no "files": ${file}`, {
      location: { file, path: '$.files' },
      hint: 'restore data/stix2-schemas from the repository (see data/README.md)',
    });
  }
  return doc as StixSchemaDocuments;
}
