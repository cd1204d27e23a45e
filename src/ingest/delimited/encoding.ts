/**
 * The slow paths of text decoding: finding the exact bad byte once a fatal UTF-8 decode has
 * failed, decoding Windows-1252, and turning string offsets into character columns.
 */

/**
 * Offset of the first byte that does not start a valid UTF-8 sequence (WHATWG Encoding §4.3:
 * no overlongs, no surrogates, nothing above U+10FFFF), or -1 when all of `bytes` is valid.
 *
 * @example
 * firstInvalidUtf8(Uint8Array.of(0x61, 0x96, 0x62)); // 1
 */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  const n = bytes.length;
  while (i < n) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      if (b === 0xe0) lo = 0xa0;
      if (b === 0xed) hi = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      if (b === 0xf0) lo = 0x90;
      if (b === 0xf4) hi = 0x8f;
    } else return i;
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || c < lo || c > hi) return i;
      lo = 0x80;
      hi = 0xbf;
    }
    i += need + 1;
  }
  return -1;
}

/**
 * Windows-1252 bytes 0x80–0x9F (WHATWG index-windows-1252); the rest is Latin-1. Node's
 * TextDecoder('windows-1252') decodes 0x96 as U+0096 instead of '–' (checked on Node 20.20),
 * hence this table.
 */
const CP1252_HIGH = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152,
  0x8d, 0x17d, 0x8f, 0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122,
  0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
];

/**
 * Decode Windows-1252 bytes.
 *
 * @example
 * decodeWindows1252(Uint8Array.of(0x41, 0x96, 0x42)); // 'A–B'
 */
export function decodeWindows1252(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    out += String.fromCharCode(b >= 0x80 && b <= 0x9f ? CP1252_HIGH[b - 0x80]! : b);
  }
  return out;
}

/**
 * 1-based character column of UTF-16 offset `at` in the line starting at `lineStart`:
 * a character outside the BMP counts once, as an editor shows it.
 */
export function characterColumn(text: string, lineStart: number, at: number): number {
  let col = 1;
  for (let i = lineStart; i < at; i++) {
    const c = text.charCodeAt(i);
    // A high surrogate followed by a low one is one character.
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < at) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
    col++;
  }
  return col;
}

/** Two-digit upper-case hex of a byte, as in `0x96`. */
export function hexByte(b: number): string {
  return `0x${b.toString(16).toUpperCase().padStart(2, '0')}`;
}
