import { describe, expect, it } from 'vitest';
import { ThreatMeshError } from '../../core/errors.js';
import { IocIndex } from './ioc-index.js';
import type { IocType } from './types.js';

/** An index holding `entries` (forced, so that documentation addresses can stand in). */
function indexOf(entries: [IocType, string, string][]): IocIndex {
  const index = new IocIndex();
  for (const [type, value, indicatorId] of entries)
    index.addIndicator({ type, value, indicatorId }, { force: true });
  return index;
}

describe('IocIndex lookups', () => {
  it('IPv4: the address, then every covering network, most specific first', () => {
    const index = indexOf([
      ['cidr4', '45.0.0.0/8', 'n8'],
      ['cidr4', '45.33.0.0/16', 'n16'],
      ['cidr4', '45.33.32.0/24', 'n24'],
      ['cidr4', '45.33.32.156/32', 'a32'],
      ['ipv4', '45.33.32.156', 'a'],
      ['cidr4', '45.33.32.128/25', 'n25'],
    ]);
    expect(index.lookup('45.33.32.156')).toEqual(['a32', 'a', 'n25', 'n24', 'n16', 'n8']);
    expect(index.lookup('45.33.32.5')).toEqual(['n24', 'n16', 'n8']);
    expect(index.lookup('45.34.0.1')).toEqual(['n8']);
    expect(index.lookup('46.0.0.1')).toEqual([]);
    expect(index.lookup('45.33.32.0/24')).toEqual(['n24', 'n16', 'n8']);
    expect(index.lookup('45.33.32.0/25')).toEqual(['n24', 'n16', 'n8']);
    expect(index.lookup('45.33.0.0/15')).toEqual(['n8']);
  });

  it('IPv4-mapped IPv6 addresses and networks are IPv4', () => {
    const index = indexOf([
      ['ipv6', '::ffff:45.33.32.156', 'mapped'],
      ['cidr4', '45.33.32.0/24', 'n24'],
    ]);
    expect(index.lookup('45.33.32.156')).toEqual(['mapped', 'n24']);
    expect(index.lookup('::ffff:45.33.32.156')).toEqual(['mapped', 'n24']);
    expect(index.lookup('::FFFF:2d21:209c')).toEqual(['mapped', 'n24']);
    expect(index.lookup('::ffff:45.33.32.0/120', 'ipv6')).toEqual(['n24']);
    expect(index.entriesOf('mapped')[0]).toMatchObject({
      type: 'ipv4',
      normalized: '45.33.32.156',
    });
  });

  it('IPv6: /128, nested networks, any text form', () => {
    const index = indexOf([
      ['ipv6', '2a01:4f8:0:1::7', 'a'],
      ['cidr6', '2a01:4f8:0:1::7/128', 'a128'],
      ['cidr6', '2a01:4f8:0:1::/64', 'n64'],
      ['cidr6', '2a01:4f8::/32', 'n32'],
    ]);
    expect(index.lookup('2a01:04f8:0000:0001:0000:0000:0000:0007')).toEqual([
      'a',
      'a128',
      'n64',
      'n32',
    ]);
    expect(index.lookup('2A01:4F8:0:1::8')).toEqual(['n64', 'n32']);
    expect(index.lookup('2a01:4f8:1::1')).toEqual(['n32']);
    expect(index.lookup('2a02::1')).toEqual([]);
    expect(index.lookup('fe80::1%eth0')).toEqual([]);
  });

  it('domains: the name, then its parents; any case, trailing dot, IDN', () => {
    const index = indexOf([
      ['domain', 'evil-domain.xyz', 'parent'],
      ['domain', 'B.Evil-Domain.XYZ.', 'child'],
      ['domain', 'bücher-shop.xyz', 'idn'],
    ]);
    expect(index.lookup('a.b.evil-domain.xyz')).toEqual(['child', 'parent']);
    expect(index.lookup('A.B.EVIL-DOMAIN.XYZ.')).toEqual(['child', 'parent']);
    expect(index.lookup('evil-domain.xyz')).toEqual(['parent']);
    expect(index.lookup('notevil-domain.xyz')).toEqual([]);
    expect(index.lookup('evil-domain.xyz.au')).toEqual([]);
    expect(index.lookup('xyz')).toEqual([]);
    expect(index.lookup('www.xn--bcher-shop-9db.xyz')).toEqual(['idn']);
    expect(index.lookup('WWW.BÜCHER-SHOP.xyz')).toEqual(['idn']);
    expect(index.lookup('www.bücher-shop.xyz.')).toEqual(['idn']);
  });

  it('URLs: equal after normalisation, never by prefix', () => {
    const index = indexOf([['url', 'http://evil-domain.xyz/gate.php?id=1', 'u']]);
    expect(index.lookup('HTTP://EVIL-DOMAIN.XYZ:80/gate.php?id=1#x')).toEqual(['u']);
    expect(index.lookup('http://evil-domain.xyz/./%67ate.php?id=1')).toEqual(['u']);
    expect(index.lookup('evil-domain.xyz/gate.php?id=1', 'url')).toEqual(['u']);
    expect(index.lookup('http://evil-domain.xyz/gate.php?id=2')).toEqual([]);
    expect(index.lookup('http://evil-domain.xyz/gate.php')).toEqual([]);
    expect(index.lookup('https://evil-domain.xyz/gate.php?id=1')).toEqual([]);
    expect(index.lookup('evil-domain.xyz')).toEqual([]);
  });

  it('hashes and e-mail addresses in any case', () => {
    const index = indexOf([
      ['md5', '5D41402ABC4B2A76B9719D911017C592', 'md5'],
      ['sha1', 'aaf4c61ddcc5e8a2dabede0f3b482cd9aea9434d', 'sha1'],
      ['sha256', '2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824', 'sha256'],
      ['email', 'Phisher@Evil-Domain.XYZ', 'mail'],
    ]);
    expect(index.lookup('5d41402abc4b2a76b9719d911017c592')).toEqual(['md5']);
    expect(index.lookup('AAF4C61DDCC5E8A2DABEDE0F3B482CD9AEA9434D')).toEqual(['sha1']);
    expect(
      index.lookup('2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824'),
    ).toEqual(['sha256']);
    expect(
      index.lookup('2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9825'),
    ).toEqual([]);
    expect(index.lookup('Phisher@evil-domain.xyz')).toEqual(['mail']);
    expect(index.lookup('phisher@EVIL-domain.xyz')).toEqual(['mail']);
    expect(index.lookup('other@evil-domain.xyz')).toEqual([]);
  });

  it('lists an indicator once, at its most specific match, and every indicator sharing a value', () => {
    const index = indexOf([
      ['ipv4', '45.33.32.156', 'both'],
      ['cidr4', '45.33.32.0/24', 'both'],
      ['ipv4', '45.33.32.156', 'other'],
      ['ipv4', '45.33.32.156', 'other'],
    ]);
    expect(index.lookup('45.33.32.156').sort()).toEqual(['both', 'other']);
    expect(index.lookup('45.33.32.156')).toHaveLength(2);
    expect(index.entryCount).toBe(3);
    expect(index.indicatorCount).toBe(2);
  });

  it('declared types must fit the value; detected lookups of unknown shapes match nothing', () => {
    const index = indexOf([['ipv4', '45.33.32.156', 'a']]);
    expect(() => index.lookup('45.33.32.156', 'ipv6')).toThrow(ThreatMeshError);
    expect(() => index.lookup('not a hash', 'md5')).toThrow(/not a valid md5 value/);
    expect(index.lookup('')).toEqual([]);
    expect(index.lookup('12345')).toEqual([]);
    expect(index.lookup(' 45.33.32.156 ')).toEqual(['a']);
  });

  it('gives handles without making strings (the detectors’ path)', () => {
    const index = indexOf([
      ['cidr4', '45.33.32.0/24', 'n'],
      ['ipv4', '45.33.32.156', 'a'],
    ]);
    const n = index.matchIPv4(0x2d21209c);
    expect(n).toBe(2);
    expect([
      index.indicatorIdOf(index.matches[0]!),
      index.indicatorIdOf(index.matches[1]!),
    ]).toEqual(['a', 'n']);
    expect(index.match('45.33.33.1')).toBe(0);
  });
});
