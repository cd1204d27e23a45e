/**
 * What an import did, as `threatmesh intel import --json` prints it: objects created, updated
 * and unchanged in the store, the parts of the input rejected with where and why, and what was
 * read from each file.
 */
import { formatLocation, type SourceLocation } from '../core/errors.js';

export interface Rejection {
  /** `file:line:column $.json.path`. */
  readonly location: string;
  readonly reason: string;
}

export interface FileSummary {
  readonly file: string;
  readonly format: string;
  readonly source: string;
  /** Objects read (valid or not). */
  readonly objects: number;
  readonly rejected: number;
}

export interface ImportSummary {
  readonly created: number;
  readonly updated: number;
  readonly unchanged: number;
  readonly rejected: number;
  /** The first rejections (all of them up to `MAX_LISTED`), in input order. */
  readonly rejections: readonly Rejection[];
  readonly files: readonly FileSummary[];
  /** Transactions written (one per batch of objects). */
  readonly batches: number;
  /** Things worth knowing that are not errors ("24,771 STIX 2.0 objects upgraded to 2.1"). */
  readonly notes: readonly string[];
  readonly seconds: number;
}

/** Rejections listed in full; beyond this only counted (a broken 1 GB feed must not flood). */
export const MAX_LISTED = 1000;

/** Collects counts while an import runs. */
export class SummaryBuilder {
  created = 0;
  updated = 0;
  unchanged = 0;
  rejected = 0;
  batches = 0;
  readonly rejections: Rejection[] = [];
  readonly files: FileSummary[] = [];
  readonly notes: string[] = [];
  private readonly started = performance.now();

  reject(location: SourceLocation, reason: string): void {
    this.rejected++;
    if (this.rejections.length < MAX_LISTED)
      this.rejections.push({ location: formatLocation(location), reason });
  }

  build(): ImportSummary {
    const notes = [...this.notes];
    if (this.rejected > this.rejections.length) {
      notes.push(
        `${this.rejected - this.rejections.length} more rejections are counted but not listed`,
      );
    }
    return {
      created: this.created,
      updated: this.updated,
      unchanged: this.unchanged,
      rejected: this.rejected,
      rejections: this.rejections,
      files: this.files,
      batches: this.batches,
      notes,
      seconds: (performance.now() - this.started) / 1000,
    };
  }
}
