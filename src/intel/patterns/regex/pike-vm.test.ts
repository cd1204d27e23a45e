import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_PROGRAM, compileSafeRegex } from './pike-vm.js';
import { RegexSyntaxError } from './regex-syntax.js';

const test = (re: string, s: string): boolean => compileSafeRegex(re).test(s);

/** [expression, input, PCRE's answer] */
const CASES: [string, string, boolean][] = [
  ['abc', 'xxabcxx', true],
  ['^abc', 'xabc', false],
  ['abc$', 'abc\n', true], // PCRE: $ also matches before a final newline
  ['abc\\z', 'abc\n', false],
  ['abc\\Z', 'abc\n', true],
  ['\\Aabc', 'abc', true],
  ['(?m)^b$', 'a\nb\nc', true],
  ['^b$', 'a\nb\nc', false],
  ['a.c', 'a\nc', false],
  ['(?s)a.c', 'a\nc', true],
  ['(?i)HeLLo', 'say hello', true],
  ['(?i:h)ELLO', 'hELLO', true],
  ['(?i:h)ELLO', 'hello', false],
  ['a(?i)b|c', 'C', true], // (?i) reaches the later alternatives of its group
  ['(?x) a b  # comment\n c', 'abc', true],
  ['\\bfoo\\b', 'a foo b', true],
  ['\\bfoo\\b', 'afoob', false],
  ['\\Bfoo', 'afoo', true],
  ['colou?r', 'color', true],
  ['a{2,3}', 'xaay', true],
  ['a{3}', 'aa', false],
  ['a{2,}', 'aaaa', true],
  ['x{,2}', 'x{,2}', true], // not a quantifier in PCRE: literal braces
  ['[^0-9]+$', '123', false],
  ['[a-c]+d', 'zzbcad', true],
  ['[]a]', ']', true],
  ['[a-]', '-', true],
  ['[\\d.]+', '3.14', true],
  ['[[:alpha:]][[:digit:]]', 'x9', true],
  ['[[:^digit:]]', '5', false],
  ['\\d\\s\\w', '1 _', true],
  ['\\D\\S\\W', 'a!!', true],
  ['\\D\\S\\W', '1 a', false],
  ['\\x61\\x{62}\\o{143}\\0143', 'abc\f3', true], // \014 is octal: form feed
  ['\\u00e9', 'caf\u00e9', true],
  ['\\p{Lu}\\p{Ll}', 'aBc', true],
  ['\\P{L}', 'abc', false],
  ['\\Qa.b*\\E', 'xa.b*', true],
  ['\\Qa.b*\\E', 'axbb', false],
  ['(?:ab|cd)*e$', 'ababcde', true],
  ['(?<name>ab)+', 'abab', true],
  ["(?'n'x)", 'x', true],
  ['(?P<n>x)', 'x', true],
  ['(?#a comment)x', 'x', true],
  ['x*?y', 'xxy', true],
  ['', 'anything', true],
  ['^$', '', true],
  ['a|', 'zzz', true],
  ['\\R', 'a\r\nb', true],
  ['.', '\u{1F600}', true],
  ['^.$', '\u{1F600}', true], // one code point, not two UTF-16 units
  ['.+\\banking@g0thamnatl\\.com$', 'x\\banking@g0thamnatl.com', false], // \b: word boundary
  ['.+\\banking@g0thamnatl\\.com$', 'x -anking@g0thamnatl.com', true],
  ['(\\b)*x', 'x', true],
  ['^[IMPORTANT] Please', 'I Please Review', true],
  ['^b|^a', 'a', true], // anchored alternatives: the search stops when the threads die
  ['^ab', 'aab', false],
  ['(^)ab', 'ab', true],
  ['\\Aab|b', 'aab', true],
];

describe('compileSafeRegex: PCRE semantics', () => {
  it.each(CASES)('%j on %j → %s', (re, s, expected) => expect(test(re, s)).toBe(expected));
});

/** [expression, offset of the error, part of the message] */
const REFUSED: [string, number, string][] = [
  ['(a)\\1', 3, 'back-references'],
  ['(?<n>a)\\k<n>', 7, 'back-references'],
  ['(?P=n)', 0, 'recursion and back-references'],
  ['(?=a)', 0, 'look-ahead and look-behind'],
  ['x(?<!a)', 1, 'look-ahead and look-behind'],
  ['(?>a)', 0, 'atomic groups'],
  ['a*+', 2, 'possessive'],
  ['(?R)', 0, 'recursion'],
  ['(?(1)a|b)', 0, 'conditional'],
  ['(*UTF)a', 0, 'verbs'],
  ['a**', 2, 'cannot follow a quantifier'],
  ['*a', 0, 'nothing that can repeat'],
  ['^*', 1, 'nothing that can repeat'],
  ['[z-a]', 2, 'out of order'],
  ['(a', 0, "missing ')'"],
  ['a)', 1, "unmatched ')'"],
  ['[ab', 0, "missing ']'"],
  ['a{5,2}', 1, 'backwards'],
  ['a{1001}', 1, 'above 1000'],
  ['\\p{NoSuchProperty}', 0, 'unknown Unicode property'],
  ['\\y', 0, 'unknown escape'],
  ['[[:nope:]]', 1, 'unknown POSIX class'],
  ['ab\\', 2, 'trailing backslash'],
];

describe('compileSafeRegex: refused syntax', () => {
  it.each(REFUSED)('%j at %i', (re, offset, message) => {
    try {
      compileSafeRegex(re);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(RegexSyntaxError);
      expect((e as RegexSyntaxError).offset).toBe(offset);
      expect((e as RegexSyntaxError).message).toContain(message);
      expect((e as RegexSyntaxError).hint.length).toBeGreaterThan(5);
    }
  });

  it('refuses expressions whose repeats expand past the automaton bound', () => {
    expect(() => compileSafeRegex('(a{1000}){1000}')).toThrow(`more than ${MAX_PROGRAM}`);
  });
});

describe('compileSafeRegex on arbitrary expressions', () => {
  it('either compiles to a matcher that runs or is refused with a RegexSyntaxError', () => {
    const piece = fc.constantFrom(...'a()[]^-\\dx{},12*+?|.$:<=pQEb#'.split(''), '?:', '?i', '?<');
    fc.assert(
      fc.property(
        fc.array(piece, { maxLength: 12 }).map((a) => a.join('')),
        fc.string({ maxLength: 8 }),
        (re, s) => {
          let r;
          try {
            r = compileSafeRegex(re);
          } catch (e) {
            expect(e).toBeInstanceOf(RegexSyntaxError);
            return;
          }
          expect(typeof r.test(s)).toBe('boolean');
        },
      ),
      { numRuns: 5000 },
    );
  });
});

describe('compileSafeRegex: hostile input', () => {
  // Each of these takes exponential time in a backtracking engine on these inputs; a hang
  // here would fail the test by its timeout. Speed itself is measured in bench/patterns.
  it.each([
    ['(a+)+$', `${'a'.repeat(100_000)}!`],
    ['(a|a)*b', 'a'.repeat(100_000)],
    ['(a*)*b', 'a'.repeat(100_000)],
    ['^(\\w+\\s?)*$', `${'word '.repeat(20_000)}!`],
    ['(.*a){20}', 'a'.repeat(19) + 'b'.repeat(20_000)],
    ['(x+x+)+y', 'x'.repeat(50_000)],
  ])('%s finds no match in a long input', (re, input) => {
    expect(test(re, input)).toBe(false);
  });

  it('is reusable: many inputs through one compiled matcher', () => {
    const r = compileSafeRegex('^(a+)+$');
    for (let n = 0; n < 300; n++)
      expect(r.test(`${'a'.repeat(n)}${n % 2 ? '!' : ''}`)).toBe(n % 2 === 0 && n > 0);
  });
});

// Differential test: on expressions both engines support and inputs without newlines (where
// PCRE's `$` and JavaScript's agree), our answers equal V8's.
const atom = fc.oneof(
  fc.constantFrom('a', 'b', 'c', '.', '[ab]', '[^a]', '\\w', '\\d', '(?:a|bc)', '\\b'),
);
const quantified = fc
  .tuple(atom, fc.constantFrom('', '', '*', '+', '?', '{1,2}', '{2}', '*?'))
  .map(([a, q]) => (a === '\\b' ? a : a + q));
const { expr } = fc.letrec<{ expr: string }>((tie) => ({
  expr: fc.oneof(
    { depthSize: 'small' },
    fc.array(quantified, { minLength: 1, maxLength: 4 }).map((xs) => xs.join('')),
    fc.tuple(tie('expr'), tie('expr')).map(([x, y]) => `${x}|${y}`),
    fc.tuple(tie('expr'), fc.constantFrom('*', '+', '?', '')).map(([x, q]) => `(${x})${q}`),
  ),
}));
const anchored = fc
  .tuple(fc.boolean(), expr, fc.boolean())
  .map(([s, e, end]) => `${s ? '^' : ''}${e}${end ? '$' : ''}`);
const input = fc.stringMatching(/^[abc1 ]{0,10}$/);

describe('compileSafeRegex agrees with V8 on the common subset', () => {
  it('gives the same answer for generated expressions and inputs', () => {
    fc.assert(
      fc.property(anchored, input, (re, s) => {
        expect(test(re, s)).toBe(new RegExp(re).test(s));
      }),
      { numRuns: 2000 },
    );
  });

  it('gives the same answer case-insensitively', () => {
    fc.assert(
      fc.property(anchored, fc.stringMatching(/^[aAbBcC1 ]{0,10}$/), (re, s) => {
        expect(test(`(?i)${re}`, s)).toBe(new RegExp(re, 'i').test(s));
      }),
      { numRuns: 1000 },
    );
  });
});
