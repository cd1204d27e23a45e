import { describe, expect, it } from 'vitest';
import { detectLookupType, parseHexWords } from './detect-type.js';

describe('detectLookupType', () => {
  it.each([
    ['198.51.100.7', 'ipv4'],
    ['198.51.100.0/24', 'ipv4'],
    ['2001:db8::1', 'ipv6'],
    ['2001:db8::/32', 'ipv6'],
    ['::ffff:198.51.100.7', 'ipv6'],
    ['fe80::1%eth0', 'ipv6'],
    ['evil.example', 'domain'],
    ['localhost', 'domain'],
    ['deadbeef', 'domain'],
    ['bücher.de', 'domain'],
    ['http://evil.example/x', 'url'],
    ['evil.example/x', 'url'],
    ['evil.example:8080', 'url'],
    ['alice@evil.example', 'email'],
    ['d41d8cd98f00b204e9800998ecf8427e', 'md5'],
    ['DA39A3EE5E6B4B0D3255BFEF95601890AFD80709', 'sha1'],
    ['0000000000000000000000000000000000000001', 'sha1'],
    ['e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855', 'sha256'],
  ])('%s is %s', (value, type) => expect(detectLookupType(value)).toBe(type));

  it.each(['', '12345', '1.2.3'])('%j is nothing', (value) =>
    expect(detectLookupType(value)).toBeNull(),
  );
});

describe('parseHexWords', () => {
  it('reads big-endian words in either case', () => {
    const out = new Uint32Array(4);
    expect(parseHexWords('D41D8CD98f00b204e9800998ecf8427e', out, 4)).toBe(true);
    expect([...out]).toEqual([0xd41d8cd9, 0x8f00b204, 0xe9800998, 0xecf8427e]);
  });

  it('refuses other lengths and non-hex digits anywhere', () => {
    const out = new Uint32Array(8);
    expect(parseHexWords('d41d8cd98f00b204e9800998ecf8427', out, 4)).toBe(false);
    expect(parseHexWords('g41d8cd98f00b204e9800998ecf8427e', out, 4)).toBe(false);
    expect(parseHexWords('d41d8cd98f00b204e9800998ecf8427-', out, 4)).toBe(false);
    expect(parseHexWords('d41d8cd98f00b204e9800998ecf8427ü', out, 4)).toBe(false);
  });
});
