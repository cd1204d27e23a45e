/**
 * STIX 2.1 validation: the official JSON schemas plus the rules they cannot express
 * (object-rules, reference-rules, extension-rules, marking-rules). Problems are collected as
 * data with their JSON paths; nothing throws on bad content.
 */
import { childPath, issue, newSink } from './issues.js';
import type { StixIssue } from './issues.js';
import { readStixSchemaDocuments } from './schema-documents.js';
import type { StixSchemaDocuments } from './schema-documents.js';
import { compileStixSchemas } from './schema-validators.js';
import type { StixSchemaValidators } from './schema-validators.js';
import { schemaIssues } from './schema-issues.js';
import { STRICT, checkObjectRules } from './object-rules.js';
import type { RulePolicy } from './object-rules.js';
import { checkReferences } from './reference-rules.js';
import { checkExtensions } from './extension-rules.js';
import type { ExtensionDefinitions } from './extension-rules.js';
import { checkGranularSelectors, checkMarkingDefinition } from './marking-rules.js';

export interface ObjectValidation {
  /** JSON path of the object: `$` alone, `$.objects[3]` in a bundle. */
  readonly path: string;
  readonly id?: string;
  readonly type?: string;
  /** No errors (warnings allowed). */
  readonly valid: boolean;
  readonly errors: readonly StixIssue[];
  readonly warnings: readonly StixIssue[];
}

export interface BundleValidation {
  /** The envelope and every object are valid. */
  readonly valid: boolean;
  /** Problems of the envelope itself (`$.type`, `$.id`, `$.objects`). */
  readonly errors: readonly StixIssue[];
  readonly warnings: readonly StixIssue[];
  /** One result per element of `objects`, in order. */
  readonly objects: readonly ObjectValidation[];
  readonly invalidObjects: number;
}

export interface ValidateObjectOptions {
  /** JSON path to report the object under (default `$`). */
  readonly path?: string;
  /** Extension definitions known to the caller (id → extension_types). */
  readonly extensionDefinitions?: ExtensionDefinitions;
}

export interface StixValidator {
  /** How many official schema files are loaded (57). */
  readonly schemaCount: number;
  validateObject(object: unknown, options?: ValidateObjectOptions): ObjectValidation;
  validateBundle(doc: unknown): BundleValidation;
}

type Obj = Readonly<Record<string, unknown>>;

function isObject(v: unknown): v is Obj {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

const BUNDLE_ID =
  /^bundle--[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[1-5][0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}$/;

/**
 * Shared by every result without issues: most objects are valid, and a pair of empty arrays
 * per object kept alive to the end of a bundle measurably lengthened garbage collection.
 */
const NONE: readonly StixIssue[] = Object.freeze([]);

function result(
  path: string,
  id: string | undefined,
  type: string | undefined,
  errors: StixIssue[],
  warnings: StixIssue[],
): ObjectValidation {
  const r: { -readonly [K in keyof ObjectValidation]: ObjectValidation[K] } = {
    path,
    valid: errors.length === 0,
    errors: errors.length === 0 ? NONE : errors,
    warnings: warnings.length === 0 ? NONE : warnings,
  };
  if (id !== undefined) r.id = id;
  if (type !== undefined) r.type = type;
  return r;
}

function validateOne(
  schemas: StixSchemaValidators,
  policy: RulePolicy,
  object: unknown,
  path: string,
  definitions: ExtensionDefinitions,
): ObjectValidation {
  const sink = newSink();
  if (!isObject(object)) {
    sink.errors.push(issue(path, 'a STIX object must be a JSON object'));
    return result(path, undefined, undefined, sink.errors, sink.warnings);
  }
  const type = object.type;
  const id = typeof object.id === 'string' ? object.id : undefined;
  if (typeof type !== 'string') {
    sink.errors.push(issue(childPath(path, 'type'), 'required property is missing', 'add "type"'));
    return result(path, id, undefined, sink.errors, sink.warnings);
  }
  const validate = schemas.forObject(type, object.created !== undefined);
  if (!validate(object)) sink.errors.push(...schemaIssues(validate.errors ?? [], path, object));
  checkObjectRules(object, path, sink, policy);
  checkReferences(object, path, sink);
  checkExtensions(object, path, definitions, sink);
  checkGranularSelectors(object, path, sink);
  checkMarkingDefinition(object, path, sink);
  return result(path, id, type, sink.errors, sink.warnings);
}

function collectDefinitions(objects: readonly unknown[]): Map<string, readonly string[]> {
  const out = new Map<string, readonly string[]>();
  for (const o of objects) {
    if (isObject(o) && o.type === 'extension-definition' && typeof o.id === 'string') {
      const types = o.extension_types;
      if (Array.isArray(types))
        out.set(
          o.id,
          types.filter((t): t is string => typeof t === 'string'),
        );
    }
  }
  return out;
}

function checkEnvelope(doc: Obj, errors: StixIssue[], warnings: StixIssue[]): void {
  if (doc.type !== 'bundle') {
    errors.push(
      issue(
        '$.type',
        `expected "bundle", found ${JSON.stringify(doc.type)}`,
        'wrap STIX objects in a bundle: {"type": "bundle", "id": "bundle--<UUID>", "objects": [...]}',
      ),
    );
  }
  if (typeof doc.id !== 'string' || !BUNDLE_ID.test(doc.id)) {
    errors.push(
      issue(
        '$.id',
        'a bundle id must be bundle--<UUID>',
        'give the bundle an id such as bundle--<a new UUIDv4>',
      ),
    );
  }
  if (doc.spec_version === '2.0') {
    errors.push(
      issue(
        '$.spec_version',
        'this is a STIX 2.0 bundle',
        'upgrade it with upgradeBundle20to21 before validating as 2.1',
      ),
    );
  } else if (doc.spec_version !== undefined) {
    warnings.push(issue('$.spec_version', 'STIX 2.1 bundles have no spec_version (§8)', 'drop it'));
  }
  if (doc.objects !== undefined && !Array.isArray(doc.objects)) {
    errors.push(issue('$.objects', 'must be a list of STIX objects'));
  }
}

/**
 * A validator over already-read schema documents; compiled validators live in the returned
 * object (compile once, validate many).
 *
 * @example
 * const stix = createStixValidator(readStixSchemaDocuments(dataDir));
 * stix.validateObject(indicator).valid
 */
export function createStixValidator(
  docs: StixSchemaDocuments,
  policy: RulePolicy = STRICT,
): StixValidator {
  const schemas = compileStixSchemas(docs);
  return {
    schemaCount: schemas.schemaCount,
    validateObject(object, options = {}) {
      return validateOne(
        schemas,
        policy,
        object,
        options.path ?? '$',
        options.extensionDefinitions ?? new Map(),
      );
    },
    validateBundle(doc) {
      const errors: StixIssue[] = [];
      const warnings: StixIssue[] = [];
      if (!isObject(doc)) {
        errors.push(issue('$', 'a STIX bundle must be a JSON object'));
        return { valid: false, errors, warnings, objects: [], invalidObjects: 0 };
      }
      checkEnvelope(doc, errors, warnings);
      const list: readonly unknown[] = Array.isArray(doc.objects) ? doc.objects : [];
      const definitions = collectDefinitions(list);
      // id → index of its first occurrence (a list once an id repeats, as versions do): keyed by
      // the id strings themselves, whose hashes V8 caches, and no allocation per object.
      const seen = new Map<string, number | number[]>();
      let invalid = 0;
      const objects = list.map((o, i) => {
        const r = validateOne(schemas, policy, o, `$.objects[${i}]`, definitions);
        if (!r.valid) invalid++;
        if (r.id === undefined || !isObject(o)) return r;
        const prior = seen.get(r.id);
        if (prior === undefined) {
          seen.set(r.id, i);
          return r;
        }
        const indices = typeof prior === 'number' ? [prior] : prior;
        const first = indices.find((j) => (list[j] as Obj).modified === o.modified);
        indices.push(i);
        seen.set(r.id, indices);
        if (first === undefined) return r;
        const message = `same id and modified as $.objects[${first}]`;
        const duplicate = issue(`$.objects[${i}].id`, message, 'drop the duplicate');
        return { ...r, warnings: [...r.warnings, duplicate] };
      });
      return {
        valid: errors.length === 0 && invalid === 0,
        errors,
        warnings,
        objects,
        invalidObjects: invalid,
      };
    },
  };
}

/**
 * Reads the bundled official schemas from `dataDir` (ThreatMesh's `data/`) and compiles them.
 * Call once, where validation is needed, and keep the result.
 *
 * @example
 * const stix = loadStixValidator(config.dataDir);
 * const report = stix.validateBundle(JSON.parse(text));
 * for (const o of report.objects) for (const e of o.errors) console.log(e.path, e.message);
 */
export function loadStixValidator(dataDir: string, policy: RulePolicy = STRICT): StixValidator {
  return createStixValidator(readStixSchemaDocuments(dataDir), policy);
}
