/**
 * Confidence on the STIX 2.1 scale (§3.2 `confidence`: an integer 0–100, 0 = no confidence,
 * 100 = certain) and how the confidences of several sources combine.
 */
import { badInput } from '../../core/errors.js';

/**
 * Noisy-OR of source confidences: each source independently asserts "malicious" with its
 * confidence as probability, and the claim stands unless every source is wrong:
 * `100 × (1 − Π (1 − cᵢ/100))`. Properties: the order of sources does not matter; one source
 * gives its own confidence; adding a source never lowers the result; the result is at least
 * the largest input and reaches 100 only if some source is certain. Independence is an
 * assumption (feeds copy each other): weight a source down with a trust factor before calling
 * this (see mergeReports).
 *
 * @returns the combined confidence, 0–100 (not rounded).
 * @throws ThreatMeshError BAD_INPUT for a value outside 0–100.
 * @example combineConfidence([60, 50]) // 80
 */
export function combineConfidence(confidences: readonly number[]): number {
  let miss = 1;
  confidences.forEach((c, i) => {
    checkConfidence(c, `$[${i}]`);
    miss *= 1 - c / 100;
  });
  return 100 * (1 - miss);
}

/**
 * The STIX integer for a combined confidence (rounded half up, clamped to 0–100).
 *
 * @example toStixConfidence(79.6) // 80
 */
export function toStixConfidence(c: number): number {
  return Math.min(100, Math.max(0, Math.round(c)));
}

/**
 * Throws unless `c` is a number in 0–100.
 *
 * @example checkConfidence(101, '$.confidence') // throws BAD_INPUT at $.confidence
 */
export function checkConfidence(c: number, path: string): void {
  if (typeof c !== 'number' || !(c >= 0 && c <= 100)) {
    throw badInput(`confidence ${String(c)} is outside 0–100`, {
      location: { path },
      hint: 'STIX 2.1 confidence is an integer from 0 (none) to 100 (certain)',
    });
  }
}
