/**
 * One MISP attribute → its STIX objects, as misp-stix maps them: `to_ids` attributes become an
 * indicator (with a STIX pattern, or a YARA/Snort/Sigma rule) based on an observed-data of the
 * value's SCOs; other attributes the observed-data alone; vulnerabilities a vulnerability;
 * anything STIX has no object for (free text, comments…) an `x-misp-attribute`. Every object
 * made from an attribute carries the attribute's UUID in its id.
 */
import { badInput, isThreatMeshError, type SourceLocation } from '../../core/errors.js';
import type { StixObject } from '../../core/stix/object.js';
import { mapMispValue } from './misp-values.js';
import { mintedId, stixTime } from './minted-objects.js';

type Obj = Record<string, unknown>;

/** What every object of one event shares. */
export interface EventScope {
  readonly file: string;
  /** Event timestamp (RFC 3339), the default for attributes without one. */
  readonly created: string;
  readonly identityRef: string | undefined;
}

export interface MappedAttribute {
  readonly objects: StixObject[];
  /** The object that stands for the attribute (sighted, referenced): indicator, else the rest. */
  readonly primary: string;
  readonly indicator: string | undefined;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const RULE_TYPES = new Set(['yara', 'snort', 'sigma']);

/** A MISP epoch-seconds timestamp ("1603642920" or a number) as RFC 3339, or undefined. */
export function mispTime(v: unknown): string | undefined {
  const n = typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : typeof v === 'number' ? v : NaN;
  return Number.isFinite(n) && n > 0 ? stixTime(n * 1000) : undefined;
}

/** MISP's first_seen/last_seen ("2019-06-12T11:30:00.000000+00:00") as RFC 3339 UTC. */
function isoTime(v: unknown): string | undefined {
  const t = typeof v === 'string' ? Date.parse(v) : NaN;
  return Number.isFinite(t) ? stixTime(t) : undefined;
}

/** Reads a field that must be a string, naming the path when it is not. */
export function stringField(
  o: Obj,
  key: string,
  path: string,
  required: boolean,
): string | undefined {
  const v = o[key];
  if (v === undefined || v === null) {
    if (required)
      throw badInput(`"${key}" is missing`, {
        location: { path: `${path}.${key}` },
        hint: `add "${key}"`,
      });
    return undefined;
  }
  if (typeof v !== 'string') {
    throw badInput(`"${key}" must be a string, not ${Array.isArray(v) ? 'a list' : typeof v}`, {
      location: { path: `${path}.${key}` },
      hint: `write "${key}": "…"`,
    });
  }
  return v;
}

/** MISP writes to_ids as true/false, "1"/"0" or "true"/"false". */
export function readToIds(o: Obj, path: string): boolean {
  const v = o.to_ids;
  if (v === undefined || v === null || v === false || v === '0' || v === 'false' || v === 0)
    return false;
  if (v === true || v === '1' || v === 'true' || v === 1) return true;
  throw badInput(`"to_ids" must be true or false, not ${JSON.stringify(v)}`, {
    location: { path: `${path}.to_ids` },
    hint: 'true: the value is for detection (an indicator); false: context (an observable)',
  });
}

export function readUuid(o: Obj, path: string): string {
  const uuid = stringField(o, 'uuid', path, true)!;
  if (!UUID.test(uuid)) {
    throw badInput(`"${uuid}" is not a UUID`, {
      location: { path: `${path}.uuid` },
      hint: 'MISP uuids look like 5acc9181-5c70-4a02-b2f0-4dae950d210f',
    });
  }
  return uuid.toLowerCase();
}

function common(
  scope: EventScope,
  created: string,
  labels: readonly string[],
  marking: readonly string[],
): Obj {
  const o: Obj = { spec_version: '2.1', created, modified: created };
  if (scope.identityRef !== undefined) o.created_by_ref = scope.identityRef;
  if (labels.length > 0) o.labels = [...labels];
  if (marking.length > 0) o.object_marking_refs = [...marking];
  return o;
}

/**
 * The STIX objects of one attribute. `labels` and `marking` are the attribute's (its tags, the
 * event's TLP unless its own).
 *
 * @throws ThreatMeshError BAD_INPUT with the attribute's JSON path for a missing or mistyped
 *   field, or a value that is not of its type.
 */
export function mapAttribute(
  a: Obj,
  path: string,
  scope: EventScope,
  labels: readonly string[],
  marking: readonly string[],
): MappedAttribute {
  const uuid = readUuid(a, path);
  const type = stringField(a, 'type', path, true)!;
  const value = stringField(a, 'value', path, true)!;
  const category = stringField(a, 'category', path, false);
  const comment = stringField(a, 'comment', path, false)?.trim();
  const toIds = readToIds(a, path);
  const created = mispTime(a.timestamp) ?? scope.created;
  const allLabels = [
    `misp:type="${type}"`,
    ...(category ? [`misp:category="${category}"`] : []),
    ...labels,
  ];
  const base = common(scope, created, allLabels, marking);
  const location: SourceLocation = { file: scope.file, path: `${path}.value` };
  let mapped;
  try {
    mapped = mapMispValue(type, value, location);
  } catch (e) {
    if (isThreatMeshError(e))
      throw badInput(`${type} ${e.message}`, { location, ...(e.hint ? { hint: e.hint } : {}) });
    throw e;
  }
  const objects: StixObject[] = [];
  const describe = comment ? { description: comment } : {};
  const phases = category
    ? { kill_chain_phases: [{ kill_chain_name: 'misp-category', phase_name: category }] }
    : {};
  let indicator: string | undefined;
  const indicatorOf = (pattern: string, patternType: string): StixObject => ({
    type: 'indicator',
    id: `indicator--${uuid}`,
    ...base,
    ...describe,
    pattern,
    pattern_type: patternType,
    ...(patternType === 'stix' ? { pattern_version: '2.1' } : {}),
    valid_from: created,
    ...phases,
  });
  if (mapped === null && RULE_TYPES.has(type) && toIds) {
    objects.push(indicatorOf(value, type));
    return { objects, primary: `indicator--${uuid}`, indicator: `indicator--${uuid}` };
  }
  if (mapped === null && type === 'vulnerability') {
    const cve = /^CVE-\d{4}-\d{4,}$/i.test(value.trim());
    objects.push({
      type: 'vulnerability',
      id: `vulnerability--${uuid}`,
      ...base,
      ...describe,
      name: value.trim(),
      ...(cve
        ? { external_references: [{ source_name: 'cve', external_id: value.trim().toUpperCase() }] }
        : {}),
    });
    return { objects, primary: `vulnerability--${uuid}`, indicator: undefined };
  }
  if (mapped === null || (mapped.observables.length === 0 && !toIds)) {
    objects.push({
      type: 'x-misp-attribute',
      id: `x-misp-attribute--${uuid}`,
      ...base,
      x_misp_type: type,
      x_misp_value: value,
      ...(category ? { x_misp_category: category } : {}),
      ...(comment ? { x_misp_comment: comment } : {}),
      ...(toIds ? { x_misp_to_ids: true } : {}),
    });
    return { objects, primary: `x-misp-attribute--${uuid}`, indicator: undefined };
  }
  let observed: string | undefined;
  if (mapped.observables.length > 0) {
    observed = `observed-data--${uuid}`;
    const seen = isoTime(a.first_seen) ?? created;
    const last = isoTime(a.last_seen) ?? seen;
    objects.push({
      type: 'observed-data',
      id: observed,
      ...base,
      first_observed: seen,
      last_observed: last,
      number_observed: 1,
      object_refs: mapped.observables.map((o) => o.id),
    });
    for (const o of mapped.observables)
      objects.push(marking.length > 0 ? { ...o, object_marking_refs: [...marking] } : o);
  }
  if (toIds && mapped.comparisons.length > 0) {
    indicator = `indicator--${uuid}`;
    objects.push(indicatorOf(`[${mapped.comparisons.join(' AND ')}]`, 'stix'));
    if (observed !== undefined) objects.push(basedOn(indicator, observed, created, marking));
  }
  return { objects, primary: indicator ?? observed!, indicator };
}

/** `indicator based-on observed-data`, with an id that depends only on its two ends. */
export function basedOn(
  indicator: string,
  observed: string,
  created: string,
  marking: readonly string[],
): StixObject {
  return {
    type: 'relationship',
    spec_version: '2.1',
    id: mintedId('relationship', `based-on|${indicator}|${observed}`),
    created,
    modified: created,
    relationship_type: 'based-on',
    source_ref: indicator,
    target_ref: observed,
    ...(marking.length > 0 ? { object_marking_refs: [...marking] } : {}),
  };
}
