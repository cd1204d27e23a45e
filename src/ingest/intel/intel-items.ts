/**
 * What every intelligence parser yields: STIX 2.1 objects with where they came from, and the
 * parts of the input it could not turn into objects (with where and why). Objects are not yet
 * validated: `knowledge/` validates, merges and stores them.
 */
import type { SourceLocation } from '../../core/errors.js';
import type { StixObject } from '../../core/stix/object.js';

export interface IntelObjectItem {
  readonly kind: 'object';
  readonly object: StixObject;
  /** File, line and JSON path of what the object was made from. */
  readonly location: SourceLocation;
  /**
   * True for objects ThreatMesh makes from a feed (IOC lists): their ids derive from their
   * content, so the same indicator from several feeds is one object whose per-source reports
   * (`x_threatmesh_sources`) are merged.
   */
  readonly minted?: boolean;
}

export interface IntelRejectedItem {
  readonly kind: 'rejected';
  readonly location: SourceLocation;
  readonly reason: string;
}

/** Something worth telling the user that is not an error ("upgraded from STIX 2.0"). */
export interface IntelNoteItem {
  readonly kind: 'note';
  readonly text: string;
}

export type IntelItem = IntelObjectItem | IntelRejectedItem | IntelNoteItem;

/** Progress of one input: bytes read so far and the total, when known. */
export type BytesProgress = (read: number, total: number | undefined) => void;
