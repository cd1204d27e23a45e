/**
 * Inputs of the pattern benchmark: generated flow and event observations (seeded) and the
 * patterns measured on them, from the simplest indicator to multi-observation patterns.
 */
import { type Observation, buildObservation } from '../../src/core/observation.js';
import { Random } from '../../src/core/random.js';

/** The address the simple patterns look for; about 1 flow in 20 goes to it. */
export const HOT_IP = '198.51.100.1';

function ip(r: Random): string {
  return `${10 + r.int(200)}.${r.int(256)}.${r.int(256)}.${1 + r.int(254)}`;
}

const DOMAINS = ['example.com', 'cdn.example.net', 'login.example.org', 'evil.example', 'x.test'];
const PORTS = [22, 53, 80, 443, 445, 3389, 8080];

/**
 * `n` flow records as observations, one second apart: addresses, ports, protocol, bytes, and a
 * domain, URL and file hash on a third of them (what Zeek conn+http+files rows would give).
 */
export function makeFlows(n: number, seed: number): Observation[] {
  const r = new Random(seed);
  const out: Observation[] = [];
  for (let i = 0; i < n; i++) {
    const hot = r.int(20) === 0;
    const rich = r.int(3) === 0;
    const domain = DOMAINS[r.int(DOMAINS.length)]!;
    out.push(
      buildObservation({
        time: 1_700_000_000_000 + i * 1000,
        srcIp: ip(r),
        dstIp: hot ? HOT_IP : ip(r),
        srcPort: 1024 + r.int(60000),
        dstPort: PORTS[r.int(PORTS.length)]!,
        protocol: r.int(5) === 0 ? 'udp' : 'tcp',
        srcBytes: r.int(100_000),
        dstBytes: r.int(1_000_000),
        ...(rich
          ? {
              domain,
              url: `http://${domain}/p/${r.int(1000)}?q=${r.int(1e6)}`,
              hashes: { 'SHA-256': r.int(1e9).toString(16).padStart(64, '0') },
            }
          : {}),
        id: `flow-${i}`,
      }),
    );
  }
  return out;
}

/** Patterns that one observation satisfies on its own (indicator matching). */
export const SINGLE_PATTERNS: readonly { readonly name: string; readonly pattern: string }[] = [
  { name: 'ipv4 equality', pattern: `[ipv4-addr:value = '${HOT_IP}']` },
  {
    name: 'ref path + port (AND)',
    pattern: `[network-traffic:dst_ref.value = '${HOT_IP}' AND network-traffic:dst_port = 443]`,
  },
  { name: 'CIDR ISSUBSET', pattern: "[network-traffic:dst_ref.value ISSUBSET '198.51.100.0/24']" },
  { name: 'domain LIKE', pattern: "[domain-name:value LIKE '%.example.net']" },
  { name: 'url MATCHES', pattern: "[url:value MATCHES '^http://[a-z.]+\\\\.example/p/9[0-9]+']" },
  {
    name: 'OR of 1,000 addresses',
    pattern: `[${Array.from({ length: 1000 }, (_, i) => `ipv4-addr:value = '203.0.${i >> 8}.${i & 255}'`).join(' OR ')}]`,
  },
];

/** Patterns over several observations (stream matcher). */
export const STREAM_PATTERNS: readonly { readonly name: string; readonly pattern: string }[] = [
  {
    name: 'REPEATS 5 TIMES WITHIN 60 SECONDS',
    pattern: `[network-traffic:dst_ref.value = '${HOT_IP}'] REPEATS 5 TIMES WITHIN 60 SECONDS`,
  },
  {
    name: 'FOLLOWEDBY WITHIN 300 SECONDS',
    pattern:
      "([network-traffic:dst_port = 22] FOLLOWEDBY [domain-name:value = 'evil.example']) WITHIN 300 SECONDS",
  },
];

/** The catastrophic-backtracking pattern of the bar, and its input: n × 'a' then '!'. */
export const HOSTILE_REGEX = '(a+)+$';
export function hostileInput(n: number): string {
  return `${'a'.repeat(n)}!`;
}
