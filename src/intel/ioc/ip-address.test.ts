import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
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

const words = (s: string) => {
  const w = new Uint32Array(4);
  return parseIPv6(s, w) ? [...w] : null;
};

describe('parseIPv4', () => {
  it('reads dotted quads, including the extremes', () => {
    expect(parseIPv4('0.0.0.0')).toBe(0);
    expect(parseIPv4('255.255.255.255')).toBe(0xffffffff);
    expect(parseIPv4('192.0.2.1')).toBe(0xc0000201);
    expect(parseIPv4('x192.0.2.1y', 1, 10)).toBe(0xc0000201);
  });

  it.each([
    '',
    '1.2.3',
    '1.2.3.4.5',
    '256.1.1.1',
    '1.2.3.-1',
    '01.2.3.4',
    '1.2.3.04',
    '1..3.4',
    '1.2.3.4 ',
    ' 1.2.3.4',
    '1.2.3.4/',
    'a.b.c.d',
    '1234.1.1.1',
  ])('refuses %j', (s) => expect(parseIPv4(s)).toBe(-1));

  it('round-trips every address through formatIPv4', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0xffffffff }), (v) => parseIPv4(formatIPv4(v)) === v),
    );
  });
});

describe('parseIPv6', () => {
  it('reads the RFC 4291 §2.2 forms', () => {
    expect(words('2001:db8:0:0:0:0:0:1')).toEqual([0x20010db8, 0, 0, 1]);
    expect(words('2001:DB8::1')).toEqual([0x20010db8, 0, 0, 1]);
    expect(words('::')).toEqual([0, 0, 0, 0]);
    expect(words('::1')).toEqual([0, 0, 0, 1]);
    expect(words('1::')).toEqual([0x10000, 0, 0, 0]);
    expect(words('::ffff:192.0.2.1')).toEqual([0, 0, 0xffff, 0xc0000201]);
    expect(words('1:2:3:4:5:6:192.0.2.1')).toEqual([0x10002, 0x30004, 0x50006, 0xc0000201]);
    expect(words('fe80::1%eth0')).toEqual([0xfe800000, 0, 0, 1]);
    expect(words('1:2:3:4:5:6:7::')).toEqual([0x10002, 0x30004, 0x50006, 0x70000]);
  });

  it.each([
    '',
    ':',
    ':::',
    '1:2:3:4:5:6:7:8:9',
    '1::2::3',
    '1:2:3:4:5:6:7',
    '12345::',
    'g::1',
    '1:',
    ':1',
    '::1.2.3',
    '1:2:3:4:5:6:7:1.2.3.4',
    '1.2.3.4',
  ])('refuses %j', (s) => expect(words(s)).toBeNull());

  it('round-trips through the RFC 5952 text, which is what the WHATWG URL parser writes too', () => {
    const group = fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 0xffff }));
    fc.assert(
      fc.property(fc.array(group, { minLength: 8, maxLength: 8 }), (g) => {
        const w = Uint32Array.from([0, 1, 2, 3], (k) => ((g[2 * k]! << 16) | g[2 * k + 1]!) >>> 0);
        const text = formatIPv6(w);
        expect(words(text)).toEqual([...w]);
        if (!isIPv4Mapped(w)) expect(new URL(`http://[${text}]/`).hostname).toBe(`[${text}]`);
      }),
    );
  });

  it('compresses the longest zero run, the first on a tie, and never a single group (RFC 5952 §4.2)', () => {
    expect(formatIPv6(Uint32Array.of(0x20010db8, 0, 1, 0))).toBe('2001:db8::1:0:0');
    expect(formatIPv6(Uint32Array.of(0x20010000, 0x00010000, 0, 1))).toBe('2001:0:1::1');
    expect(formatIPv6(Uint32Array.of(0x20010db8, 0, 0x00010000, 1))).toBe('2001:db8::1:0:0:1');
    expect(formatIPv6(Uint32Array.of(0x20010db8, 0x00010001, 0x00010001, 0x00010001))).toBe(
      '2001:db8:1:1:1:1:1:1',
    );
    expect(formatIPv6(Uint32Array.of(0, 0, 0xffff, 0xc0000201))).toBe('::ffff:192.0.2.1');
  });
});

describe('masks and prefix lengths', () => {
  it('masks IPv4 prefixes', () => {
    expect(ipv4Mask(0)).toBe(0);
    expect(ipv4Mask(8)).toBe(0xff000000);
    expect(ipv4Mask(32)).toBe(0xffffffff);
  });

  it('masks IPv6 prefixes across word boundaries and reports host bits', () => {
    const out = new Uint32Array(4);
    expect(maskIPv6(Uint32Array.of(0x20010db8, 0xffffffff, 1, 1), 0, 48, out, 0)).toBe(true);
    expect([...out]).toEqual([0x20010db8, 0xffff0000, 0, 0]);
    expect(maskIPv6(Uint32Array.of(0x20010db8, 0, 0, 0), 0, 32, out, 0)).toBe(false);
    expect(maskIPv6(Uint32Array.of(1, 2, 3, 4), 0, 128, out, 0)).toBe(false);
    expect([...out]).toEqual([1, 2, 3, 4]);
  });

  it('reads prefix lengths strictly', () => {
    expect(parsePrefixLength('24', 0, 2, 32)).toBe(24);
    expect(parsePrefixLength('0', 0, 1, 32)).toBe(0);
    expect(parsePrefixLength('33', 0, 2, 32)).toBe(-1);
    expect(parsePrefixLength('128', 0, 3, 128)).toBe(128);
    expect(parsePrefixLength('024', 0, 3, 128)).toBe(-1);
    expect(parsePrefixLength('', 0, 0, 32)).toBe(-1);
    expect(parsePrefixLength('2a', 0, 2, 32)).toBe(-1);
  });
});
