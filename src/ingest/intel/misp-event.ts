/**
 * One MISP event → STIX 2.1 (the mapping of the MISP project's misp-stix, checked against its
 * paired fixtures): the event becomes a report when published, else a grouping, created by the
 * identity of its creator organisation (`Orgc`) and referring to everything made from it;
 * attributes and objects become indicators, observed-data and SCOs; tags labels and TLP
 * markings; galaxy clusters the objects they name, related to the event (event clusters) or
 * indicated by an attribute's indicator (attribute clusters);
 * sightings sightings (false-positive and expiration sightings opinions); object references
 * relationships.
 */
import { badInput, isThreatMeshError, type SourceLocation } from '../../core/errors.js';
import type { StixObject } from '../../core/stix/object.js';
import { TLP2_MARKING_IDS, type TlpLevel } from '../../core/stix/tlp.js';
import type { IntelItem } from './intel-items.js';
import {
  mapAttribute,
  mispTime,
  readUuid,
  stringField,
  type EventScope,
} from './misp-attribute.js';
import {
  asList,
  asObject,
  clusterRelationship,
  galaxyTargets,
  readTags,
  type AttackResolver,
  type ClusterTarget,
} from './misp-context.js';
import { mapObject } from './misp-object-items.js';
import { mintedId } from './minted-objects.js';
import { mapSighting, orgIdentity } from './misp-sightings.js';

type Obj = Record<string, unknown>;

export interface MispEventOptions {
  /** Marking of events without a `tlp:` tag. */
  readonly defaultTlp?: TlpLevel;
  readonly resolveAttack?: AttackResolver;
}

class EventMapper {
  readonly items: IntelItem[] = [];
  private readonly refs: string[] = [];
  private readonly primaryOf = new Map<string, string>();
  private readonly pathOf = new Map<string, string>();
  private readonly identities = new Set<string>();

  constructor(
    private readonly scope: EventScope,
    private readonly path: string,
    private readonly options: MispEventOptions,
    private readonly eventTlp: TlpLevel | null,
  ) {}

  emit(object: StixObject, path: string, inEvent = true): void {
    this.items.push({ kind: 'object', object, location: { file: this.scope.file, path } });
    if (inEvent && !this.refs.includes(object.id)) this.refs.push(object.id);
  }

  /** An organisation's identity, once per event. */
  identity(org: StixObject, path: string): void {
    if (this.identities.has(org.id)) return;
    this.identities.add(org.id);
    this.emit(org, path, false);
  }

  rejectShape(path: string, reason: string): void {
    this.items.push({ kind: 'rejected', location: { file: this.scope.file, path }, reason });
  }

  /** Runs one attribute or object's mapping; its error becomes a rejection, not the event's. */
  guard(path: string, run: () => void): void {
    const before = this.items.length;
    const refs = this.refs.length;
    try {
      run();
    } catch (e) {
      this.items.length = before;
      this.refs.length = refs;
      this.reject(e, path);
    }
  }

  reject(e: unknown, fallback: string): void {
    if (!isThreatMeshError(e)) throw e;
    const location: SourceLocation = { file: this.scope.file, path: e.location?.path ?? fallback };
    this.items.push({
      kind: 'rejected',
      location,
      reason: e.hint ? `${e.message} (${e.hint})` : e.message,
    });
  }

  private marking(tlp: TlpLevel | null): string[] {
    const level = tlp ?? this.eventTlp ?? this.options.defaultTlp;
    return level === undefined || level === null ? [] : [TLP2_MARKING_IDS[level]];
  }

  /** Refuses a uuid seen earlier in the event: the two would be one STIX object, twice. */
  private claim(uuid: string, path: string): void {
    const first = this.pathOf.get(uuid);
    if (first !== undefined) {
      throw badInput(`uuid ${uuid} was already used at ${first}`, {
        location: { path: `${path}.uuid` },
        hint: 'every attribute and object of an event needs its own uuid',
      });
    }
    this.pathOf.set(uuid, path);
  }

  attribute(a: Obj, path: string): void {
    const uuid = readUuid(a, path);
    this.claim(uuid, path);
    const tags = readTags(a.Tag);
    const marking = this.marking(tags.tlp);
    const mapped = mapAttribute(a, path, this.scope, tags.labels, marking);
    for (const o of mapped.objects) this.emit(o, path);
    this.primaryOf.set(uuid, mapped.primary);
    for (const target of this.clusters(a.Galaxy, path)) {
      this.emit(clusterRelationship(mapped.primary, target, this.scope.created), `${path}.Galaxy`);
    }
    asList(a.Sighting).forEach((s, i) =>
      this.sighting(asObject(s), mapped.primary, `${path}.Sighting[${i}]`),
    );
  }

  object(o: Obj, path: string): void {
    const uuid = readUuid(o, path);
    this.claim(uuid, path);
    const mapped = mapObject(o, path, this.scope, this.marking(readTags(o.Tag).tlp));
    for (const x of mapped.objects) this.emit(x, path);
    this.primaryOf.set(uuid, mapped.primary);
  }

  /** Object references (`included-in`, `analysed-with`…) between attributes and objects. */
  references(o: Obj, path: string): void {
    const from = this.primaryOf.get(String(o.uuid ?? '').toLowerCase());
    asList(o.ObjectReference).forEach((r, i) => {
      const ref = asObject(r);
      const to = this.primaryOf.get(String(ref?.referenced_uuid ?? '').toLowerCase());
      const kind = String(ref?.relationship_type ?? 'related-to')
        .toLowerCase()
        .replace(/[^a-z0-9-]+/g, '-');
      if (from === undefined || to === undefined || kind === '') return;
      this.emit(
        {
          type: 'relationship',
          spec_version: '2.1',
          id: mintedId('relationship', `${kind}|${from}|${to}`),
          created: this.scope.created,
          modified: this.scope.created,
          relationship_type: kind,
          source_ref: from,
          target_ref: to,
        },
        `${path}.ObjectReference[${i}]`,
      );
    });
  }

  clusters(galaxies: unknown, path: string): ClusterTarget[] {
    const targets = galaxyTargets(galaxies, this.scope.created, this.options.resolveAttack);
    for (const t of targets) if (t.object !== undefined) this.emit(t.object, `${path}.Galaxy`);
    return targets;
  }

  private sighting(s: Obj | undefined, of: string, path: string): void {
    if (s === undefined) return;
    const r = mapSighting(s, of, this.scope.created);
    if (r.org !== undefined) this.identity(r.org, path);
    this.emit(r.object, path);
  }

  finish(event: Obj, eventTags: readonly string[]): void {
    const uuid = readUuid(event, this.path);
    const published = event.published === true || event.published === '1';
    const containerId = `${published ? 'report' : 'grouping'}--${uuid}`;
    // One relationship per cluster from the event, not one per indicator and cluster: the
    // container refers to its indicators already, two hops in the graph.
    for (const target of this.clusters(event.Galaxy, this.path)) {
      this.emit(
        clusterRelationship(containerId, target, this.scope.created),
        `${this.path}.Galaxy`,
      );
      if (!this.refs.includes(target.id)) this.refs.push(target.id);
    }
    const marking = this.marking(null);
    const container: Obj = {
      type: published ? 'report' : 'grouping',
      spec_version: '2.1',
      id: containerId,
      created: this.scope.created,
      modified: this.scope.created,
      name: stringField(event, 'info', this.path, false)?.trim() || `MISP event ${uuid}`,
      object_refs:
        this.refs.length > 0
          ? this.refs
          : [this.scope.identityRef ?? mintedId('identity', 'misp-org:unknown')],
      labels: ['Threat-Report', ...eventTags],
    };
    if (this.scope.identityRef !== undefined) container.created_by_ref = this.scope.identityRef;
    if (published) {
      container.report_types = ['threat-report'];
      container.published = mispTime(event.publish_timestamp) ?? this.scope.created;
    } else container.context = 'suspicious-activity';
    if (marking.length > 0) container.object_marking_refs = marking;
    this.emit(container as StixObject, this.path, false);
  }
}

/**
 * The STIX items of one MISP event (`path` is its JSON path, e.g. `$.response[2].Event`). An
 * attribute or object that cannot be mapped is a rejection; the rest of the event is kept.
 *
 * @example mapMispEvent(doc.Event, '$.Event', 'event.json', {}).filter((i) => i.kind === 'object')
 */
export function mapMispEvent(
  event: Obj,
  path: string,
  file: string,
  options: MispEventOptions,
): IntelItem[] {
  const created = mispTime(event.timestamp) ?? mispTime(event.publish_timestamp);
  let date: string | undefined;
  if (typeof event.date === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(event.date))
    date = `${event.date}T00:00:00.000Z`;
  const when = created ?? date ?? '1970-01-01T00:00:00.000Z';
  const creator = orgIdentity(event.Orgc ?? event.Org, when);
  const tags = readTags(event.Tag);
  const scope: EventScope = { file, created: when, identityRef: creator?.id };
  const m = new EventMapper(scope, path, options, tags.tlp);
  try {
    readUuid(event, path);
  } catch (e) {
    m.reject(e, `${path}.uuid`);
    return m.items;
  }
  if (creator !== undefined) m.identity(creator, `${path}.Orgc`);
  const list = (key: string) =>
    asList(event[key]).map((value, i) => ({ value, path: `${path}.${key}[${i}]` }));
  mapContents(m, list('Attribute'), list('Object'));
  m.finish(event, tags.labels);
  return m.items;
}

/** A MISP value with its JSON path. */
export interface MispPart {
  readonly value: unknown;
  readonly path: string;
}

function mapContents(
  m: EventMapper,
  attributes: readonly MispPart[],
  objects: readonly MispPart[],
): void {
  for (const { value, path } of attributes) {
    const attr = asObject(value);
    if (attr === undefined) m.rejectShape(path, 'an attribute must be a JSON object');
    else m.guard(path, () => m.attribute(attr, path));
  }
  for (const { value, path } of objects) {
    const obj = asObject(value);
    if (obj === undefined) m.rejectShape(path, 'an object must be a JSON object');
    else m.guard(path, () => m.object(obj, path));
  }
  for (const { value, path } of objects) {
    const obj = asObject(value);
    if (obj !== undefined) m.references(obj, path);
  }
}

/**
 * The STIX items of attributes and objects outside an event (MISP's attribute and object
 * collections, `{"response": {"Attribute": [...]}}`): no container and no creator identity.
 *
 * @example mapMispCollection([{ value: attr, path: '$.response.Attribute[0]' }], [], 'a.json', {})
 */
export function mapMispCollection(
  attributes: readonly MispPart[],
  objects: readonly MispPart[],
  file: string,
  options: MispEventOptions,
): IntelItem[] {
  const m = new EventMapper(
    { file, created: '1970-01-01T00:00:00.000Z', identityRef: undefined },
    '$',
    options,
    null,
  );
  mapContents(m, attributes, objects);
  return m.items;
}
