/**
 * Address ranges and hosts that an indicator should not match by default, with where each comes
 * from. Sources: the IANA IPv4 and IPv6 Special-Purpose Address Registries (RFC 6890 and the
 * RFCs cited per row) and the resolver operators' own published addresses.
 */
import type { SanityCode } from './types.js';

/** One special-purpose range. */
export interface SpecialRange {
  readonly cidr: string;
  readonly code: SanityCode;
  readonly why: string;
}

export const SPECIAL_IPV4: readonly SpecialRange[] = [
  { cidr: '0.0.0.0/8', code: 'reserved', why: '"this network" (RFC 791, RFC 1122 §3.2.1.3)' },
  { cidr: '10.0.0.0/8', code: 'private', why: 'private-use (RFC 1918)' },
  {
    cidr: '100.64.0.0/10',
    code: 'private',
    why: 'shared address space for carrier-grade NAT (RFC 6598)',
  },
  { cidr: '127.0.0.0/8', code: 'loopback', why: 'loopback (RFC 1122 §3.2.1.3)' },
  { cidr: '169.254.0.0/16', code: 'link-local', why: 'link-local (RFC 3927)' },
  { cidr: '172.16.0.0/12', code: 'private', why: 'private-use (RFC 1918)' },
  { cidr: '192.0.0.0/24', code: 'reserved', why: 'IETF protocol assignments (RFC 6890 §2.2.2)' },
  { cidr: '192.0.2.0/24', code: 'documentation', why: 'TEST-NET-1 (RFC 5737)' },
  { cidr: '192.88.99.0/24', code: 'reserved', why: 'deprecated 6to4 relay anycast (RFC 7526)' },
  { cidr: '192.168.0.0/16', code: 'private', why: 'private-use (RFC 1918)' },
  { cidr: '198.18.0.0/15', code: 'reserved', why: 'benchmarking (RFC 2544)' },
  { cidr: '198.51.100.0/24', code: 'documentation', why: 'TEST-NET-2 (RFC 5737)' },
  { cidr: '203.0.113.0/24', code: 'documentation', why: 'TEST-NET-3 (RFC 5737)' },
  { cidr: '224.0.0.0/4', code: 'multicast', why: 'multicast (RFC 5771)' },
  {
    cidr: '240.0.0.0/4',
    code: 'reserved',
    why: 'reserved for future use and limited broadcast (RFC 1112 §4, RFC 919)',
  },
];

export const SPECIAL_IPV6: readonly SpecialRange[] = [
  { cidr: '::/128', code: 'reserved', why: 'unspecified address (RFC 4291 §2.5.2)' },
  { cidr: '::1/128', code: 'loopback', why: 'loopback (RFC 4291 §2.5.3)' },
  { cidr: '64:ff9b:1::/48', code: 'private', why: 'local-use IPv4/IPv6 translation (RFC 8215)' },
  { cidr: '100::/64', code: 'reserved', why: 'discard-only (RFC 6666)' },
  { cidr: '2001:2::/48', code: 'reserved', why: 'benchmarking (RFC 5180)' },
  { cidr: '2001:db8::/32', code: 'documentation', why: 'documentation (RFC 3849)' },
  { cidr: '3fff::/20', code: 'documentation', why: 'documentation (RFC 9637)' },
  { cidr: 'fc00::/7', code: 'private', why: 'unique local (RFC 4193)' },
  { cidr: 'fe80::/10', code: 'link-local', why: 'link-local unicast (RFC 4291 §2.5.6)' },
  { cidr: 'fec0::/10', code: 'reserved', why: 'deprecated site-local (RFC 3879)' },
  { cidr: 'ff00::/8', code: 'multicast', why: 'multicast (RFC 4291 §2.7)' },
];

/**
 * Public DNS resolvers, as their operators publish them. Traffic to them is everywhere, so an
 * indicator naming one (or a network containing one) would fire on every host.
 */
// prettier-ignore
export const PUBLIC_RESOLVERS: readonly string[] = [
  // Google Public DNS
  '8.8.8.8', '8.8.4.4', '2001:4860:4860::8888', '2001:4860:4860::8844',
  // Cloudflare 1.1.1.1 (plain, malware-blocking, family)
  '1.1.1.1', '1.0.0.1', '1.1.1.2', '1.0.0.2', '1.1.1.3', '1.0.0.3',
  '2606:4700:4700::1111', '2606:4700:4700::1001', '2606:4700:4700::1112',
  '2606:4700:4700::1002', '2606:4700:4700::1113', '2606:4700:4700::1003',
  // Quad9
  '9.9.9.9', '149.112.112.112', '9.9.9.10', '149.112.112.10', '9.9.9.11', '149.112.112.11',
  '2620:fe::fe', '2620:fe::9', '2620:fe::10', '2620:fe::fe:10', '2620:fe::11', '2620:fe::fe:11',
  // Cisco OpenDNS
  '208.67.222.222', '208.67.220.220', '208.67.222.123', '208.67.220.123',
  '2620:119:35::35', '2620:119:53::53',
  // AdGuard DNS
  '94.140.14.14', '94.140.15.15', '94.140.14.15', '94.140.15.16', '94.140.14.140', '94.140.14.141',
  '2a10:50c0::ad1:ff', '2a10:50c0::ad2:ff',
  // CleanBrowsing
  '185.228.168.9', '185.228.169.9', '185.228.168.10', '185.228.169.11', '185.228.168.168',
  '185.228.169.168',
  // Lumen (Level 3)
  '4.2.2.1', '4.2.2.2', '4.2.2.3', '4.2.2.4', '4.2.2.5', '4.2.2.6',
  // Comodo Secure DNS, Neustar/UltraDNS, Hurricane Electric, Control D
  '8.26.56.26', '8.20.247.20', '156.154.70.1', '156.154.71.1', '74.82.42.42', '76.76.2.0',
  '76.76.10.0',
  // Yandex DNS
  '77.88.8.8', '77.88.8.1', '77.88.8.88', '77.88.8.2', '77.88.8.7', '77.88.8.3',
  // 114DNS, AliDNS, DNSPod, Baidu
  '114.114.114.114', '114.114.115.115', '223.5.5.5', '223.6.6.6', '119.29.29.29', '180.76.76.76',
];

/** The hashes of empty input: a tool hashed nothing (MISP's "empty-hashes" warning list). */
export const EMPTY_INPUT_HASHES: readonly string[] = [
  'd41d8cd98f00b204e9800998ecf8427e',
  'da39a3ee5e6b4b0d3255bfef95601890afd80709',
  'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
];

/**
 * Top-level and special-use names. `reserved`: RFC 6761 §6 (test, localhost, invalid, example),
 * RFC 6762 (local, mDNS), `arpa` (infrastructure). `private`: RFC 8375 `home.arpa`, ICANN's
 * 2024 reservation of `internal`, and suffixes widely used inside organisations (lan, corp,
 * home, localdomain, intranet) that would match internal names.
 */
export const SPECIAL_NAMES: ReadonlyMap<string, { code: SanityCode; why: string }> = new Map([
  ['test', { code: 'reserved', why: 'special-use name (RFC 6761 §6.2)' }],
  ['localhost', { code: 'loopback', why: 'special-use name (RFC 6761 §6.3)' }],
  ['invalid', { code: 'reserved', why: 'special-use name (RFC 6761 §6.4)' }],
  ['example', { code: 'documentation', why: 'special-use name (RFC 6761 §6.5)' }],
  ['example.com', { code: 'documentation', why: 'example domain (RFC 2606 §3)' }],
  ['example.net', { code: 'documentation', why: 'example domain (RFC 2606 §3)' }],
  ['example.org', { code: 'documentation', why: 'example domain (RFC 2606 §3)' }],
  ['local', { code: 'reserved', why: 'multicast DNS name (RFC 6762)' }],
  ['arpa', { code: 'reserved', why: 'infrastructure domain (RFC 3172)' }],
  ['home.arpa', { code: 'private', why: 'home network name (RFC 8375)' }],
  ['internal', { code: 'private', why: 'private-use top-level name (ICANN, 2024)' }],
  ['lan', { code: 'private', why: 'name commonly used inside organisations' }],
  ['corp', { code: 'private', why: 'name commonly used inside organisations' }],
  ['home', { code: 'private', why: 'name commonly used inside organisations' }],
  ['localdomain', { code: 'private', why: 'name commonly used inside organisations' }],
  ['intranet', { code: 'private', why: 'name commonly used inside organisations' }],
]);
