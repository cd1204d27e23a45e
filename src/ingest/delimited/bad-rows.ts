/**
 * What happens to a malformed row: with policy 'fail' it becomes a located ThreatMeshError,
 * with 'skip' it is counted under its reason (DESIGN.md: `--on-bad-row fail|skip`).
 */
import { badInput } from '../../core/errors.js';

export type BadRowPolicy = 'fail' | 'skip';

export interface SkippedReason {
  reason: string;
  count: number;
  firstLine: number;
}

export interface SkippedRows {
  readonly count: number;
  readonly reasons: readonly SkippedReason[];
}

/** A problem with one row. `reason` groups rows in the skip summary; `message` is specific. */
export interface RowProblem {
  readonly reason: string;
  readonly message: string;
  readonly hint: string;
  readonly line: number;
  readonly column: number;
}

/** Appended to row hints so that every row error says how to go on without fixing the file. */
export const SKIP_HINT = 'or skip such rows (--on-bad-row skip)';

export class BadRowLog {
  private readonly byReason = new Map<string, SkippedReason>();
  private total = 0;

  constructor(
    private readonly file: string,
    readonly policy: BadRowPolicy,
  ) {}

  /** Record a bad row; throws BAD_INPUT when the policy is 'fail'. */
  report(p: RowProblem): void {
    if (this.policy === 'fail') {
      throw badInput(p.message, {
        location: { file: this.file, line: p.line, column: p.column },
        hint: p.hint,
      });
    }
    this.total++;
    const entry = this.byReason.get(p.reason);
    if (entry) entry.count++;
    else this.byReason.set(p.reason, { reason: p.reason, count: 1, firstLine: p.line });
  }

  get count(): number {
    return this.total;
  }

  summary(): SkippedRows {
    return { count: this.total, reasons: [...this.byReason.values()].map((r) => ({ ...r })) };
  }
}
