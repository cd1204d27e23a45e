/**
 * Everything the adapters derive from one STIX object before writing it, computed once and in
 * one place so that SQLite and PostgreSQL store the same thing: version key, canonical content
 * and its hash, own TLP, labels, search words and graph edges. Also the store's boundary
 * check: malformed objects are rejected with their JSON path before anything is written.
 */
import { createHash } from 'node:crypto';
import { badInput } from '../../core/errors.js';
import { canonicalJson } from '../../core/stix/canonical-json.js';
import type { StixObject } from '../../core/stix/object.js';
import { effectiveTlp, type TlpLevel } from '../../core/stix/tlp.js';
import type { EdgeKind } from '../intel-ports.js';
import { searchDocument, type SearchDocument } from './search-text.js';
import { NO_MODIFIED, versionKey } from './timestamps.js';

export interface PreparedEdge {
  readonly kind: EdgeKind;
  readonly type: string;
  readonly source: string;
  readonly target: string;
}

export interface PreparedObject {
  readonly id: string;
  readonly type: string;
  /** Normalised `modified` ({@link versionKey}), NO_MODIFIED when absent. */
  readonly modifiedKey: string;
  /** Canonical JSON (RFC 8785, keys sorted): what is stored and compared. */
  readonly body: string;
  /** SHA-256 (hex) of `body`. */
  readonly hash: string;
  readonly revoked: boolean;
  readonly tlp: TlpLevel | null;
  readonly labels: readonly string[];
  readonly search: SearchDocument;
  readonly edges: readonly PreparedEdge[];
  /** The object as given, for `ownerOf`. */
  readonly source: StixObject;
}

// STIX 2.1 §2.9: `type--UUID`; types are lower-case letters, digits and hyphens.
const STIX_ID =
  /^([a-z0-9][a-z0-9-]*)--[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

/** Types whose `object_refs` make `reference` edges (STIX 2.1 §4.5, §4.7, §4.8, §4.9, §4.13). */
const CONTAINERS = new Set(['report', 'grouping', 'note', 'opinion', 'observed-data']);

function fail(path: string, what: string, hint: string): never {
  throw badInput(`${path}: ${what}`, { location: { path }, hint });
}

function checkRef(v: unknown, path: string): string {
  if (typeof v !== 'string' || !STIX_ID.test(v)) {
    fail(path, `expected a STIX id, got ${JSON.stringify(v)}`, 'write type--UUID');
  }
  return v;
}

function refOf(o: Record<string, unknown>, key: string, path: string): string {
  return checkRef(o[key], `${path}.${key}`);
}

function refsOf(o: Record<string, unknown>, key: string, path: string): string[] {
  const v = o[key];
  if (v === undefined) return [];
  if (!Array.isArray(v)) {
    fail(`${path}.${key}`, 'expected a list of STIX ids', 'write [type--UUID, …]');
  }
  return v.map((r: unknown, i) => checkRef(r, `${path}.${key}[${i}]`));
}

function edgesOf(
  o: Record<string, unknown>,
  id: string,
  type: string,
  path: string,
): PreparedEdge[] {
  if (o.revoked === true) return [];
  if (type === 'relationship') {
    const rt = o.relationship_type;
    if (typeof rt !== 'string' || rt === '') {
      fail(`${path}.relationship_type`, 'a relationship needs a relationship_type', 'e.g. "uses"');
    }
    return [
      {
        kind: 'relationship',
        type: rt,
        source: refOf(o, 'source_ref', path),
        target: refOf(o, 'target_ref', path),
      },
    ];
  }
  if (type === 'sighting') {
    const edge = (t: string, target: string): PreparedEdge => ({
      kind: 'sighting',
      type: t,
      source: id,
      target,
    });
    return [
      edge('sighting-of', refOf(o, 'sighting_of_ref', path)),
      ...refsOf(o, 'observed_data_refs', path).map((r) => edge('observed-data', r)),
      ...refsOf(o, 'where_sighted_refs', path).map((r) => edge('where-sighted', r)),
    ];
  }
  if (CONTAINERS.has(type)) {
    return refsOf(o, 'object_refs', path).map((target) => ({
      kind: 'reference',
      type: 'object-ref',
      source: id,
      target,
    }));
  }
  return [];
}

/**
 * Check and derive. `path` locates the object in the caller's batch, e.g. `$.objects[3]`.
 *
 * @example prepareObject({ type: 'ipv4-addr', id: 'ipv4-addr--…', value: '1.2.3.4' }, '$[0]')
 */
export function prepareObject(object: StixObject, path: string): PreparedObject {
  if (object === null || typeof object !== 'object' || Array.isArray(object)) {
    fail(path, 'expected a STIX object', 'each item must be a JSON object with type and id');
  }
  const o = object as Record<string, unknown>;
  const id = o.id;
  const m = typeof id === 'string' ? STIX_ID.exec(id) : null;
  if (!m) fail(`${path}.id`, `expected type--UUID, got ${JSON.stringify(id)}`, 'see STIX 2.1 §2.9');
  if (o.type !== m[1]) {
    fail(
      `${path}.type`,
      `type ${JSON.stringify(o.type)} does not match the id prefix ${m[1]!}`,
      'make the id start with the type',
    );
  }
  let modifiedKey = NO_MODIFIED;
  if (o.modified !== undefined) {
    const key = typeof o.modified === 'string' ? versionKey(o.modified) : undefined;
    if (key === undefined) {
      fail(
        `${path}.modified`,
        `not an RFC 3339 UTC timestamp: ${JSON.stringify(o.modified)}`,
        'write it like 2024-05-01T12:00:00.000Z',
      );
    }
    modifiedKey = key;
  }
  const labels = o.labels ?? [];
  if (!Array.isArray(labels) || labels.some((l) => typeof l !== 'string')) {
    fail(`${path}.labels`, 'expected a list of strings', 'e.g. ["malicious-activity"]');
  }
  const body = canonicalJson(o);
  return {
    id: id as string,
    type: m[1]!,
    modifiedKey,
    body,
    hash: createHash('sha256').update(body).digest('hex'),
    revoked: o.revoked === true,
    tlp: effectiveTlp(o),
    labels: [...new Set(labels as string[])],
    search: searchDocument(o),
    edges: edgesOf(o, id as string, m[1]!, path),
    source: object,
  };
}
