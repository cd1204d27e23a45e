import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ThreatMeshError } from '../../core/errors.js';
import { compilePattern } from './compile.js';

describe('parsePattern and compilePattern on arbitrary text', () => {
  const pieces = fc.constantFrom(
    '[',
    ']',
    '(',
    ')',
    'a-b:c',
    'x:y',
    '.',
    "'s'",
    "'",
    '\\',
    ' = ',
    '!=',
    ' IN ',
    ' LIKE ',
    ' MATCHES ',
    ' ISSUBSET ',
    ' AND ',
    ' OR ',
    ' NOT ',
    ' EXISTS ',
    ' FOLLOWEDBY ',
    ' WITHIN 5 SECONDS',
    ' REPEATS 2 TIMES',
    " START t'2020-01-01T00:00:00Z' STOP t'2020-01-02T00:00:00Z'",
    '1',
    '-2',
    '.5',
    "h'ff'",
    "b'AA=='",
    'true',
    '[*]',
    '[0]',
    ',',
    "'10.0.0.0/8'",
    "'(a+)+$'",
    "'[z-a]'",
    '/*',
    '*/',
    '//',
    '\n',
  );
  const outcome = (text: string): void => {
    try {
      compilePattern(text);
    } catch (e) {
      // Bad input is always a located BAD_INPUT error, never a crash of another kind.
      expect(e).toBeInstanceOf(ThreatMeshError);
      expect((e as ThreatMeshError).code).toBe('BAD_INPUT');
      expect((e as ThreatMeshError).location?.column).toBeGreaterThan(0);
    }
  };

  it('either compiles or fails with a located BAD_INPUT error (pattern-like text)', () => {
    fc.assert(
      fc.property(
        fc.array(pieces, { maxLength: 14 }).map((a) => a.join('')),
        (text) => {
          outcome(text);
        },
      ),
      { numRuns: 5000 },
    );
  });

  it('either compiles or fails with a located BAD_INPUT error (any text)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (text) => {
        outcome(text);
      }),
      { numRuns: 2000 },
    );
  });
});
