/**
 * STIX 2.0 → 2.1 for one object (STIX 2.1 Appendix "Changes from STIX 2.0"): `spec_version`
 * "2.1"; `created`/`modified` at millisecond precision (§3.2); the 2.0 `labels` that were
 * the type's vocabulary move to the 2.1 vocabulary property (`malware_types`, `tool_types`,
 * `threat_actor_types`, `indicator_types`, `report_types`); malware gets `is_family` (2.0
 * malware described families); indicators get `pattern_type: "stix"`; observed-data's
 * embedded observables become SCOs with `object_refs`. Everything else — `created_by_ref`,
 * `revoked`, `identity_class`, custom properties such as `x_mitre_deprecated` — is kept as it
 * is. Objects that already say `spec_version: "2.1"` are returned unchanged.
 */
import { badInput } from '../../../core/errors.js';
import type { StixObject } from '../../../core/stix/object.js';
import { hasMillisecondPrecision, isStixTimestamp } from '../../../core/stix/timestamp.js';
import { liftObservables } from './upgrade-observables.js';

type Obj = Record<string, unknown>;

/** §4: the 2.0 `labels` of these types were their open vocabulary, renamed in 2.1. */
const LABELS_BECAME: Readonly<Record<string, string>> = {
  indicator: 'indicator_types',
  malware: 'malware_types',
  report: 'report_types',
  'threat-actor': 'threat_actor_types',
  tool: 'tool_types',
};

/** `…:27Z` → `…:27.000Z`, `…:27.5Z` → `…:27.500Z`; anything else unchanged. */
function toMilliseconds(value: unknown): unknown {
  if (typeof value !== 'string' || !isStixTimestamp(value) || hasMillisecondPrecision(value)) {
    return value;
  }
  const fraction = value.length > 20 ? value.slice(20, -1) : '';
  return `${value.slice(0, 19)}.${fraction.padEnd(3, '0')}Z`;
}

export interface UpgradeResult {
  /** The object as STIX 2.1. */
  readonly object: StixObject;
  /** SCOs lifted out of a 2.0 observed-data (empty for every other object). */
  readonly observables: readonly StixObject[];
}

/**
 * Upgrades one STIX 2.0 object to STIX 2.1. `path` locates it in error messages.
 *
 * @example
 * upgrade20to21({ type: 'malware', id: 'malware--…', created: '…', modified: '…',
 *                 name: 'PoisonIvy', labels: ['remote-access-trojan'] }).object
 * // { type: 'malware', spec_version: '2.1', …, malware_types: ['remote-access-trojan'], is_family: true }
 */
export function upgrade20to21(object: unknown, path = '$'): UpgradeResult {
  if (object === null || typeof object !== 'object' || Array.isArray(object)) {
    throw badInput('a STIX object must be a JSON object', {
      location: { path },
      hint: 'each element of a bundle\'s "objects" is a JSON object with "type" and "id"',
    });
  }
  const source = object as Obj;
  const type = source.type;
  if (typeof type !== 'string' || typeof source.id !== 'string') {
    throw badInput('a STIX object needs a string "type" and "id"', {
      location: { path: `${path}.${typeof type !== 'string' ? 'type' : 'id'}` },
      hint: 'add the missing property',
    });
  }
  if (source.spec_version === '2.1') return { object: source as StixObject, observables: [] };
  const out: Obj = { type, spec_version: '2.1' };
  for (const [k, v] of Object.entries(source)) {
    if (k === 'type' || k === 'spec_version') continue;
    out[k] = k === 'created' || k === 'modified' ? toMilliseconds(v) : v;
  }
  const vocabulary = LABELS_BECAME[type];
  if (vocabulary !== undefined && out.labels !== undefined && out[vocabulary] === undefined) {
    out[vocabulary] = out.labels;
    delete out.labels;
  }
  if (type === 'malware' && out.is_family === undefined) out.is_family = true;
  if (type === 'indicator' && out.pattern_type === undefined) out.pattern_type = 'stix';
  let observables: readonly StixObject[] = [];
  const container = out.objects;
  if (type === 'observed-data' && container !== null && typeof container === 'object') {
    const lifted = liftObservables(
      container as Obj,
      source.id,
      out.object_marking_refs,
      `${path}.objects`,
    );
    delete out.objects;
    out.object_refs = lifted.refs;
    observables = lifted.observables;
  }
  return { object: out as StixObject, observables };
}
