import { describe, expect, it } from 'vitest';
import { fieldIndexAtByte, readQuoted, splitFields } from './csv-fields.js';

describe('CSV fields', () => {
  it('reads quoted fields with commas and doubled quotes', () => {
    expect(readQuoted('"a,""b""",1', 0, 11)).toEqual({ value: 'a,"b"', next: 9 });
    expect(readQuoted('x,"",y', 2, 6)).toEqual({ value: '', next: 4 });
    expect(readQuoted('"abc', 0, 4)).toBeUndefined();
    expect(readQuoted('"ab"c,d', 0, 7)).toBeUndefined();
    // The closing quote must lie inside the line, not in the next one.
    expect(readQuoted('"ab\n"', 0, 3)).toBeUndefined();
  });

  it('splits lines, keeping empty fields and where each starts', () => {
    expect(splitFields('a,"b,c",', 0, 8)).toEqual({
      values: ['a', 'b,c', ''],
      starts: [0, 2, 8],
      malformedAt: -1,
    });
    expect(splitFields('', 0, 0).values).toEqual(['']);
    expect(splitFields('x,y\nz', 0, 3).values).toEqual(['x', 'y']);
    expect(splitFields('a,"b', 0, 4).malformedAt).toBe(2);
  });

  it('finds the field of a byte, ignoring commas inside quotes', () => {
    const bytes = Buffer.from('1,"a,b",\x96x', 'latin1');
    expect(fieldIndexAtByte(bytes, 0)).toBe(0);
    expect(fieldIndexAtByte(bytes, 5)).toBe(1);
    expect(fieldIndexAtByte(bytes, 8)).toBe(2);
  });
});
