import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatIpBlock, ipBlockTest, ipBlockWithin, parseIpBlock } from './ip.js';

const within = (a: string, b: string): boolean => ipBlockWithin(parseIpBlock(a)!, parseIpBlock(b)!);

describe('IP blocks', () => {
  it('parses addresses and CIDR blocks of both families, and refuses the rest', () => {
    expect(parseIpBlock('198.51.100.7')).toMatchObject({ version: 4, prefix: 32 });
    expect(parseIpBlock('198.51.100.0/24')).toMatchObject({ version: 4, prefix: 24 });
    expect(parseIpBlock('2001:db8::/32')).toMatchObject({ version: 6, prefix: 32 });
    expect(parseIpBlock('::ffff:192.0.2.1')?.words).toEqual(
      Uint32Array.of(0, 0, 0xffff, 0xc0000201),
    );
    for (const bad of [
      '',
      '1.2.3',
      '1.2.3.4.5',
      '256.1.1.1',
      '01.2.3.4',
      '1.2.3.4/33',
      '1.2.3.4/',
      '::1::',
      '1:2:3:4:5:6:7:8:9',
      'g::1',
      '2001:db8::/129',
      'example.com',
      '1.2.3.4 ',
    ]) {
      expect(parseIpBlock(bad)).toBeUndefined();
    }
  });

  it('tests containment by prefix, per family', () => {
    expect(within('10.1.2.3', '10.0.0.0/8')).toBe(true);
    expect(within('11.1.2.3', '10.0.0.0/8')).toBe(false);
    expect(within('10.0.0.0/8', '10.1.0.0/16')).toBe(false);
    expect(within('10.1.0.0/16', '10.0.0.0/8')).toBe(true);
    expect(within('1.2.3.4', '0.0.0.0/0')).toBe(true);
    expect(within('2001:db8:dead:beef::1', '2001:db8:dead:beef::/64')).toBe(true);
    expect(within('2001:db8:dead:bef0::1', '2001:db8:dead:beef::/64')).toBe(false);
    expect(within('2001:db8::1', '2001:db8::/33')).toBe(true);
    expect(within('::ffff:10.0.0.1', '10.0.0.0/8')).toBe(false);
  });

  it('formats IPv6 per RFC 5952 and clears host bits unless asked not to', () => {
    expect(formatIpBlock(parseIpBlock('2001:0DB8:0000:0000:0000:0000:0000:0001')!)).toBe(
      '2001:db8::1',
    );
    expect(formatIpBlock(parseIpBlock('2001:db8:0:1:1:1:1:1')!)).toBe('2001:db8:0:1:1:1:1:1');
    expect(formatIpBlock(parseIpBlock('1:0:0:2:0:0:0:3')!)).toBe('1:0:0:2::3');
    expect(formatIpBlock(parseIpBlock('::')!)).toBe('::');
    expect(formatIpBlock(parseIpBlock('10.1.2.3/8')!)).toBe('10.0.0.0/8');
    expect(formatIpBlock(parseIpBlock('10.1.2.3/8')!, { keepHostBits: true })).toBe('10.1.2.3/8');
    expect(formatIpBlock(parseIpBlock('2001:db8::ff/120')!)).toBe('2001:db8::/120');
  });

  it('formats what it parses back to the same block', () => {
    const v6 = fc.array(fc.integer({ min: 0, max: 0xffff }), { minLength: 8, maxLength: 8 });
    fc.assert(
      fc.property(v6, fc.integer({ min: 0, max: 128 }), (groups, prefix) => {
        const b = parseIpBlock(`${groups.map((g) => g.toString(16)).join(':')}/${prefix}`)!;
        const again = parseIpBlock(formatIpBlock(b, { keepHostBits: true }))!;
        expect(again.words).toEqual(b.words);
        expect(ipBlockWithin(b, parseIpBlock(formatIpBlock(b))!)).toBe(true);
      }),
    );
  });

  it('ipBlockTest (the allocation-free IPv4 path) agrees with ipBlockWithin', () => {
    const v4 = fc
      .tuple(
        fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 4, maxLength: 4 }),
        fc.option(fc.integer({ min: 0, max: 32 })),
      )
      .map(([o, p]) => `${o.join('.')}${p === null ? '' : `/${p}`}`);
    fc.assert(
      fc.property(v4, v4, (a, b) => {
        const block = parseIpBlock(b)!;
        const value = parseIpBlock(a)!;
        expect(ipBlockTest(block, 'inside')(a)).toBe(ipBlockWithin(value, block));
        expect(ipBlockTest(block, 'around')(a)).toBe(ipBlockWithin(block, value));
      }),
      { numRuns: 3000 },
    );
    expect(ipBlockTest(parseIpBlock('10.0.0.0/8')!, 'inside')('2001:db8::1')).toBe(false);
    expect(ipBlockTest(parseIpBlock('2001:db8::/32')!, 'inside')('2001:db8::1')).toBe(true);
    expect(ipBlockTest(parseIpBlock('10.0.0.0/8')!, 'inside')('10.0.0.1/40')).toBe(false);
  });
});
