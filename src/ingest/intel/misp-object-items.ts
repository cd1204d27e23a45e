/**
 * One MISP object (a template instance grouping attributes) → its STIX objects: for templates
 * STIX has objects for, an observed-data of the SCO group and, when some attribute is `to_ids`,
 * an indicator based on it whose pattern ANDs those attributes (misp-stix's mapping); for the
 * other templates an `x-misp-object` keeping every attribute.
 */
import type { StixObject } from '../../core/stix/object.js';
import {
  basedOn,
  mispTime,
  readToIds,
  readUuid,
  stringField,
  type EventScope,
  type MappedAttribute,
} from './misp-attribute.js';
import { asList, asObject } from './misp-context.js';
import { mapMispObject, type MispObjectAttribute } from './misp-objects.js';

type Obj = Record<string, unknown>;

function summarise(a: Obj): Obj {
  const out: Obj = {};
  for (const k of ['uuid', 'object_relation', 'type', 'category', 'value', 'to_ids', 'comment']) {
    if (a[k] !== undefined && a[k] !== '') out[k] = a[k];
  }
  return out;
}

/**
 * The STIX objects of a MISP object; `marking` is its TLP marking (its own, or its event's).
 *
 * @throws ThreatMeshError BAD_INPUT with the JSON path of a missing or mistyped field, or of an
 *   attribute value that is not of its type.
 * @example mapObject(event.Object[0], '$.Event.Object[0]', scope, []).primary // 'indicator--…'
 */
export function mapObject(
  o: Obj,
  path: string,
  scope: EventScope,
  marking: readonly string[],
): MappedAttribute {
  const uuid = readUuid(o, path);
  const name = stringField(o, 'name', path, true)!;
  const created = mispTime(o.timestamp) ?? scope.created;
  const attrs: MispObjectAttribute[] = [];
  const raw: Obj[] = [];
  asList(o.Attribute).forEach((x, i) => {
    const a = asObject(x);
    const at = `${path}.Attribute[${i}]`;
    if (a === undefined) return;
    raw.push(a);
    attrs.push({
      relation: stringField(a, 'object_relation', at, false) ?? stringField(a, 'type', at, true)!,
      type: stringField(a, 'type', at, true)!,
      value: stringField(a, 'value', at, true)!,
      toIds: readToIds(a, at),
      location: { file: scope.file, path: `${at}.value` },
    });
  });
  const category = typeof o['meta-category'] === 'string' ? o['meta-category'] : undefined;
  const labels = [
    `misp:name="${name}"`,
    ...(category !== undefined ? [`misp:meta-category="${category}"`] : []),
  ];
  const base: Obj = { spec_version: '2.1', created, modified: created, labels };
  if (scope.identityRef !== undefined) base.created_by_ref = scope.identityRef;
  if (marking.length > 0) base.object_marking_refs = [...marking];
  const mapped = mapMispObject(name, attrs);
  if (mapped === null) {
    const id = `x-misp-object--${uuid}`;
    const custom = {
      type: 'x-misp-object',
      id,
      ...base,
      x_misp_name: name,
      x_misp_attributes: raw.map(summarise),
    };
    return { objects: [custom as StixObject], primary: id, indicator: undefined };
  }
  const observed = `observed-data--${uuid}`;
  const objects: StixObject[] = [
    {
      type: 'observed-data',
      id: observed,
      ...base,
      first_observed: created,
      last_observed: created,
      number_observed: 1,
      object_refs: mapped.observables.map((s) => s.id),
    },
    ...mapped.observables.map((s) =>
      marking.length > 0 ? { ...s, object_marking_refs: [...marking] } : s,
    ),
  ];
  if (mapped.comparisons.length === 0) return { objects, primary: observed, indicator: undefined };
  const indicator = `indicator--${uuid}`;
  objects.push(
    {
      type: 'indicator',
      id: indicator,
      ...base,
      pattern: `[${mapped.comparisons.join(' AND ')}]`,
      pattern_type: 'stix',
      pattern_version: '2.1',
      valid_from: created,
      kill_chain_phases: [{ kill_chain_name: 'misp-category', phase_name: category ?? name }],
    },
    basedOn(indicator, observed, created, marking),
  );
  return { objects, primary: indicator, indicator };
}
