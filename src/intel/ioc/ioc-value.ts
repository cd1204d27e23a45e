/**
 * Validation and normalisation of one indicator value into the form the index keys it by.
 * Bad values are ThreatMeshErrors (BAD_INPUT) with the caller's location and a hint.
 */
import { badInput, type SourceLocation } from '../../core/errors.js';
import { parseHexWords } from './detect-type.js';
import { normaliseDomain } from './domain-name.js';
import {
  formatIPv4,
  formatIPv6,
  ipv4Mask,
  isIPv4Mapped,
  maskIPv6,
  parseIPv4,
  parseIPv6,
  parsePrefixLength,
} from './ip-address.js';
import type { IocType } from './types.js';
import { MAX_KEY_BYTES } from './string-key-store.js';
import { normaliseUrl } from './url-normalise.js';

/** A value ready for the index. */
export type ParsedValue =
  | {
      readonly kind: 'ip4';
      readonly network: number;
      readonly length: number;
      readonly hostBits: boolean;
    }
  | {
      readonly kind: 'ip6';
      readonly words: Uint32Array;
      readonly length: number;
      readonly hostBits: boolean;
    }
  | {
      readonly kind: 'hash';
      readonly type: 'md5' | 'sha1' | 'sha256';
      readonly words: Uint32Array;
      readonly hex: string;
    }
  | { readonly kind: 'domain'; readonly name: string }
  | {
      readonly kind: 'url';
      readonly url: string;
      readonly host: string;
      readonly bareHost: boolean;
    }
  | { readonly kind: 'email'; readonly address: string; readonly domain: string };

/** Hex digits of each hash type. */
export const HASH_HEX_LENGTH = { md5: 32, sha1: 40, sha256: 64 } as const;
/** How people write each hash type's name. */
export const HASH_NAMES = { md5: 'MD5', sha1: 'SHA-1', sha256: 'SHA-256' } as const;

/**
 * Parses an indicator value of a declared type. Surrounding white space is ignored (IOC lists
 * often carry it). `ipv4` and `cidr4` accept both an address and a network (`ipv4-addr:value`
 * may hold either, STIX 2.1 §6.4.1), likewise `ipv6`/`cidr6`; an IPv4-mapped IPv6 value
 * (`::ffff:198.51.100.7`, `::ffff:198.51.100.0/120`) becomes the IPv4 address or network.
 *
 * @throws ThreatMeshError BAD_INPUT when the value is not of the type.
 * @example parseIocValue('cidr4', '198.51.100.0/24') // { kind: 'ip4', network: 3325256704, length: 24, hostBits: false }
 */
export function parseIocValue(
  type: IocType,
  value: string,
  location: SourceLocation = {},
): ParsedValue {
  const v = value.trim();
  const fail = (what: string, hint: string) =>
    badInput(`${JSON.stringify(value)} is not ${what}`, { location, hint });
  switch (type) {
    case 'ipv4':
    case 'cidr4':
      return (
        parseAddress(v, false) ?? throwIt(fail('an IPv4 address or network', ipHint(v, 'ipv6')))
      );
    case 'ipv6':
    case 'cidr6':
      return (
        parseAddress(v, true) ?? throwIt(fail('an IPv6 address or network', ipHint(v, 'ipv4')))
      );
    case 'md5':
    case 'sha1':
    case 'sha256':
      return parseHash(type, v) ?? throwIt(fail(`a ${HASH_NAMES[type]} hash`, hashHint(type, v)));
    case 'domain': {
      if (parseIPv4(v) >= 0 || v.includes(':')) {
        throw fail('a domain name', 'this is an IP address: give it type ipv4 or ipv6');
      }
      const name = normaliseDomain(v);
      if (name === null) {
        throw fail(
          'a domain name',
          v.startsWith('*.')
            ? 'write the parent domain without "*.": sub-domains match it already'
            : 'labels of letters, digits, "-" or "_" separated by dots, at most 253 characters',
        );
      }
      return { kind: 'domain', name };
    }
    case 'url': {
      const n = v.length > 0 && v.length <= MAX_KEY_BYTES ? normaliseUrl(v) : null;
      if (n === null || Buffer.byteLength(n.url) > MAX_KEY_BYTES) {
        throw fail(
          'a URL',
          `an absolute URL such as http://example.net/path, at most ${MAX_KEY_BYTES} bytes`,
        );
      }
      return { kind: 'url', url: n.url, host: n.host, bareHost: n.bareHost };
    }
    case 'email': {
      const at = v.lastIndexOf('@');
      const local = at > 0 ? v.slice(0, at) : '';
      const domain = at > 0 ? normaliseDomain(v.slice(at + 1)) : null;
      if (domain === null || /\s/.test(local) || local.length > 64) {
        throw fail('an e-mail address', 'local-part@domain, such as alice@example.net');
      }
      // The local part is case-sensitive in RFC 5321 but treated case-insensitively by every
      // major provider, and STIX pattern extraction lower-cases it: match it that way too.
      return { kind: 'email', address: `${local.toLowerCase()}@${domain}`, domain };
    }
  }
}

/** The normalised text of a parsed value (what `addIndicator` reports and details show). */
export function formatParsed(p: ParsedValue): string {
  switch (p.kind) {
    case 'ip4':
      return p.length === 32 ? formatIPv4(p.network) : `${formatIPv4(p.network)}/${p.length}`;
    case 'ip6':
      return p.length === 128 ? formatIPv6(p.words) : `${formatIPv6(p.words)}/${p.length}`;
    case 'hash':
      return p.hex;
    case 'domain':
      return p.name;
    case 'url':
      return p.url;
    case 'email':
      return p.address;
  }
}

/** The type an entry is indexed as, from its parsed value. */
export function indexedType(p: ParsedValue): IocType {
  switch (p.kind) {
    case 'ip4':
      return p.length === 32 ? 'ipv4' : 'cidr4';
    case 'ip6':
      return p.length === 128 ? 'ipv6' : 'cidr6';
    case 'hash':
      return p.type;
    default:
      return p.kind;
  }
}

function parseAddress(v: string, six: boolean): ParsedValue | null {
  const slash = v.indexOf('/');
  const end = slash < 0 ? v.length : slash;
  if (!six) {
    const ip = parseIPv4(v, 0, end);
    if (ip < 0) return null;
    const length = slash < 0 ? 32 : parsePrefixLength(v, slash + 1, v.length, 32);
    if (length < 0) return null;
    const network = (ip & ipv4Mask(length)) >>> 0;
    return { kind: 'ip4', network, length, hostBits: network !== ip };
  }
  const words = new Uint32Array(4);
  if (!parseIPv6(v, words, 0, end)) return null;
  const length = slash < 0 ? 128 : parsePrefixLength(v, slash + 1, v.length, 128);
  if (length < 0) return null;
  const net = new Uint32Array(4);
  const hostBits = maskIPv6(words, 0, length, net, 0);
  if (length >= 96 && isIPv4Mapped(net)) {
    return { kind: 'ip4', network: net[3]!, length: length - 96, hostBits };
  }
  return { kind: 'ip6', words: net, length, hostBits };
}

/**
 * Parses a hex hash into big-endian words.
 *
 * @returns null when `v` is not `HASH_HEX_LENGTH[type]` hex digits.
 */
export function parseHash(type: 'md5' | 'sha1' | 'sha256', v: string): ParsedValue | null {
  const words = new Uint32Array(HASH_HEX_LENGTH[type] / 8);
  if (!parseHexWords(v, words, words.length)) return null;
  return { kind: 'hash', type, words, hex: v.toLowerCase() };
}

function ipHint(v: string, other: 'ipv4' | 'ipv6'): string {
  const looksOther = other === 'ipv6' ? v.includes(':') : parseIPv4(v.split('/')[0]!) >= 0;
  if (looksOther)
    return `this looks like an ${other === 'ipv6' ? 'IPv6' : 'IPv4'} value: give it type ${other}`;
  return other === 'ipv6'
    ? 'a dotted quad without leading zeros, optionally /0–/32, such as 198.51.100.7 or 198.51.100.0/24'
    : 'RFC 4291 text, optionally /0–/128, such as 2001:db8::7 or 2001:db8::/32';
}

function hashHint(type: 'md5' | 'sha1' | 'sha256', v: string): string {
  const n = v.length;
  const named = n === 32 ? 'md5' : n === 40 ? 'sha1' : n === 64 ? 'sha256' : null;
  if (named && named !== type && /^[0-9A-Fa-f]+$/.test(v))
    return `${n} hex digits is a ${HASH_NAMES[named]}: give it type ${named}`;
  return `${HASH_HEX_LENGTH[type]} hexadecimal digits`;
}

function throwIt(e: Error): never {
  throw e;
}
