/**
 * Indicator values as feeds write them: what kind a value is (detected from the value, or named
 * by a type column / `--map`), its normal form, and the STIX pattern that matches it. Values
 * are refanged first (`hxxp://evil[.]example` → `http://evil.example`), as analysts defang
 * them in lists that travel by e-mail.
 */
import { badInput, type SourceLocation } from '../../core/errors.js';
import { formatParsed, indexedType, parseIocValue } from '../../intel/ioc/ioc-value.js';
import type { IocType } from '../../intel/ioc/types.js';

/** What a feed value can be: the IOC index's types, plus values only a pattern can match. */
export type FeedValueType = IocType | 'sha512' | 'commandline' | 'filepath' | 'uripath';

/** A type as named by a column or `--map`: an exact type, or a family decided by the value. */
export type FeedTypeName = FeedValueType | 'ip' | 'hash' | 'auto';

export const FEED_TYPE_NAMES: readonly FeedTypeName[] = [
  'auto',
  'ip',
  'ipv4',
  'ipv6',
  'cidr4',
  'cidr6',
  'domain',
  'url',
  'email',
  'hash',
  'md5',
  'sha1',
  'sha256',
  'sha512',
  'commandline',
  'filepath',
  'uripath',
];

/** How type columns name types (Sentinel's `IPAddress`, `FilePath`, `URI1`; MISP's `ip-dst`…). */
const ALIASES: Readonly<Record<string, FeedTypeName>> = {
  ip: 'ip',
  ipaddress: 'ip',
  ipaddr: 'ip',
  ipdst: 'ip',
  ipsrc: 'ip',
  dstip: 'ip',
  srcip: 'ip',
  address: 'ip',
  ipv4: 'ip',
  ipv4addr: 'ip',
  ipv6: 'ip',
  ipv6addr: 'ip',
  cidr: 'ip',
  network: 'ip',
  subnet: 'ip',
  netblock: 'ip',
  domain: 'domain',
  domainname: 'domain',
  hostname: 'domain',
  host: 'domain',
  fqdn: 'domain',
  url: 'url',
  link: 'url',
  uri: 'uripath',
  uripath: 'uripath',
  email: 'email',
  emailaddress: 'email',
  emailsrc: 'email',
  sender: 'email',
  hash: 'hash',
  filehash: 'hash',
  md5: 'md5',
  sha1: 'sha1',
  sha256: 'sha256',
  sha512: 'sha512',
  commandline: 'commandline',
  cmdline: 'commandline',
  command: 'commandline',
  filepath: 'filepath',
  filename: 'filepath',
  file: 'filepath',
  path: 'filepath',
};

/**
 * The type a name stands for (`IPAddress`, `URI2`, `ip-dst`, `SHA-256`), or null.
 *
 * @example typeFromName('URI1') // 'uripath'
 */
export function typeFromName(name: string): FeedTypeName | null {
  const key = name.toLowerCase().replace(/[^a-z0-9]/g, '');
  const exact = (FEED_TYPE_NAMES as readonly string[]).includes(key)
    ? (key as FeedTypeName)
    : undefined;
  return exact ?? ALIASES[key] ?? ALIASES[key.replace(/[0-9]+$/, '')] ?? null;
}

/**
 * Undoes the usual defanging: `hxxp(s)`, `[.]`, `(.)`, `{.}`, `[dot]`, `[:]`, `[@]`, `[at]`.
 *
 * @example refang('hxxps://evil[.]example/a') // 'https://evil.example/a'
 */
export function refang(v: string): string {
  if (!/[[({]|hxxp|fxp/i.test(v)) return v;
  return v
    .replace(/^hxxp(s?):\/\//i, 'http$1://')
    .replace(/^fxp:\/\//i, 'ftp://')
    .replace(/\[\.\]|\(\.\)|\{\.\}|\[dot\]|\(dot\)/gi, '.')
    .replace(/\[:\]/g, ':')
    .replace(/\[@\]|\[at\]|\(at\)/gi, '@');
}

const HEX = /^[0-9a-fA-F]+$/;
const SCHEME = /^[a-zA-Z][a-zA-Z0-9+.-]*:\/\//;
const DOMAIN =
  /^(?=.{1,253}\.?$)(?:[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?\.)+(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})\.?$/i;
const EMAIL = /^[^\s@]{1,64}@[^\s@]+\.[^\s@]+$/;

function isIp(v: string, six: boolean): boolean {
  try {
    parseIocValue(six ? 'ipv6' : 'ipv4', v);
    return true;
  } catch {
    return false;
  }
}

/**
 * Detects what a (refanged, trimmed) value is among the types an IOC list holds, or null when
 * it is none of them. Stricter than a lookup's guess: a domain needs a dot and an alphabetic
 * top-level label, so header words (`IPAddress`) and free text are not taken for domains.
 *
 * @example detectFeedType('198.51.100.0/24') // 'cidr4'
 */
export function detectFeedType(v: string): FeedValueType | null {
  if (v.length === 0) return null;
  if (SCHEME.test(v)) return 'url';
  if (HEX.test(v)) {
    if (v.length === 32) return 'md5';
    if (v.length === 40) return 'sha1';
    if (v.length === 64) return 'sha256';
    if (v.length === 128) return 'sha512';
  }
  const slash = v.indexOf('/');
  if (v.includes(':') && !v.includes('@') && isIp(v, true)) return slash >= 0 ? 'cidr6' : 'ipv6';
  if (/^[0-9./]+$/.test(v) && isIp(v, false)) return slash >= 0 ? 'cidr4' : 'ipv4';
  if (EMAIL.test(v)) return 'email';
  if (DOMAIN.test(v)) return 'domain';
  return null;
}

/** A value checked against its type and put in the form the index and the ids use. */
export interface FeedValue {
  readonly type: FeedValueType;
  readonly value: string;
}

const FAMILY: Readonly<Record<string, readonly FeedValueType[]>> = {
  ip: ['ipv4', 'cidr4', 'ipv6', 'cidr6'],
  ipv4: ['ipv4', 'cidr4'],
  cidr4: ['ipv4', 'cidr4'],
  ipv6: ['ipv6', 'cidr6'],
  cidr6: ['ipv6', 'cidr6'],
  hash: ['md5', 'sha1', 'sha256', 'sha512'],
};

/**
 * Reads a raw feed value as `named` (or detects its type for `auto`), refanged and normalised:
 * addresses in canonical form, networks without host bits, domains, e-mail and hashes in
 * lower case, URLs normalised as the IOC index compares them.
 *
 * @throws ThreatMeshError BAD_INPUT (at `location`) when the value is not of the named type or
 *   no type fits it.
 * @example readFeedValue('HXXP://Evil[.]Example/a', 'auto', loc) // { type: 'url', value: 'http://evil.example/a' }
 */
export function readFeedValue(
  raw: string,
  named: FeedTypeName,
  location: SourceLocation,
): FeedValue {
  const v = refang(raw.trim());
  if (v.length === 0) {
    throw badInput('empty value', { location, hint: 'remove the empty line or fill in the value' });
  }
  if (named === 'commandline') return { type: named, value: v };
  if (named === 'filepath') return { type: named, value: v };
  if (named === 'uripath') {
    if (SCHEME.test(v)) return normalised('url', v, location);
    return { type: named, value: v };
  }
  if (named !== 'auto' && named !== 'ip' && named !== 'hash' && FAMILY[named] === undefined) {
    return normalised(named, v, location);
  }
  const detected = detectFeedType(v);
  const family = FAMILY[named];
  if (detected === null || (family !== undefined && !family.includes(detected))) {
    throw badInput(
      `${JSON.stringify(raw.trim())} is not ${named === 'auto' ? 'an indicator value' : `a value of type ${named}`}`,
      {
        location,
        hint:
          named === 'auto'
            ? 'IPv4/IPv6 addresses and networks, domains, URLs, e-mail addresses and MD5/SHA-1/SHA-256 hashes are recognised; name other kinds with --map COLUMN=TYPE'
            : `check the value, or map the column to another type (--map COLUMN=TYPE; types: ${FEED_TYPE_NAMES.join(', ')})`,
      },
    );
  }
  return normalised(detected, v, location);
}

function normalised(type: FeedValueType, v: string, location: SourceLocation): FeedValue {
  if (type === 'sha512') {
    if (!/^[0-9a-fA-F]{128}$/.test(v)) {
      throw badInput(`${JSON.stringify(v)} is not a SHA-512 hash`, {
        location,
        hint: '128 hex digits',
      });
    }
    return { type, value: v.toLowerCase() };
  }
  if (type === 'commandline' || type === 'filepath' || type === 'uripath')
    return { type, value: v };
  const parsed = parseIocValue(type, v, location);
  return { type: indexedType(parsed), value: formatParsed(parsed) };
}
