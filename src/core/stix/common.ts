/**
 * Common data types of STIX 2.1 (OASIS STIX 2.1, §2 "Common Data Types" and §3 "Common
 * Properties"), shared by the object types in `sdo.ts`, `sro.ts`, `sco.ts` and `meta.ts`.
 * Every object type also allows custom properties (§11.1), hence the index signature on the
 * bases: they are kept as they came.
 */

/** `<object-type>--<UUID>` (§2.9). The template keeps the prefix visible in types. */
export type Identifier<T extends string = string> = `${T}--${string}`;

/** RFC 3339 in UTC with a literal `Z`, e.g. `2016-05-12T08:17:27.000Z` (§2.13). */
export type Timestamp = string;

/** Hash algorithm name → hex digest; the spec's names are `MD5`, `SHA-1`, `SHA-256`… (§2.7). */
export type Hashes = Readonly<Record<string, string>>;

/** §2.5 */
export interface ExternalReference {
  readonly source_name: string;
  readonly description?: string;
  readonly url?: string;
  readonly hashes?: Hashes;
  readonly external_id?: string;
}

/** §2.8 */
export interface KillChainPhase {
  readonly kill_chain_name: string;
  readonly phase_name: string;
}

/** §7.2.3: exactly one of `marking_ref` and `lang`. */
export interface GranularMarking {
  readonly marking_ref?: Identifier<'marking-definition'>;
  readonly lang?: string;
  /** Paths into the object such as `description` or `kill_chain_phases.[0].phase_name`. */
  readonly selectors: readonly string[];
}

/** The five kinds of extension an extension-definition can declare (§7.3). */
export type ExtensionType =
  'new-sdo' | 'new-sco' | 'new-sro' | 'property-extension' | 'toplevel-property-extension';

/** One entry of an object's `extensions` keyed by an extension-definition id (§3.2, §7.3). */
export interface ExtensionEntry {
  readonly extension_type?: ExtensionType;
  readonly [property: string]: unknown;
}

/** `extensions`: predefined `…-ext` names or `extension-definition--<UUID>` keys. */
export type Extensions = Readonly<Record<string, ExtensionEntry>>;

/** Properties every STIX 2.1 object may carry besides its own (custom ones included). */
interface CustomProperties {
  readonly [property: string]: unknown;
}

/** Common properties of SDOs, SROs and the meta objects that have versions (§3.2). */
export interface VersionedCommon extends CustomProperties {
  readonly spec_version: '2.1';
  readonly created_by_ref?: Identifier<'identity'>;
  /** At least millisecond precision. */
  readonly created: Timestamp;
  /** `modified ≥ created`. */
  readonly modified: Timestamp;
  readonly revoked?: boolean;
  readonly labels?: readonly string[];
  /** 0–100 (§4.14). */
  readonly confidence?: number;
  readonly lang?: string;
  readonly external_references?: readonly ExternalReference[];
  readonly object_marking_refs?: readonly Identifier<'marking-definition'>[];
  readonly granular_markings?: readonly GranularMarking[];
  readonly extensions?: Extensions;
}

/** Common properties of SCOs (§3.2): no `created`/`modified`, an optional `defanged`. */
export interface ObservableCommon extends CustomProperties {
  readonly spec_version?: '2.1';
  readonly object_marking_refs?: readonly Identifier<'marking-definition'>[];
  readonly granular_markings?: readonly GranularMarking[];
  readonly defanged?: boolean;
  /** Predefined `…-ext` entries (sco-extensions.ts) or extension-definition entries. */
  readonly extensions?: Readonly<Record<string, unknown>>;
}
