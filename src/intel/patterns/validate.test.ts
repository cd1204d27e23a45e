import { describe, expect, it } from 'vitest';
import { ThreatMeshError } from '../../core/errors.js';
import { compilePattern } from './compile.js';
import { parsePattern } from './parser.js';
import { assertValidPattern, validatePattern } from './validate.js';

function issues(text: string): { severity: string; at: string; message: string }[] {
  return validatePattern(parsePattern(text)).map((i) => ({
    severity: i.severity,
    at: `${i.line}:${i.column}`,
    message: i.message,
  }));
}

/** [pattern, position of the first error, part of its message] */
const ERRORS: [string, string, string][] = [
  ["[file:name = 'a' AND url:value = 'b']", '1:22', 'must hold for one object'],
  [
    "[file:name = 'a' AND (file:size = 1 OR url:value = 'b') AND url:value = 'c']",
    '1:61',
    'must hold for one object',
  ],
  ['[a-b:c = 1] WITHIN 0 SECONDS', '1:13', 'WITHIN needs a positive number'],
  ['[a-b:c = 1] REPEATS 0 TIMES', '1:13', 'REPEATS needs at least 1'],
  ['[a-b:c = 1] REPEATS 10001 TIMES', '1:13', 'above the supported 10000'],
  [
    "[a-b:c = 1] START t'2020-01-02T00:00:00Z' STOP t'2020-01-01T00:00:00Z'",
    '1:13',
    'STOP must be later than START',
  ],
  ["[a-b:c = t'2023-02-29T00:00:00Z']", '1:10', 'not a real date'],
  ["[a-b:c IN ('a', 1)]", '1:17', 'one type'],
  ["[a-b:c ISSUBSET '10.0.0.0/33']", '1:17', 'needs an IP address or CIDR block'],
  ["[a-b:c ISSUPERSET 'example.com']", '1:19', 'needs an IP address or CIDR block'],
  ["[a-b:c MATCHES '(a)\\\\1']", '1:16', 'back-references are not supported'],
  ["[a-b:c MATCHES '(?=a)b']", '1:16', 'look-ahead and look-behind'],
  ["[a-b:c MATCHES 'a(b']", '1:16', "missing ')'"],
  ["[file:hashes.'SHA-256' = 'f00']", '1:26', "'f00' is not a valid SHA-256 hash"],
  [
    "[file:hashes.md5 IN ('cead3f77f6cda6ec00f57d76c9a6879f', 'xyz')]",
    '1:58',
    'not a valid MD5 hash',
  ],
  ['[AB:c = 1]', '1:2', 'not a valid object type name'],
  ['[ab:c = 1]', '1:2', 'not a valid object type name'],
  ['[a--b:c = 1]', '1:2', 'not a valid object type name'],
];

describe('validatePattern (STIX 2.1 §9 rules beyond the grammar)', () => {
  it.each(ERRORS)('%s: error at %s', (text, at, message) => {
    const first = issues(text).find((i) => i.severity === 'error');
    expect(first).toMatchObject({ at });
    expect(first?.message).toContain(message);
  });

  it('bounds the observation expressions one AND/FOLLOWEDBY joins, not those an OR lists', () => {
    const obs = (n: number): string[] => Array.from({ length: n }, (_, i) => `[x-b:c = ${i}]`);
    expect(issues(obs(33).join(' AND '))[0]?.message).toContain('33 observation expressions');
    expect(issues(`[x-b:c = 0] OR (${obs(33).join(' FOLLOWEDBY ')})`)[0]?.at).toBe('1:16');
    expect(issues(obs(32).join(' AND '))).toEqual([]);
    expect(issues(obs(2000).join(' OR '))).toEqual([]);
  });

  it('accepts AND operands that share a satisfiable type (union for OR, intersection for AND)', () => {
    const ok = "[(file:name = 'a' OR url:value = 'b') AND (url:value = 'c' OR file:size = 1)]";
    expect(issues(ok).filter((i) => i.severity === 'error')).toEqual([]);
  });

  it('warns about names that are legal but unusual, with a suggestion for near misses', () => {
    expect(issues("[ipv4-adr:value = '1.2.3.4']")).toEqual([
      {
        severity: 'warning',
        at: '1:2',
        message: "'ipv4-adr' is not a STIX 2.1 cyber-observable type",
      },
    ]);
    expect(validatePattern(parsePattern("[ipv4-adr:value = '1.2.3.4']"))[0]?.hint).toContain(
      "'ipv4-addr'",
    );
    expect(issues('[x_whatever:a = 1]')[0]).toMatchObject({
      severity: 'warning',
      message: expect.stringContaining("'_'"),
    });
    expect(issues('[x-custom:a = 1]')).toEqual([]);
  });

  it('reports the issue written first first, whatever the nesting', () => {
    const all = issues("[file:name = 'a.exe' AND url:value MATCHES '(a)\\\\1']");
    expect(all.map((i) => i.at)).toEqual(['1:26', '1:44']);
  });

  it('collects every issue rather than stopping at the first', () => {
    const all = issues("[a-b:c = 1 AND d-e:f = 2] WITHIN 0 SECONDS AND [g-h:i IN ('a', true)]");
    expect(all.filter((i) => i.severity === 'error').map((i) => i.at)).toEqual([
      '1:16',
      '1:27',
      '1:64',
    ]);
  });

  it('assertValidPattern throws the first error, counts the rest, and returns warnings', () => {
    const p = parsePattern('[a-b:c = 1 AND d-e:f = 2] WITHIN 0 SECONDS', { source: 'x.json' });
    try {
      assertValidPattern(p, { source: 'x.json', path: '$.pattern' });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ThreatMeshError);
      const err = e as ThreatMeshError;
      expect(err.code).toBe('BAD_INPUT');
      expect(err.describe()).toMatch(
        /^x\.json:1:16 \$\.pattern: comparisons joined by AND must hold for one object.* \(and 1 more\) — use OR/,
      );
    }
    expect(assertValidPattern(parsePattern("[ipv4-adr:value = '1.2.3.4']"))).toHaveLength(1);
  });

  it('compilePattern refuses invalid patterns and keeps warnings', () => {
    expect(() => compilePattern("[file:name = 'a' AND url:value = 'b']")).toThrow(
      /must hold for one object/,
    );
    expect(compilePattern('[x_thing:a = 1]').warnings).toHaveLength(1);
  });
});
