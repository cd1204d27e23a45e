/**
 * What each field of a delimited flow file becomes, decided by a data set's loader from the
 * header (or from its fixed layout) before any row is decoded.
 */

/** A numeric feature column. `inferred` = typed from a sample, so a later bad value hints at an override. */
export interface NumericField {
  readonly kind: 'numeric';
  readonly name: string;
  readonly inferred?: boolean;
}

export interface CategoricalField {
  readonly kind: 'categorical';
  readonly name: string;
}

/** A label-like column kept out of the features (labels, attack categories). */
export interface TargetField {
  readonly kind: 'target';
  readonly name: string;
  /** Canonical name of a raw value, or undefined when the value is not a known label. */
  readonly canonical: (raw: string) => string | undefined;
  /** How to fix an unknown label (names the known ones). */
  readonly unknownHint: string;
  /** Bytes that are not UTF-8 in this field are read as Windows-1252 (CIC-IDS2017 labels). */
  readonly windows1252?: boolean;
}

/** A column read past and dropped (an id, NSL-KDD's difficulty level). */
export interface DroppedField {
  readonly kind: 'drop';
  readonly name: string;
}

export type FieldSpec = NumericField | CategoricalField | TargetField | DroppedField;

export interface TableSchema {
  readonly fields: readonly FieldSpec[];
  /** What a row holds, for field-count hints: "41 features, the label and the difficulty level". */
  readonly rowShape: string;
  /** What the loader decided on its own (renamed, dropped, missing columns). */
  readonly notes: readonly string[];
}

/** The header line as read: trimmed of nothing, unquoted. */
export interface HeaderLine {
  readonly names: readonly string[];
  readonly line: number;
}

/** How a loader lays out a file: header or not, how many rows to sample, and the schema. */
export interface TablePlan {
  /** Whether the first non-blank line is a header. */
  readonly header: boolean;
  /** Data rows to collect before `resolve` (for type inference); 0 for a fixed layout. */
  readonly sampleRows: number;
  /**
   * The schema for this file. `sample` holds the split fields of up to `sampleRows` first data
   * rows. Throws a located ThreatMeshError when the header cannot be used.
   */
  resolve(header: HeaderLine | undefined, sample: readonly (readonly string[])[]): TableSchema;
}
