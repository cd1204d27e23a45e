import { describe, expect, it } from 'vitest';
import { ThreatMeshError } from '../../core/errors.js';
import { formatParsed, indexedType, parseIocValue } from './ioc-value.js';
import type { IocType } from './types.js';

const norm = (type: IocType, value: string) => {
  const p = parseIocValue(type, value);
  return [indexedType(p), formatParsed(p)];
};

describe('parseIocValue', () => {
  it.each<[IocType, string, IocType, string]>([
    ['ipv4', ' 198.51.100.7 ', 'ipv4', '198.51.100.7'],
    ['ipv4', '198.51.100.0/24', 'cidr4', '198.51.100.0/24'],
    ['cidr4', '198.51.100.7', 'ipv4', '198.51.100.7'],
    ['cidr4', '198.51.100.7/32', 'ipv4', '198.51.100.7'],
    ['cidr4', '198.51.100.7/24', 'cidr4', '198.51.100.0/24'],
    ['ipv6', '2001:DB8:0::1', 'ipv6', '2001:db8::1'],
    ['cidr6', '2001:db8::1/128', 'ipv6', '2001:db8::1'],
    ['cidr6', '2001:db8::1/32', 'cidr6', '2001:db8::/32'],
    ['ipv6', '::ffff:198.51.100.7', 'ipv4', '198.51.100.7'],
    ['cidr6', '::ffff:198.51.100.7/120', 'cidr4', '198.51.100.0/24'],
    ['cidr6', '::ffff:0:0/96', 'cidr4', '0.0.0.0/0'],
    ['domain', 'Evil.Example.', 'domain', 'evil.example'],
    ['url', 'HTTP://Evil.Example:80/a', 'url', 'http://evil.example/a'],
    ['email', 'Alice@EVIL.Example', 'email', 'alice@evil.example'],
    ['email', 'alice@bücher.de', 'email', 'alice@xn--bcher-kva.de'],
    ['md5', 'D41D8CD98F00B204E9800998ECF8427E', 'md5', 'd41d8cd98f00b204e9800998ecf8427e'],
    ['sha256', ` ${'A'.repeat(64)} `, 'sha256', 'a'.repeat(64)],
  ])('%s %j is indexed as %s %s', (type, value, asType, text) => {
    expect(norm(type, value)).toEqual([asType, text]);
  });

  it('marks networks written with host bits', () => {
    const p = parseIocValue('cidr4', '10.1.2.3/8');
    expect(p).toMatchObject({ kind: 'ip4', network: 0x0a000000, length: 8, hostBits: true });
    expect(parseIocValue('cidr4', '10.0.0.0/8')).toMatchObject({ hostBits: false });
  });

  it.each<[IocType, string, RegExp]>([
    ['ipv4', '2001:db8::1', /give it type ipv6/],
    ['ipv4', '198.51.100.07', /dotted quad without leading zeros/],
    ['ipv4', '198.51.100.0/33', /optionally \/0–\/32/],
    ['ipv6', '198.51.100.7', /give it type ipv4/],
    [
      'md5',
      'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
      /is a SHA-256: give it type sha256/,
    ],
    ['sha1', 'xyz', /40 hexadecimal digits/],
    ['domain', '198.51.100.7', /give it type ipv4 or ipv6/],
    ['domain', '*.evil.example', /without "\*\."/],
    ['domain', 'evil..example', /labels of letters/],
    ['url', 'http://', /absolute URL/],
    ['email', 'alice', /local-part@domain/],
    ['email', 'al ice@evil.example', /local-part@domain/],
  ])('refuses %s %j with a hint', (type, value, hint) => {
    const location = { file: 'feed.csv', line: 3, column: 2 };
    let err: unknown;
    try {
      parseIocValue(type, value, location);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ThreatMeshError);
    const e = err as ThreatMeshError;
    expect(e.code).toBe('BAD_INPUT');
    expect(e.location).toEqual(location);
    expect(e.hint).toMatch(hint);
    expect(e.describe()).toMatch(/^feed\.csv:3:2: /);
  });
});
