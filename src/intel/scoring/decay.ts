/**
 * How fast evidence about an indicator goes stale, per kind of indicator: exponential decay
 * with a half-life. The defaults and their reasons are in docs/intel-scoring.md.
 */
import type { IocType } from '../ioc/types.js';

/** Kinds that decay differently: the IOC types, and `pattern` for indicators that are not a simple value. */
export type ScoredKind = IocType | 'pattern';

export const DAY_MS = 86_400_000;

/**
 * Default half-lives in days. Addresses are reassigned within days to weeks (cloud, DHCP,
 * NAT), so they fade fastest; networks and URLs slower; domains are registered for a year or
 * more; a file hash never stops identifying its file, it only stops circulating.
 */
export const DEFAULT_HALF_LIVES_DAYS: Readonly<Record<ScoredKind, number>> = {
  ipv4: 14,
  ipv6: 14,
  url: 30,
  cidr4: 60,
  cidr6: 60,
  domain: 90,
  email: 180,
  pattern: 180,
  md5: 730,
  sha1: 730,
  sha256: 730,
};

/**
 * The weight left after `ageMs` with a half-life of `halfLifeDays`: `2^(−age / half-life)`;
 * 1 for an age ≤ 0 (a time in the future counts as now).
 *
 * @example decayFactor(14 * DAY_MS, 14) // 0.5
 */
export function decayFactor(ageMs: number, halfLifeDays: number): number {
  if (ageMs <= 0) return 1;
  return 2 ** (-ageMs / (halfLifeDays * DAY_MS));
}
