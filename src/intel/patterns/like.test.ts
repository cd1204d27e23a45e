import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileLike } from './like.js';

/** LIKE as a JavaScript regular expression (safe here: short generated inputs). */
function viaRegExp(pattern: string, text: string): boolean {
  const body = Array.from(pattern, (ch) =>
    ch === '%' ? '.*' : ch === '_' ? '.' : ch.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'),
  ).join('');
  return new RegExp(`^${body}$`, 'su').test(text);
}

describe('compileLike (SQL LIKE, STIX 2.1 §9.5)', () => {
  it.each([
    ['%.example.com', 'www.example.com', true],
    ['%.example.com', 'example.com', false],
    ['he__o', 'hello', true],
    ['he_o', 'hello', false],
    ['%', '', true],
    ['', '', true],
    ['', 'a', false],
    ['a%b%c', 'aXXbYYc', true],
    ['a%b%c', 'aXXcYYb', false],
    ['_', '\u{1F600}', true], // one character, two UTF-16 units
    ['100%', '100% sure', true],
    ['HELLO', 'hello', false], // case-sensitive
    ['%a%a%a%a%b', 'a'.repeat(5_000), false],
  ])('%j LIKE %j → %s', (pattern, text, expected) => {
    expect(compileLike(pattern)(text)).toBe(expected);
  });

  it('agrees with the equivalent anchored regular expression', () => {
    const alphabet = fc.constantFrom('a', 'b', '%', '_', '.', '\u{1F600}');
    fc.assert(
      fc.property(
        fc.array(alphabet, { maxLength: 8 }).map((a) => a.join('')),
        fc
          .array(fc.constantFrom('a', 'b', '.', '\u{1F600}'), { maxLength: 10 })
          .map((a) => a.join('')),
        (pattern, text) => {
          expect(compileLike(pattern)(text)).toBe(viaRegExp(pattern, text));
        },
      ),
      { numRuns: 3000 },
    );
  });
});
