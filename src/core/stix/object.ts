/**
 * The common shape of every STIX 2.1 object (SDO, SRO, SCO, marking definition, extension
 * definition…). The full typed model lives beside this file; storage and transport code need
 * only these properties and keep everything else as it came (custom properties included).
 */
export interface StixObject {
  readonly type: string;
  /** `<type>--<UUID>`. */
  readonly id: string;
  readonly spec_version?: string;
  /** RFC 3339 timestamps with millisecond (or finer) precision; absent on SCOs. */
  readonly created?: string;
  readonly modified?: string;
  readonly created_by_ref?: string;
  readonly revoked?: boolean;
  readonly labels?: readonly string[];
  readonly confidence?: number;
  readonly object_marking_refs?: readonly string[];
  readonly granular_markings?: readonly {
    readonly marking_ref?: string;
    readonly lang?: string;
    readonly selectors: readonly string[];
  }[];
  readonly extensions?: Readonly<Record<string, unknown>>;
  readonly [property: string]: unknown;
}

export interface StixBundle {
  readonly type: 'bundle';
  readonly id: string;
  readonly objects: readonly StixObject[];
}
