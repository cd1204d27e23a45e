/**
 * The official STIX 2.1 schemas compiled with ajv, set up as ../shared/docs/GOTCHAS.md records:
 * draft 2020-12, `strict: false` (the schemas use keywords such as `definitions`),
 * `allErrors`, `unicodeRegExp: false` (one schema escapes `\-`, invalid under the `u` flag),
 * ajv-formats plus our `idn-hostname`, every file added with `addSchema` and validators looked
 * up by `$id`. Each validator compiles on first use and stays in the returned object.
 *
 * Two of the official patterns (the `type` name and the `…-ext` extension key) nest
 * quantifiers, `([a-z][a-z0-9]*)+`, and backtrack exponentially on a near miss: measured here,
 * a 26-letter type followed by `_` takes over a second and each further letter doubles that,
 * so one hostile object from a partner would hang the validator. They are replaced by the
 * equivalent linear patterns (the group's repetitions concatenate to `[a-z][a-z0-9]*`).
 */
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { badInput } from '../../core/errors.js';
import type { StixSchemaDocuments } from './schema-documents.js';
import { isIdnHostname } from './idn-hostname.js';

export interface StixSchemaValidators {
  /** How many schema files were added (57 for the official set). */
  readonly schemaCount: number;
  /**
   * The validator of a type: its own schema for the types the schemas define, else (custom
   * objects, §11.1) the common core of SDOs when the object has `created`, of SCOs otherwise.
   */
  forObject(type: string, hasCreated: boolean): ValidateFunction;
}

/** Files whose name is the type they define; the other common/ files are building blocks. */
const TYPE_FOLDERS = ['sdos/', 'sros/', 'observables/'];
/** Official pattern → the equivalent pattern without nested quantifiers. */
export const SAFE_PATTERNS: ReadonlyMap<string, string> = new Map([
  ['^([a-z][a-z0-9]*)+(-[a-z0-9]+)*\\-?$', '^[a-z][a-z0-9]*(-[a-z0-9]+)*-?$'],
  ['^([a-z][a-z0-9]*)+(-[a-z0-9]+)*\\-ext$', '^[a-z][a-z0-9]*(-[a-z0-9]+)*-ext$'],
]);

/** A copy of a schema with `SAFE_PATTERNS` applied to `pattern` values and `patternProperties` keys. */
function withSafePatterns(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withSafePatterns);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    if (k === 'pattern' && typeof v === 'string') out[k] = SAFE_PATTERNS.get(v) ?? v;
    else if (k === 'patternProperties' && v !== null && typeof v === 'object') {
      const props: Record<string, unknown> = {};
      for (const [p, sub] of Object.entries(v))
        props[SAFE_PATTERNS.get(p) ?? p] = withSafePatterns(sub);
      out[k] = props;
    } else out[k] = withSafePatterns(v);
  }
  return out;
}

const META_FILES = [
  'common/marking-definition.json',
  'common/language-content.json',
  'common/extension-definition.json',
];

/**
 * Compiles the official schemas (from `readStixSchemaDocuments`).
 *
 * @example
 * const validators = compileStixSchemas(readStixSchemaDocuments(dataDir));
 * validators.forObject('indicator', true)(object); // true or false, errors on the function
 */
export function compileStixSchemas(docs: StixSchemaDocuments): StixSchemaValidators {
  // inlineRefs: false compiles the schemas one function per $ref instead of inlining them:
  // measured on the ATT&CK types, 45% less compile CPU time and the same validation speed.
  const ajv = new Ajv2020({
    strict: false,
    allErrors: true,
    unicodeRegExp: false,
    inlineRefs: false,
  });
  // ajv-formats is CommonJS: under NodeNext its default import is `module.exports`, which also
  // carries the plugin as `.default`.
  addFormats.default(ajv);
  ajv.addFormat('idn-hostname', { type: 'string', validate: isIdnHostname });
  const idOfType = new Map<string, string>();
  let core = '';
  let observableCore = '';
  let count = 0;
  for (const [path, schema] of Object.entries(docs.files)) {
    const id = schema.$id;
    if (typeof id !== 'string') {
      throw badInput(`STIX schema ${path} has no $id`, {
        location: { path: `$.files['${path}'].$id` },
        hint: 'restore data/stix2-schemas from the repository (see data/README.md)',
      });
    }
    ajv.addSchema(withSafePatterns(schema) as Record<string, unknown>, id);
    count++;
    const file = path.slice(path.lastIndexOf('/') + 1, -'.json'.length);
    if (TYPE_FOLDERS.some((f) => path.startsWith(f)) || META_FILES.includes(path)) {
      idOfType.set(file, id);
    } else if (path === 'common/core.json') core = id;
    else if (path === 'common/cyber-observable-core.json') observableCore = id;
  }
  if (core === '' || observableCore === '') {
    throw badInput(
      'the STIX schema set lacks common/core.json or common/cyber-observable-core.json',
      {
        hint: 'restore data/stix2-schemas from the repository (see data/README.md)',
      },
    );
  }
  const compiled = new Map<string, ValidateFunction>();
  function get(id: string): ValidateFunction {
    let fn = compiled.get(id);
    if (fn === undefined) {
      fn = ajv.getSchema(id);
      if (fn === undefined) throw badInput(`no STIX schema with $id ${id}`);
      compiled.set(id, fn);
    }
    return fn;
  }
  return {
    schemaCount: count,
    forObject(type, hasCreated) {
      return get(idOfType.get(type) ?? (hasCreated ? core : observableCore));
    },
  };
}
