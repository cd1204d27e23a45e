/**
 * Sanity rules: which indicator values are doubtful and why (in the spirit of the MISP warning
 * lists). A doubtful value is still indexed, but does not match unless added with `force`.
 */
import {
  BENIGN_DOMAINS,
  MULTI_LABEL_PUBLIC_SUFFIXES,
  USER_CONTENT_DOMAINS,
} from './benign-domains.js';
import { domainSuffixes, normaliseDomain } from './domain-name.js';
import {
  formatIPv4,
  ipv4Mask,
  isIPv4Mapped,
  maskIPv6,
  parseIPv4,
  parseIPv6,
} from './ip-address.js';
import { formatParsed, HASH_NAMES, parseIocValue, type ParsedValue } from './ioc-value.js';
import {
  EMPTY_INPUT_HASHES,
  PUBLIC_RESOLVERS,
  SPECIAL_IPV4,
  SPECIAL_IPV6,
  SPECIAL_NAMES,
} from './special-addresses.js';
import type { SanityCode, SanityWarning } from './types.js';

export interface SanityOptions {
  /**
   * IPv4 networks shorter than this are `too-broad` (default 8: a /8 is the block IANA gives a
   * regional registry, so anything larger spans registries).
   */
  readonly minPrefixV4?: number;
  /** IPv6 networks shorter than this are `too-broad` (default 12, IANA's RIR allocation size). */
  readonly minPrefixV6?: number;
  /** Rules to switch off (for example `private` for an organisation hunting inside its network). */
  readonly ignore?: readonly SanityCode[];
  /** More legitimate domains (the organisation's own), flagged like the bundled list. */
  readonly extraBenignDomains?: readonly string[];
}

/** Range codes that also flag a network CONTAINING the range: it would fire on internal traffic. */
const CONTAINMENT_MATTERS = new Set<SanityCode>(['private', 'loopback', 'link-local']);

interface Range4 {
  readonly net: number;
  readonly len: number;
  readonly code: SanityCode;
  readonly text: string;
}
interface Range6 {
  readonly net: Uint32Array;
  readonly len: number;
  readonly code: SanityCode;
  readonly text: string;
}

/**
 * The rule set, built once per index.
 *
 * @example
 * new SanityRules().check(parseIocValue('cidr4', '10.0.0.0/16'));
 * // [{ code: 'private', message: '10.0.0.0/16 is in 10.0.0.0/8: private-use (RFC 1918)', blocking: true }]
 */
export class SanityRules {
  private readonly minV4: number;
  private readonly minV6: number;
  private readonly ignore: ReadonlySet<SanityCode>;
  private readonly ranges4: Range4[] = [];
  private readonly ranges6: Range6[] = [];
  private readonly resolvers4: number[] = [];
  private readonly resolvers6: Uint32Array[] = [];
  private readonly benign: ReadonlySet<string>;
  private readonly userContent = new Set(USER_CONTENT_DOMAINS);
  private readonly publicSuffixes = new Set(MULTI_LABEL_PUBLIC_SUFFIXES);
  private readonly emptyHashes = new Set(EMPTY_INPUT_HASHES);

  constructor(options: SanityOptions = {}) {
    this.minV4 = options.minPrefixV4 ?? 8;
    this.minV6 = options.minPrefixV6 ?? 12;
    this.ignore = new Set(options.ignore ?? []);
    for (const r of [...SPECIAL_IPV4, ...SPECIAL_IPV6]) {
      const p = parseIocValue(r.cidr.includes(':') ? 'cidr6' : 'cidr4', r.cidr);
      const text = `${r.cidr}: ${r.why}`;
      if (p.kind === 'ip4')
        this.ranges4.push({ net: p.network, len: p.length, code: r.code, text });
      if (p.kind === 'ip6') this.ranges6.push({ net: p.words, len: p.length, code: r.code, text });
    }
    for (const ip of PUBLIC_RESOLVERS) {
      const w = new Uint32Array(4);
      if (parseIPv6(ip, w)) this.resolvers6.push(w);
      else this.resolvers4.push(parseIPv4(ip));
    }
    const extra = (options.extraBenignDomains ?? []).map((d) => normaliseDomain(d) ?? d);
    this.benign = new Set([...BENIGN_DOMAINS, ...extra]);
  }

  /**
   * The sanity findings for a parsed value, one per code, blocking ones first.
   *
   * @example new SanityRules().check(parseIocValue('domain', 'docs.google.com'))[0]?.code // 'benign-domain'
   */
  check(p: ParsedValue): SanityWarning[] {
    const out: SanityWarning[] = [];
    const add = (code: SanityCode, message: string) => {
      if (!this.ignore.has(code) && !out.some((w) => w.code === code)) {
        out.push({ code, message, blocking: code !== 'host-bits-set' });
      }
    };
    const text = p.kind === 'ip4' || p.kind === 'ip6' ? formatParsed(p) : '';
    switch (p.kind) {
      case 'ip4':
        this.checkIPv4(p.network, p.length, text, add, true);
        if (p.hostBits) add('host-bits-set', `host bits were set; indexed as the network ${text}`);
        break;
      case 'ip6':
        this.checkIPv6(p.words, p.length, text, add, true);
        if (p.hostBits) add('host-bits-set', `host bits were set; indexed as the network ${text}`);
        break;
      case 'hash':
        if (this.emptyHashes.has(p.hex))
          add('placeholder-hash', `${p.hex} is the ${HASH_NAMES[p.type]} of empty input`);
        else if (/^(.)\1*$/.test(p.hex))
          add('placeholder-hash', `${p.hex} is one digit repeated, a placeholder`);
        break;
      case 'domain':
        this.checkName(p.name, add, true);
        break;
      case 'url':
        this.checkUrlHost(p.host, p.bareHost, add);
        break;
      case 'email':
        this.checkSpecialName(p.domain, add);
        break;
    }
    return out.length > 1 ? out.sort((a, b) => Number(b.blocking) - Number(a.blocking)) : out;
  }

  private checkIPv4(net: number, len: number, text: string, add: Adder, resolvers: boolean): void {
    if (len < this.minV4)
      add('too-broad', `${text} covers ${2 ** (32 - len)} addresses (more than a /${this.minV4})`);
    for (const r of this.ranges4) {
      if (len >= r.len && (net & ipv4Mask(r.len)) >>> 0 === r.net)
        add(r.code, `${text} is in ${r.text}`);
      else if (
        len < r.len &&
        (r.net & ipv4Mask(len)) >>> 0 === net &&
        CONTAINMENT_MATTERS.has(r.code)
      ) {
        add(r.code, `${text} contains ${r.text}`);
      }
    }
    if (!resolvers) return;
    const m = ipv4Mask(len);
    for (const ip of this.resolvers4) {
      if ((ip & m) >>> 0 === net) {
        add(
          'public-resolver',
          `${text} ${len === 32 ? 'is' : 'contains'} the public DNS resolver ${formatIPv4(ip)}`,
        );
        return;
      }
    }
  }

  private checkIPv6(
    net: Uint32Array,
    len: number,
    text: string,
    add: Adder,
    resolvers: boolean,
  ): void {
    if (len < this.minV6)
      add('too-broad', `${text} is a /${len} network (shorter than a /${this.minV6})`);
    const masked = new Uint32Array(4);
    for (const r of this.ranges6) {
      if (len >= r.len) {
        maskIPv6(net, 0, r.len, masked, 0);
        if (sameWords(masked, r.net)) add(r.code, `${text} is in ${r.text}`);
      } else if (CONTAINMENT_MATTERS.has(r.code)) {
        maskIPv6(r.net, 0, len, masked, 0);
        if (sameWords(masked, net)) add(r.code, `${text} contains ${r.text}`);
      }
    }
    if (!resolvers) return;
    for (const ip of this.resolvers6) {
      maskIPv6(ip, 0, len, masked, 0);
      if (sameWords(masked, net)) {
        add('public-resolver', `${text} ${len === 128 ? 'is' : 'contains'} a public DNS resolver`);
        return;
      }
    }
  }

  /** `wholeName`: the indicator is the name itself (a domain, or a URL of the bare host). */
  private checkName(name: string, add: Adder, wholeName: boolean): void {
    const suffixes = domainSuffixes(name);
    this.checkSpecialName(name, add, suffixes);
    if (!wholeName) return;
    if (!name.includes('.')) add('too-broad', `${name} is a top-level domain`);
    if (this.publicSuffixes.has(name))
      add('too-broad', `${name} is a public suffix: it covers a whole registry`);
    for (const s of suffixes) {
      if (this.userContent.has(s)) {
        if (s === name)
          add(
            'benign-domain',
            `${name} hosts its customers' sites; name the customer's sub-domain instead`,
          );
        return;
      }
      if (this.benign.has(s)) {
        add(
          'benign-domain',
          s === name
            ? `${name} is a widely used legitimate domain`
            : `${name} is under ${s}, a widely used legitimate domain`,
        );
        return;
      }
    }
  }

  private checkSpecialName(name: string, add: Adder, suffixes = domainSuffixes(name)): void {
    for (const s of suffixes) {
      const special = SPECIAL_NAMES.get(s);
      if (special)
        add(special.code, `${name} is ${s === name ? '' : `under ${s}, `}a ${special.why}`);
    }
  }

  /** A URL is as doubtful as its host, but a legitimate site's specific page is a fine indicator. */
  private checkUrlHost(host: string, bareHost: boolean, add: Adder): void {
    const v4 = parseIPv4(host);
    const w = new Uint32Array(4);
    if (v4 >= 0) this.checkIPv4(v4, 32, host, add, bareHost);
    else if (parseIPv6(host, w) && isIPv4Mapped(w)) this.checkIPv4(w[3]!, 32, host, add, bareHost);
    else if (parseIPv6(host, w)) this.checkIPv6(w, 128, host, add, bareHost);
    else if (host !== '') this.checkName(host, add, bareHost);
  }
}

type Adder = (code: SanityCode, message: string) => void;

function sameWords(a: Uint32Array, b: Uint32Array): boolean {
  return a[0] === b[0] && a[1] === b[1] && a[2] === b[2] && a[3] === b[3];
}
