/**
 * The score of an indicator now: how much an analyst or a detector should trust that matching
 * it means something bad. One documented function of the combined source confidence, the
 * sightings (how many, how recent, false-positive reports) and the age of the evidence with a
 * per-kind half-life (docs/intel-scoring.md has the formula and the table of defaults).
 */
import { badInput } from '../../core/errors.js';
import { checkConfidence } from './confidence.js';
import { DEFAULT_HALF_LIVES_DAYS, decayFactor, type ScoredKind } from './decay.js';

/** One sighting (STIX 2.1 §5.2 `sighting`, MISP sighting types 0 and 1). Times in ms since the epoch. */
export interface Sighting {
  /** When it was seen (`last_seen`, else `first_seen`, else `created`). */
  readonly at: number;
  /** How many times (`count`, default 1). */
  readonly count?: number;
  /** A report that matching it was a false positive (MISP sighting type 1). */
  readonly falsePositive?: boolean;
}

export interface ScoreInput {
  readonly kind: ScoredKind;
  /** Combined source confidence, 0–100 (mergeReports). */
  readonly confidence: number;
  /** When a source last asserted it. */
  readonly lastReported: number;
  readonly sightings?: readonly Sighting[];
  readonly validUntil?: number;
  readonly revoked?: boolean;
}

export interface ScoreOptions {
  /** Half-lives in days, per kind, overriding DEFAULT_HALF_LIVES_DAYS. */
  readonly halfLivesDays?: Partial<Record<ScoredKind, number>>;
  /** The most sightings can add, as a probability (σ, default 0.5). */
  readonly sightingWeight?: number;
  /** Recent sightings that give half of σ (n½, default 3). */
  readonly sightingsForHalf?: number;
}

/** The score and the terms it is made of. */
export interface ScoreBreakdown {
  /** 0–100. */
  readonly score: number;
  /** C: combined confidence as a probability. */
  readonly confidence: number;
  /** n_eff: sightings weighted by recency. */
  readonly recentSightings: number;
  /** S = 1 − 2^(−n_eff / n½). */
  readonly sightingSupport: number;
  /** B = 1 − (1 − C)(1 − σS). */
  readonly base: number;
  /** When it was last asserted or seen (ms). */
  readonly lastActivity: number;
  /** D = 2^(−age / half-life), age since lastActivity. */
  readonly decay: number;
  /** P = 2^(−false positives). */
  readonly falsePositivePenalty: number;
  readonly halfLifeDays: number;
  /** Revoked, or past validUntil: the score is 0. */
  readonly expired: boolean;
}

/**
 * Scores an indicator at time `now` (ms since the epoch):
 *
 * `score = 100 × B × D × P`, with B = 1 − (1 − C)(1 − σS), S = 1 − 2^(−n_eff/n½),
 * n_eff = Σ countⱼ × 2^(−(now − tⱼ)/h) over positive sightings, D = 2^(−(now − L)/h) with L the
 * later of the last report and the last positive sighting, P = 2^(−Σ false-positive counts),
 * h the kind's half-life; 0 when revoked or `now` is past `validUntil`.
 *
 * Guarantees (tested): 0 ≤ score ≤ 100; a further positive sighting never lowers it; a later
 * `now` never raises it; more confidence never lowers it; a false-positive report never raises
 * it. False-positive reports do not decay: they stand until withdrawn (with decay, the score
 * would climb back as they age, breaking the second guarantee).
 *
 * @throws ThreatMeshError BAD_INPUT for a confidence outside 0–100 or a non-finite time.
 * @example scoreIndicator({ kind: 'ipv4', confidence: 80, lastReported: now - 14 * DAY_MS }, now).score // 40
 */
export function scoreIndicator(
  input: ScoreInput,
  now: number,
  options: ScoreOptions = {},
): ScoreBreakdown {
  checkConfidence(input.confidence, '$.confidence');
  checkTime(input.lastReported, '$.lastReported');
  checkTime(now, '$.now');
  const h = options.halfLivesDays?.[input.kind] ?? DEFAULT_HALF_LIVES_DAYS[input.kind];
  const sigma = options.sightingWeight ?? 0.5;
  const nHalf = options.sightingsForHalf ?? 3;
  checkOption(h > 0, `$.halfLivesDays.${input.kind}`, `half-life ${h}`, 'a number of days above 0');
  checkOption(
    sigma >= 0 && sigma <= 1,
    '$.sightingWeight',
    `sighting weight ${sigma}`,
    'a probability from 0 to 1',
  );
  checkOption(nHalf > 0, '$.sightingsForHalf', `sightings for half ${nHalf}`, 'a count above 0');
  let recent = 0;
  let falsePositives = 0;
  let lastActivity = input.lastReported;
  (input.sightings ?? []).forEach((s, i) => {
    checkTime(s.at, `$.sightings[${i}].at`);
    const count = s.count ?? 1;
    if (!(count >= 0))
      throw badInput(`sighting count ${count} is negative`, {
        location: { path: `$.sightings[${i}].count` },
        hint: 'a count of 0 or more',
      });
    if (s.falsePositive) {
      falsePositives += count;
    } else if (count > 0) {
      recent += count * decayFactor(now - s.at, h);
      lastActivity = Math.max(lastActivity, s.at);
    }
  });
  const c = input.confidence / 100;
  const support = 1 - 2 ** (-recent / nHalf);
  const base = 1 - (1 - c) * (1 - sigma * support);
  const decay = decayFactor(now - lastActivity, h);
  const penalty = 2 ** -falsePositives;
  const expired =
    input.revoked === true || (input.validUntil !== undefined && now > input.validUntil);
  return {
    score: expired ? 0 : 100 * base * decay * penalty,
    confidence: c,
    recentSightings: recent,
    sightingSupport: support,
    base,
    lastActivity,
    decay,
    falsePositivePenalty: penalty,
    halfLifeDays: h,
    expired,
  };
}

function checkOption(ok: boolean, path: string, what: string, hint: string): void {
  if (!ok) throw badInput(`${what} is out of range`, { location: { path }, hint });
}

function checkTime(t: number, path: string): void {
  if (!Number.isFinite(t)) {
    throw badInput('not a time', {
      location: { path },
      hint: 'milliseconds since the Unix epoch, e.g. Date.parse(timestamp)',
    });
  }
}
