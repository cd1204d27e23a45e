import { describe, expect, it } from 'vitest';
import { buildObservation, makeObservation } from '../../core/observation.js';
import { compilePattern } from './compile.js';

// One object with a property of every JSON type (the OASIS matcher's basic-ops fixture shape).
const obs = makeObservation(
  [
    {
      type: 'x-test',
      id: '0',
      int: 5,
      float: 12.658,
      float_int: 12.0,
      bool: true,
      string: 'hello',
      ip: '11.22.33.44',
      cidr: '11.22.33.44/20',
      ip6: '2001:db8::1',
      nothing: null,
      name_hex: '616c696365',
      name_bin: 'YWxpY2U=',
      bin_hex: '01020304',
      name_u: 'ălice',
      created: '2014-01-13T07:03:17.5Z',
      list: ['a', 'b', 'c'],
      nested: { deep: [{ x: 1 }, { x: 2 }] },
    },
  ],
  0,
);

const matches = (pattern: string): boolean => compilePattern(pattern).test(obs);

const TRUE: string[] = [
  // numbers
  '[x-test:int = 5]',
  '[x-test:int NOT != 5]',
  '[x-test:int > 3]',
  '[x-test:int NOT < 3]',
  '[x-test:int > 4.9]',
  '[x-test:int <= 5]',
  '[x-test:int IN (-4, 5, 6.6)]',
  '[x-test:float = 12.658]',
  '[x-test:float > 12.65799]',
  '[x-test:float_int IN (11, 12, 13)]',
  // a type mismatch makes = false, so != (NOT =) true; other operators false, NOT … true
  "[x-test:int != 'world']",
  '[x-test:int != true]',
  "[x-test:int != h'010203']",
  "[x-test:int != b'AQIDBA==']",
  "[x-test:int != t'1965-07-19T22:41:38Z']",
  "[x-test:int NOT IN ('a', 'b')]",
  "[x-test:int NOT MATCHES 'l+']",
  "[x-test:int NOT LIKE 'he%']",
  "[x-test:int NOT ISSUBSET '11.22.33.44']",
  // booleans
  '[x-test:bool = true]',
  '[x-test:bool != 1]',
  '[x-test:bool IN (false, true)]',
  // strings: code-point order, LIKE, MATCHES, sets
  "[x-test:string = 'hello']",
  "[x-test:string > 'alice']",
  "[x-test:string < 'zelda']",
  "[x-test:string >= 'hello']",
  "[x-test:string LIKE 'he%']",
  "[x-test:string LIKE 'he__o']",
  "[x-test:string LIKE '%l%']",
  "[x-test:string MATCHES 'l+']",
  "[x-test:string MATCHES '.lo$']",
  "[x-test:string IN ('goodbye', 'hello')]",
  '[x-test:string NOT IN (1, 2, 3)]',
  '[x-test:string NOT IN ()]',
  // addresses
  "[x-test:ip ISSUBSET '11.22.41.123/20']",
  "[x-test:ip NOT ISSUBSET '11.22.123.41/20']",
  "[x-test:cidr ISSUPERSET '11.22.41.123']",
  "[x-test:cidr ISSUPERSET '11.22.41.123/29']",
  "[x-test:cidr NOT ISSUPERSET '11.22.33.44/13']",
  "[x-test:ip6 ISSUBSET '2001:db8::/32']",
  // binary properties (*_hex, *_bin) against binary literals and strings of code points < 256
  "[x-test:name_hex = h'616c696365']",
  "[x-test:name_hex = b'YWxpY2U=']",
  "[x-test:name_bin = 'alice']",
  "[x-test:string = h'68656c6c6f']",
  "[x-test:name_bin > 'aardvark']",
  "[x-test:name_hex MATCHES '\\\\x61li[c\\\\x01]e']",
  "[x-test:name_bin LIKE '%lic%']",
  "[x-test:bin_hex = h'01020304']",
  "[x-test:bin_hex MATCHES '.*\\\\x03']",
  // timestamps: a t'…' literal against a string property holding a STIX timestamp
  "[x-test:created = t'2014-01-13T07:03:17.500Z']",
  "[x-test:created > t'2014-01-13T07:03:17Z']",
  "[x-test:string != t'2014-01-13T07:03:17Z']",
  // null is a value: not equal to anything
  "[x-test:nothing != 'alice']",
  // lists, nested paths, EXISTS
  "[x-test:list[*] = 'b']",
  "[x-test:list[0] = 'a']",
  "[x-test:list[-1] = 'c']",
  '[x-test:nested.deep[*].x = 2]',
  '[x-test:nested.deep[1].x > 1]',
  '[EXISTS x-test:nested.deep[0].x]',
  '[NOT EXISTS x-test:missing]',
  '[EXISTS x-test:nothing]',
];

const FALSE: string[] = [
  '[x-test:int NOT = 5]',
  '[x-test:int > 8]',
  '[x-test:int > 5.1]',
  '[x-test:int = true]',
  "[x-test:int = 'world']",
  "[x-test:int > h'010203']",
  "[x-test:int = t'1965-07-19T22:41:38Z']",
  "[x-test:int LIKE 'he%']",
  "[x-test:int MATCHES 'l+']",
  '[x-test:int NOT IN (-4, 5, 6)]',
  "[x-test:int IN ('a', 'b', 'c')]",
  "[x-test:int ISSUBSET '11.22.33.44']",
  '[x-test:float != 12.658]',
  "[x-test:float NOT != 'world']",
  '[x-test:bool = 1]',
  '[x-test:bool != true]',
  '[x-test:bool > false]'.replace('false', "'a'"),
  "[x-test:string != 'hello']",
  "[x-test:string < 'alice']",
  "[x-test:string NOT LIKE 'he%']",
  "[x-test:string LIKE 'he_o']",
  "[x-test:string LIKE 'HE%']",
  "[x-test:string MATCHES '^l'] ",
  '[x-test:string IN ()]',
  "[x-test:ip ISSUBSET '11.22.123.41/20']",
  "[x-test:cidr ISSUPERSET '11.22.33.44/13']",
  "[x-test:ip6 ISSUBSET '11.22.0.0/16']",
  "[x-test:name_bin = 'ălice']",
  "[x-test:name_u = h'616c696365']",
  "[x-test:name_bin MATCHES '\\\\x62o[b\\\\x01]']",
  "[x-test:created = t'2014-01-13T07:03:17Z']",
  "[x-test:string = t'2014-01-13T07:03:17Z']",
  "[x-test:nothing = 'alice']",
  "[x-test:nothing LIKE 'alice']",
  "[x-test:nothing ISSUBSET '12.23.32.12/14']",
  // a path that does not resolve is false, with or without NOT
  "[x-test:missing = 'a']",
  "[x-test:missing != 'a']",
  "[x-test:missing NOT = 'a']",
  "[x-test:list = 'a']",
  "[x-test:list[3] = 'a']",
  '[x-test:nested.deep[*].x = 3]',
  '[EXISTS x-test:nested.deep[5]]',
  '[NOT EXISTS x-test:int]',
  // another object type
  '[x-other:int = 5]',
];

describe('comparison operators (STIX 2.1 §9.5 type rules)', () => {
  it.each(TRUE)('%s matches', (p) => expect(matches(p)).toBe(true));
  it.each(FALSE)('%s does not match', (p) => expect(matches(p)).toBe(false));
});

describe('object paths over an observation', () => {
  const flow = buildObservation({
    time: 0,
    srcIp: '10.0.0.5',
    dstIp: '198.51.100.1',
    srcPort: 51000,
    dstPort: 443,
    protocol: 'TCP',
    hashes: { sha256: 'ab'.repeat(32), md5: 'CD'.repeat(16) },
    domain: 'example.com',
  });
  const m = (p: string): boolean => compilePattern(p).test(flow);

  it('follows *_ref references to the objects they name', () => {
    expect(m("[network-traffic:dst_ref.value = '198.51.100.1']")).toBe(true);
    expect(m("[network-traffic:src_ref.value = '198.51.100.1']")).toBe(false);
    expect(
      m("[network-traffic:dst_ref.type = 'ipv4-addr' AND network-traffic:dst_port = 443]"),
    ).toBe(true);
    expect(m("[network-traffic:protocols[*] = 'tcp']")).toBe(true);
  });

  it('matches an address inside a CIDR written with =, as published indicators mean it', () => {
    expect(m("[ipv4-addr:value = '198.51.100.0/24']")).toBe(true);
    expect(m("[ipv4-addr:value = '198.51.101.0/24']")).toBe(false);
    expect(m("[network-traffic:dst_ref.value = '198.51.0.0/16']")).toBe(true);
    expect(m("[ipv4-addr:value != '198.51.100.0/24' AND ipv4-addr:value = '10.0.0.5']")).toBe(true);
  });

  it('reads hash keys however the pattern spells the algorithm', () => {
    for (const k of ["'SHA-256'", 'SHA256', 'sha256', "'sha-256'"]) {
      expect(m(`[file:hashes.${k} = '${'ab'.repeat(32)}']`)).toBe(true);
    }
    expect(m(`[file:hashes.MD5 = '${'CD'.repeat(16)}']`)).toBe(true);
    expect(m(`[file:hashes.MD5 = '${'cd'.repeat(16)}']`)).toBe(false);
  });

  it('requires the comparisons joined by AND to hold for one object', () => {
    const two = makeObservation(
      [
        { type: 'file', id: '0', name: 'a.exe', size: 10 },
        { type: 'file', id: '1', name: 'b.exe', size: 20 },
      ],
      0,
    );
    const t = (p: string): boolean => compilePattern(p).test(two);
    expect(t("[file:name = 'a.exe' AND file:size = 10]")).toBe(true);
    expect(t("[file:name = 'a.exe' AND file:size = 20]")).toBe(false);
    expect(t("[file:name = 'a.exe' OR file:size = 20]")).toBe(true);
    expect(t("[(file:name = 'a.exe' OR file:name = 'b.exe') AND file:size = 20]")).toBe(true);
  });

  it('lets OR mix object types', () => {
    expect(m("[domain-name:value = 'example.com' OR url:value = 'http://x']")).toBe(true);
    expect(m("[domain-name:value = 'nope.example' OR ipv4-addr:value = '10.0.0.5']")).toBe(true);
  });

  it('treats many ORed equalities like one set look-up, with the same answers', () => {
    const many = Array.from({ length: 500 }, (_, i) => `ipv4-addr:value = '203.0.113.${i % 250}'`);
    expect(m(`[${many.join(' OR ')}]`)).toBe(false);
    expect(m(`[${[...many, "ipv4-addr:value = '10.0.0.5'"].join(' OR ')}]`)).toBe(true);
    expect(m(`[${[...many, "ipv4-addr:value = '10.0.0.0/8'"].join(' OR ')}]`)).toBe(true);
  });

  it('compares LIKE and MATCHES text after NFC normalisation, and = by code point', () => {
    const nfd = makeObservation([{ type: 'x-u', id: '0', s: 'd\u0323\u0307' }], 0);
    const t = (p: string): boolean => compilePattern(p).test(nfd);
    expect(t("[x-u:s LIKE '\u1e0d\u0307']")).toBe(true);
    expect(t("[x-u:s MATCHES '^\u1e0b\u0323$']")).toBe(true);
    expect(t("[x-u:s = '\u1e0d\u0307']")).toBe(false);
    expect(t("[x-u:s = 'd\u0323\u0307']")).toBe(true);
  });

  it('orders strings by code point, not UTF-16 unit', () => {
    const astral = makeObservation([{ type: 'x-u', id: '0', s: '\u{1F600}' }], 0);
    expect(compilePattern("[x-u:s > '\uFFFD']").test(astral)).toBe(true);
  });

  it('never reads inherited properties such as constructor', () => {
    expect(m("[file:constructor = 'x' OR file:'__proto__' = 'x']")).toBe(false);
    expect(m('[NOT EXISTS file:constructor]')).toBe(true);
  });
});
