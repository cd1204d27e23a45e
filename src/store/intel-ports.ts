/**
 * Intelligence ports (issue 6, item 2): STIX 2.1 objects with every version, their owners,
 * provenance and effective markings, the relationship/sighting graph, full-text search and
 * keyset-paged listing. Implemented by store/sqlite and store/postgres; both pass the one suite
 * in test/store/. Asynchronous like every port (docs/decisions/0007-async-store-ports.md).
 */
import type { StixObject } from '../core/stix/object.js';
import type { Store } from './ports.js';
import type { TlpLevel } from '../core/stix/tlp.js';

export type { TlpLevel } from '../core/stix/tlp.js';

/** Where an object came from. Absent peer/file are stored as absent, not as empty text. */
export interface ProvenanceInput {
  /** Feed or tool name: "mitre-attack", "blocklist.de", "manual". */
  readonly source: string;
  /** The TAXII peer it was pulled from, when shared by a partner. */
  readonly peer?: string;
  /** The imported file, when it came from one. */
  readonly file?: string;
}

export interface Provenance {
  readonly source: string;
  readonly peer: string | null;
  readonly file: string | null;
  /** When this source first delivered the object (RFC 3339). */
  readonly addedAt: string;
}

/** Which rule decided an object's marking: its own TLP marking, its collection's, its owner's. */
export type MarkingSource = 'object' | 'collection' | 'organisation';

export interface EffectiveMarking {
  readonly tlp: TlpLevel;
  /** The TLP 2.0 marking-definition id of `tlp`. */
  readonly markingRef: string;
  readonly source: MarkingSource;
}

/** One stored version of an object, with what the store knows about the object. */
export interface StoredIntelObject {
  /** The version's content exactly as imported (keys sorted). */
  readonly object: StixObject;
  readonly id: string;
  readonly type: string;
  /** `modified` of this version; null for objects without one (SCOs, marking definitions). */
  readonly modified: string | null;
  /**
   * When this version entered the store: RFC 3339 with microseconds, unique and strictly
   * increasing per store (TAXII 2.1 §3.4.1 `date_added`).
   */
  readonly dateAdded: string;
  /** The store's change sequence when this version was written. */
  readonly seq: number;
  /** Owning organisation id. */
  readonly owner: string;
  readonly collection: string | null;
  readonly marking: EffectiveMarking;
  /** Whether this version says `revoked: true`. */
  readonly revoked: boolean;
  /** Every source that delivered the object, first first. */
  readonly provenance: readonly Provenance[];
}

export interface UpsertBatch {
  readonly objects: readonly StixObject[];
  readonly provenance: ProvenanceInput;
  /** Owner of objects new to the store; default: the local organisation. */
  readonly owner?: string;
  /** Per-object owner when the source names one (e.g. a partner's identity); else `owner`. */
  readonly ownerOf?: (object: StixObject) => string | undefined;
  /** Collection of objects new to the store (its default marking applies to them). */
  readonly collection?: string;
}

/**
 * What a batch did. created: ids new to the store; updated: a version added (newer or older
 * than the latest) or an existing version's content replaced; unchanged: the same id, modified
 * and content were already stored.
 */
export interface UpsertResult {
  readonly created: number;
  readonly updated: number;
  readonly unchanged: number;
  /** The change sequence after the batch (unchanged when the batch changed nothing). */
  readonly seq: number;
}

/** Filters shared by listing and search. Bounds on `modified` are inclusive. */
export interface IntelFilter {
  readonly types?: readonly string[];
  readonly label?: string;
  /** Effective TLP level. */
  readonly tlp?: TlpLevel;
  readonly owner?: string;
  readonly collection?: string;
  readonly modifiedFrom?: string;
  readonly modifiedTo?: string;
  /** true: revoked objects only; false: none; absent: both. */
  readonly revoked?: boolean;
}

export interface IntelListQuery extends IntelFilter {
  /** Latest versions changed after this `dateAdded` (exclusive). */
  readonly addedAfter?: string;
  /** Latest versions written after this change sequence (exclusive). */
  readonly changedAfterSeq?: number;
  /** Page size, 1–1000 (default 100). */
  readonly limit?: number;
  /** `next` of the previous page. */
  readonly cursor?: string;
}

/** A page in `dateAdded` order; `next` is absent on the last page. */
export interface IntelPage {
  readonly items: readonly StoredIntelObject[];
  readonly next?: string;
}

export interface IntelSearchQuery extends IntelFilter {
  /** Most results, 1–500 (default 20). */
  readonly limit?: number;
}

export interface IntelStats {
  readonly objects: number;
  readonly versions: number;
  readonly revoked: number;
  readonly edges: number;
  readonly byType: Readonly<Record<string, number>>;
}

export interface IntelObjects {
  /**
   * Insert or update objects in ONE transaction: a failure leaves nothing. Same id + modified +
   * content: unchanged; a newer modified: a new latest version; an older one: kept as an older
   * version; same modified with other content: that version is replaced. Objects without
   * `modified` (SCOs) have one version. Provenance is recorded for every object of the batch.
   */
  upsert(batch: UpsertBatch): Promise<UpsertResult>;
  /** The latest version. */
  get(id: string): Promise<StoredIntelObject | undefined>;
  /** One version by its `modified` (any RFC 3339 spelling of the same instant). */
  getVersion(id: string, modified: string): Promise<StoredIntelObject | undefined>;
  /** Every version, oldest first; empty for an unknown id. */
  versions(id: string): Promise<StoredIntelObject[]>;
  /**
   * Revoke an SDO/SRO: a new version with `revoked: true` and a later `modified`. Revoking a
   * revoked object returns it unchanged; an SCO or unknown id is an error.
   */
  revoke(id: string, provenance: ProvenanceInput): Promise<StoredIntelObject>;
  /** Latest versions matching the filter, in `dateAdded` order, keyset-paged. */
  list(query?: IntelListQuery): Promise<IntelPage>;
  /**
   * Full-text search over name, description, labels, aliases and external ids of the latest
   * versions; every word must occur (a trailing `*` matches a prefix); best match first.
   */
  search(text: string, query?: IntelSearchQuery): Promise<StoredIntelObject[]>;
  stats(): Promise<IntelStats>;
}

/** How an edge was made: an SRO `relationship`, a `sighting`, or an embedded `object_refs`. */
export type EdgeKind = 'relationship' | 'sighting' | 'reference';

export interface GraphEdge {
  /** The SRO (or containing object) that makes the edge. */
  readonly id: string;
  readonly kind: EdgeKind;
  /**
   * `relationship_type` for relationships; `sighting-of`, `observed-data`, `where-sighted` from
   * a sighting to its refs; `object-ref` from a report/grouping/note/opinion/observed-data.
   */
  readonly type: string;
  readonly source: string;
  readonly target: string;
}

export interface GraphNode {
  readonly id: string;
  /** From the id (`type--uuid`), so dangling refs have one too. */
  readonly type: string;
  /** Hops from the start. */
  readonly depth: number;
}

export interface NeighbourQuery {
  /** Hops, 1–5 (default 1). */
  readonly depth?: number;
  /** Follow edges out of (source = node), into, or both ways (default). */
  readonly direction?: 'out' | 'in' | 'both';
  /** Only these edge types (GraphEdge.type). */
  readonly edgeTypes?: readonly string[];
  /** Most nodes, 1–10000 (default 1000); `truncated` says when it was reached. */
  readonly limit?: number;
}

export interface GraphResult {
  readonly root: string;
  readonly nodes: readonly GraphNode[];
  readonly edges: readonly GraphEdge[];
  readonly truncated: boolean;
}

export interface IntelGraph {
  /** Breadth-first neighbours of a stored object; NOT_FOUND for an unknown id. */
  neighbours(id: string, query?: NeighbourQuery): Promise<GraphResult>;
}

/** Id of the instance's own organisation, which every store has from its creation. */
export const LOCAL_ORGANISATION_ID = 'org_local';

export interface Organisation {
  readonly id: string;
  readonly name: string;
  /** Marking of its objects that have no TLP marking and no collection default. */
  readonly defaultTlp: TlpLevel;
  readonly createdAt: string;
}

export interface Organisations {
  /** The instance's own organisation, created with the store (default TLP:AMBER). */
  local(): Promise<Organisation>;
  /** CONFLICT when the name is taken. */
  create(input: { name: string; defaultTlp?: TlpLevel }): Promise<Organisation>;
  /** By id or name. */
  find(idOrName: string): Promise<Organisation | undefined>;
  list(): Promise<Organisation[]>;
  setDefaultTlp(id: string, tlp: TlpLevel): Promise<Organisation>;
}

export interface IntelCollection {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  /** Marking of its objects that carry no TLP marking; null: the owner's default applies. */
  readonly defaultTlp: TlpLevel | null;
  readonly createdAt: string;
}

export interface IntelCollections {
  /** `id` defaults to a new UUID (TAXII 2.1 collection ids are UUIDs); CONFLICT if taken. */
  create(input: {
    id?: string;
    title: string;
    description?: string;
    defaultTlp?: TlpLevel;
  }): Promise<IntelCollection>;
  get(id: string): Promise<IntelCollection | undefined>;
  list(): Promise<IntelCollection[]>;
}

export interface IntelStore {
  readonly objects: IntelObjects;
  readonly graph: IntelGraph;
  readonly organisations: Organisations;
  readonly collections: IntelCollections;
}

/** A store with the intelligence ports: what app/ builds and services receive. */
export interface StoreWithIntel extends Store {
  readonly intel: IntelStore;
}
