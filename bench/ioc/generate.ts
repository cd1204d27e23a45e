/**
 * A generated, seeded, realistic mix of indicators and of lookups for the IOC index benchmark.
 *
 * Indicators (shares of the total): IPv4 addresses 42 % (60 % of them inside 3,000 "hosting"
 * /16 blocks, as blocklists cluster in hosting networks; 40 % anywhere public), IPv4 networks
 * 6 % (/24 55 %, /25–/29 30 %, /16–/23 15 %, /12–/15 one in 500: network blocklists hold
 * few networks larger than a /16), IPv6 2 %
 * (addresses and /32, /48, /64 networks), domains 30 % (a third with one or two sub-domain
 * labels, common and abused TLDs), MD5 6 %, SHA-1 4 %, SHA-256 10 %. 2 % of the indicators
 * repeat an earlier value (the same IOC from two feeds). Nothing the sanity rules flag is kept.
 *
 * Lookups: IPv4 55 %, IPv6 3 %, domains 27 %, hashes 15 %; 20 % of them hit (an indexed
 * address, an address inside an indexed network, an indexed domain or a sub-domain of one, an
 * indexed hash), the rest are fresh random values (which can still fall in an indexed network;
 * missing IPv4 addresses come 30 % from the same hosting blocks, 70 % from anywhere).
 */
import { Random } from '../../src/core/random.js';
import { formatIPv4, formatIPv6 } from '../../src/intel/ioc/ip-address.js';
import { parseIocValue } from '../../src/intel/ioc/ioc-value.js';
import { SanityRules } from '../../src/intel/ioc/sanity-rules.js';
import type { IocType, LookupType } from '../../src/intel/ioc/types.js';

export interface Generated {
  readonly types: IocType[];
  readonly values: string[];
  readonly ids: string[];
}

export interface Queries {
  readonly types: LookupType[];
  readonly values: string[];
}

// prettier-ignore
const TLDS = ['com', 'com', 'com', 'com', 'com', 'net', 'net', 'org', 'ru', 'ru', 'xyz', 'top', 'info',
  'cn', 'io', 'online', 'site', 'biz', 'de', 'uk', 'br', 'in', 'club', 'shop', 'tk', 'pw', 'cc', 'su'];
const SYLLABLES =
  'ka ri mo ne su ta lo vi pe an el or un ix ex qu zo ba de fi gu ho ja ku ly ma ny op ra st th'.split(
    ' ',
  );

function hex(rng: Random, digits: number): string {
  let s = '';
  for (let i = 0; i < digits; i++) s += '0123456789abcdef'[rng.int(16)];
  return s;
}

function uuid(rng: Random): string {
  const h = hex(rng, 32);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20)}`;
}

function label(rng: Random): string {
  let s = '';
  // Three to six syllables: random names rarely collide, so misses stay misses.
  const n = 3 + rng.int(4);
  for (let i = 0; i < n; i++) s += SYLLABLES[rng.int(SYLLABLES.length)];
  return rng.next() < 0.2 ? `${s}${rng.int(100)}` : s;
}

function domain(rng: Random): string {
  const base = `${label(rng)}.${TLDS[rng.int(TLDS.length)]}`;
  const r = rng.next();
  if (r < 0.2) return `${label(rng)}.${base}`;
  if (r < 0.33) return `${label(rng)}.${label(rng)}.${base}`;
  return base;
}

function ipv4(rng: Random, hot: Uint32Array, hotShare = 0.6): number {
  if (rng.next() < hotShare) return (hot[rng.int(hot.length)]! | rng.int(65536)) >>> 0;
  return (rng.int(0x10000) * 0x10000 + rng.int(0x10000)) >>> 0;
}

function ipv6(rng: Random): string {
  // Inside 2400::/6, global unicast allocated to registries, clear of every special range.
  const w = Uint32Array.of(
    0x24000000 + rng.int(0x4000000),
    rng.int(2 ** 32),
    rng.int(2 ** 32),
    rng.int(2 ** 32),
  );
  return formatIPv6(w);
}

function cidrLength(rng: Random): number {
  const r = rng.next();
  if (r < 0.55) return 24;
  if (r < 0.85) return 25 + rng.int(5);
  if (r < 0.998) return 16 + rng.int(8);
  return 12 + rng.int(4);
}

function hostingBlocks(rng: Random): Uint32Array {
  const hot = new Uint32Array(3000);
  for (let i = 0; i < hot.length; i++)
    hot[i] = ((1 + rng.int(222)) * 0x1000000 + rng.int(256) * 0x10000) >>> 0;
  return hot;
}

/**
 * `n` indicators with STIX ids, the mix above, seeded.
 *
 * @example const g = generateIndicators(1000, 1); g.values.length // 1000
 */
export function generateIndicators(n: number, seed: number): Generated {
  const rng = new Random(seed);
  const hot = hostingBlocks(rng.fork(1));
  const rules = new SanityRules();
  const types: IocType[] = [];
  const values: string[] = [];
  const ids: string[] = [];
  while (values.length < n) {
    let type: IocType;
    let value: string;
    const r = rng.next();
    if (values.length > 0 && rng.next() < 0.02) {
      const k = rng.int(values.length);
      type = types[k]!;
      value = values[k]!;
    } else if (r < 0.42) {
      type = 'ipv4';
      value = formatIPv4(ipv4(rng, hot));
    } else if (r < 0.48) {
      const len = cidrLength(rng);
      const mask = len === 0 ? 0 : (0xffffffff << (32 - len)) >>> 0;
      type = 'cidr4';
      value = `${formatIPv4((ipv4(rng, hot) & mask) >>> 0)}/${len}`;
    } else if (r < 0.5) {
      const len = [128, 128, 128, 64, 48, 32][rng.int(6)]!;
      type = len === 128 ? 'ipv6' : 'cidr6';
      value = len === 128 ? ipv6(rng) : `${ipv6(rng)}/${len}`;
      value = formatParsedNetwork(type, value);
    } else if (r < 0.8) {
      type = 'domain';
      value = domain(rng);
    } else if (r < 0.86) {
      type = 'md5';
      value = hex(rng, 32);
    } else if (r < 0.9) {
      type = 'sha1';
      value = hex(rng, 40);
    } else {
      type = 'sha256';
      value = hex(rng, 64);
    }
    if (rules.check(parseIocValue(type, value)).some((w) => w.blocking)) continue;
    types.push(type);
    values.push(value);
    ids.push(`indicator--${uuid(rng)}`);
  }
  return { types, values, ids };
}

/** An IPv6 network in canonical form with host bits cleared. */
function formatParsedNetwork(type: IocType, value: string): string {
  const p = parseIocValue(type, value);
  if (p.kind !== 'ip6') return value;
  return p.length === 128 ? formatIPv6(p.words) : `${formatIPv6(p.words)}/${p.length}`;
}

/**
 * `n` lookups against generated indicators, 20 % of them hits, seeded.
 *
 * @example generateQueries(generateIndicators(1000, 1), 100, 2).values.length // 100
 */
export function generateQueries(g: Generated, n: number, seed: number): Queries {
  const rng = new Random(seed);
  const hot = hostingBlocks(new Random(1).fork(1));
  const byType = new Map<string, number[]>();
  g.types.forEach((t, i) => {
    const key = t === 'cidr4' ? 'ipv4' : t === 'cidr6' ? 'ipv6' : t;
    let list = byType.get(key);
    if (!list) byType.set(key, (list = []));
    list.push(i);
  });
  const pick = (t: string) => {
    const list = byType.get(t)!;
    return list[rng.int(list.length)]!;
  };
  const types: LookupType[] = [];
  const values: string[] = [];
  for (let q = 0; q < n; q++) {
    const r = rng.next();
    const hit = rng.next() < 0.2;
    const t: LookupType =
      r < 0.55
        ? 'ipv4'
        : r < 0.58
          ? 'ipv6'
          : r < 0.85
            ? 'domain'
            : r < 0.89
              ? 'md5'
              : r < 0.92
                ? 'sha1'
                : 'sha256';
    let v: string;
    if (!hit) {
      if (t === 'ipv4') v = formatIPv4(ipv4(rng, hot, 0.3));
      else if (t === 'ipv6') v = ipv6(rng);
      else if (t === 'domain') v = rng.next() < 0.5 ? `www.${domain(rng)}` : domain(rng);
      else v = hex(rng, t === 'md5' ? 32 : t === 'sha1' ? 40 : 64);
    } else {
      const i = pick(t);
      const indicator = g.values[i]!;
      if (t === 'ipv4' && g.types[i] === 'cidr4') {
        const [net, len] = indicator.split('/') as [string, string];
        const p = parseIocValue('ipv4', net);
        const host = rng.int(2 ** (32 - Number(len)));
        v = formatIPv4(((p.kind === 'ip4' ? p.network : 0) + host) >>> 0);
      } else if (t === 'ipv6' && g.types[i] === 'cidr6') {
        v = indicator.split('/')[0]!.replace(/::$/, '::1');
      } else if (t === 'domain' && rng.next() < 0.5) {
        v = `${['www', 'cdn', 'mail', label(rng)][rng.int(4)]}.${indicator}`;
      } else {
        v = indicator;
      }
    }
    types.push(t);
    values.push(v);
  }
  return { types, values };
}
