import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { characterColumn, decodeWindows1252, firstInvalidUtf8, hexByte } from './encoding.js';

const fatal = new TextDecoder('utf-8', { fatal: true });
const decodes = (b: Uint8Array) => {
  try {
    fatal.decode(b);
    return true;
  } catch {
    return false;
  }
};

describe('encoding slow paths', () => {
  it('finds the first invalid UTF-8 byte', () => {
    expect(firstInvalidUtf8(Buffer.from('Web Attack – XSS'))).toBe(-1);
    expect(firstInvalidUtf8(Uint8Array.of(0x61, 0x96, 0x62))).toBe(1);
    expect(firstInvalidUtf8(Uint8Array.of(0xe2, 0x80))).toBe(0);
    expect(firstInvalidUtf8(Uint8Array.of(0x61, 0xc0, 0x80))).toBe(1);
    expect(firstInvalidUtf8(Uint8Array.of(0xed, 0xa0, 0x80))).toBe(0);
    expect(firstInvalidUtf8(Uint8Array.of(0xf4, 0x90, 0x80, 0x80))).toBe(0);
    expect(firstInvalidUtf8(Buffer.from('😀'))).toBe(-1);
  });

  it('agrees with a fatal TextDecoder, and the prefix before the bad byte decodes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 24 }), (bytes) => {
        const bad = firstInvalidUtf8(bytes);
        if (bad === -1) return decodes(bytes);
        return !decodes(bytes) && decodes(bytes.subarray(0, bad));
      }),
    );
  });

  it('agrees on text mixed with stray bytes', () => {
    const piece = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 6 }).map((t) => Buffer.from(t)),
      fc.uint8Array({ minLength: 1, maxLength: 2 }),
    );
    const bytes = fc.array(piece, { maxLength: 6 }).map((ps) => Buffer.concat(ps));
    fc.assert(
      fc.property(bytes, (b) => {
        const bad = firstInvalidUtf8(b);
        return bad === -1 ? decodes(b) : !decodes(b) && decodes(b.subarray(0, bad));
      }),
    );
  });

  it('decodes Windows-1252, where 0x96 is an en dash', () => {
    expect(decodeWindows1252(Buffer.from('Web Attack \x96 XSS', 'latin1'))).toBe(
      'Web Attack – XSS',
    );
    expect(decodeWindows1252(Uint8Array.of(0x80, 0xe9, 0x9f))).toBe('€éŸ');
  });

  it('counts columns in characters, a pair of surrogates once', () => {
    expect(characterColumn('ab,cd', 0, 3)).toBe(4);
    expect(characterColumn('x\n😀,z', 2, 5)).toBe(3);
    expect(hexByte(0x96)).toBe('0x96');
    expect(hexByte(7)).toBe('0x07');
  });
});
