import { describe, expect, it } from 'vitest';
import {
  BENIGN_DOMAINS,
  MULTI_LABEL_PUBLIC_SUFFIXES,
  USER_CONTENT_DOMAINS,
} from './benign-domains.js';
import { normaliseDomain } from './domain-name.js';
import { parseIocValue } from './ioc-value.js';
import { SanityRules } from './sanity-rules.js';
import { PUBLIC_RESOLVERS } from './special-addresses.js';
import type { IocType, SanityCode } from './types.js';

const rules = new SanityRules();
const codes = (type: IocType, value: string, r = rules): SanityCode[] =>
  r.check(parseIocValue(type, value)).map((w) => w.code);

describe('SanityRules', () => {
  it.each<[IocType, string, SanityCode[]]>([
    ['cidr4', '0.0.0.0/0', ['too-broad', 'private', 'loopback', 'link-local', 'public-resolver']],
    ['cidr4', '44.0.0.0/7', ['too-broad']],
    ['cidr4', '45.0.0.0/8', []],
    ['ipv4', '10.1.2.3', ['private']],
    ['cidr4', '172.16.0.0/12', ['private']],
    ['ipv4', '172.32.0.1', []],
    ['ipv4', '192.168.1.1', ['private']],
    ['ipv4', '100.64.0.1', ['private']],
    ['ipv4', '127.0.0.1', ['loopback']],
    ['ipv4', '169.254.169.254', ['link-local']],
    ['ipv4', '224.0.0.251', ['multicast']],
    ['ipv4', '192.0.2.10', ['documentation']],
    ['ipv4', '198.51.100.7', ['documentation']],
    ['ipv4', '203.0.113.99', ['documentation']],
    ['ipv4', '255.255.255.255', ['reserved']],
    ['ipv4', '0.1.2.3', ['reserved']],
    ['ipv4', '198.18.0.1', ['reserved']],
    ['cidr4', '172.0.0.0/8', ['private']],
    ['ipv4', '8.8.8.8', ['public-resolver']],
    ['cidr4', '1.1.1.0/24', ['public-resolver']],
    ['ipv4', '8.8.8.9', []],
    ['ipv6', '::1', ['loopback']],
    ['ipv6', '::', ['reserved']],
    ['ipv6', 'fd12:3456::1', ['private']],
    ['ipv6', 'fe80::1', ['link-local']],
    ['ipv6', 'ff02::1', ['multicast']],
    ['ipv6', '2001:db8::1', ['documentation']],
    ['ipv6', '3fff::1', ['documentation']],
    ['cidr6', '2000::/3', ['too-broad', 'public-resolver']],
    ['cidr6', '2400::/12', []],
    ['ipv6', '2606:4700:4700::1111', ['public-resolver']],
    ['ipv6', '::ffff:10.0.0.1', ['private']],
    ['cidr4', '45.1.2.3/24', ['host-bits-set']],
    ['domain', 'com', ['too-broad']],
    ['domain', 'co.uk', ['too-broad']],
    ['domain', 'google.com', ['benign-domain']],
    ['domain', 'docs.google.com', ['benign-domain']],
    ['domain', 'github.io', ['benign-domain']],
    ['domain', 'evil-site.github.io', []],
    ['domain', 'bucket.s3.amazonaws.com', []],
    ['domain', 's3.amazonaws.com', ['benign-domain']],
    ['domain', 'acme.my.salesforce.com', []],
    ['domain', 'googlе.com', []],
    ['domain', 'example.com', ['documentation']],
    ['domain', 'www.example.org', ['documentation']],
    ['domain', 'printer.local', ['reserved']],
    ['domain', 'localhost', ['loopback', 'too-broad']],
    ['domain', 'dc01.corp', ['private']],
    ['domain', 'router.home.arpa', ['private', 'reserved']],
    ['domain', 'evil.test', ['reserved']],
    ['domain', 'evil-domain.xyz', []],
    ['url', 'https://www.google.com/', ['benign-domain']],
    ['url', 'https://drive.google.com/uc?id=1x', []],
    ['url', 'http://192.168.1.1/admin', ['private']],
    ['url', 'http://8.8.8.8/', ['public-resolver']],
    ['url', 'https://8.8.8.8/resolve?name=x', []],
    ['url', 'http://evil.example.com/x', ['documentation']],
    ['email', 'phisher@gmail.com', []],
    ['email', 'alice@example.net', ['documentation']],
    ['md5', 'd41d8cd98f00b204e9800998ecf8427e', ['placeholder-hash']],
    ['sha1', 'da39a3ee5e6b4b0d3255bfef95601890afd80709', ['placeholder-hash']],
    ['sha256', '0'.repeat(64), ['placeholder-hash']],
    [
      'sha256',
      'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
      ['placeholder-hash'],
    ],
    ['md5', '68b329da9893e34099c7d8ad5cb9c940', []],
  ])('%s %s → %j', (type, value, expected) => {
    expect(codes(type, value).sort()).toEqual([...expected].sort());
  });

  it('says why in each message and marks host bits as informational only', () => {
    const [w] = rules.check(parseIocValue('ipv4', '10.1.2.3'));
    expect(w).toEqual({
      code: 'private',
      message: '10.1.2.3 is in 10.0.0.0/8: private-use (RFC 1918)',
      blocking: true,
    });
    expect(rules.check(parseIocValue('cidr4', '45.1.2.3/24'))[0]?.blocking).toBe(false);
    const [b] = rules.check(parseIocValue('domain', 'mail.google.com'));
    expect(b?.message).toBe('mail.google.com is under google.com, a widely used legitimate domain');
  });

  it('lists blocking findings before informational ones', () => {
    const ws = rules.check(parseIocValue('cidr4', '10.1.2.3/16'));
    expect(ws.map((w) => w.code)).toEqual(['private', 'host-bits-set']);
  });

  it('can switch rules off, change the prefix limits and learn more benign domains', () => {
    const custom = new SanityRules({
      ignore: ['private'],
      minPrefixV4: 16,
      minPrefixV6: 32,
      extraBenignDomains: ['Acme-Corp.example.'],
    });
    expect(codes('ipv4', '10.1.2.3', custom)).toEqual([]);
    expect(codes('cidr4', '45.0.0.0/12', custom)).toEqual(['too-broad']);
    expect(codes('cidr6', '2400::/24', custom)).toEqual(['too-broad']);
    expect(codes('domain', 'vpn.acme-corp.example', custom)).toContain('benign-domain');
  });

  it('flags every public resolver it lists', () => {
    for (const ip of PUBLIC_RESOLVERS) {
      expect(codes(ip.includes(':') ? 'ipv6' : 'ipv4', ip)).toContain('public-resolver');
    }
  });
});

describe('bundled domain lists', () => {
  it('are normalised, without duplicates, and the benign and platform lists do not overlap', () => {
    for (const list of [BENIGN_DOMAINS, USER_CONTENT_DOMAINS, MULTI_LABEL_PUBLIC_SUFFIXES]) {
      for (const d of list) expect(normaliseDomain(d)).toBe(d);
      expect(new Set(list).size).toBe(list.length);
    }
    const platforms = new Set(USER_CONTENT_DOMAINS);
    const suffixes = new Set(MULTI_LABEL_PUBLIC_SUFFIXES);
    expect(BENIGN_DOMAINS.filter((d) => platforms.has(d) || suffixes.has(d))).toEqual([]);
  });

  it('hold about a thousand benign names, each of them flagged', () => {
    expect(BENIGN_DOMAINS.length).toBeGreaterThan(1000);
    for (const d of BENIGN_DOMAINS) expect(codes('domain', d)).toContain('benign-domain');
  });
});
