/**
 * What kind of observed value a string is, decided in one pass over its characters (lookups
 * without a declared type pay this on every call, so no regular expressions).
 */
import { HEX_VALUE, hexValue } from './ip-address.js';
import type { LookupType } from './types.js';

/**
 * Guesses the lookup type of a value: `://` or a `/` after a host → url; `@` → email;
 * a colon with only hex digits, dots and a zone → ipv6; a dotted quad (optionally `/len`) →
 * ipv4; 32/40/64 hex digits → md5/sha1/sha256; anything else with letters → domain.
 *
 * @returns the type, or null for an empty value or digits that form no address.
 * @example detectLookupType('2001:db8::1') // 'ipv6'
 */
export function detectLookupType(v: string): LookupType | null {
  const n = v.length;
  if (n === 0) return null;
  let digits = 0;
  let dots = 0;
  let colons = 0;
  let hexLetters = 0;
  let other = 0;
  let at = false;
  let slash = -1;
  let zone = false;
  for (let i = 0; i < n; i++) {
    const c = v.charCodeAt(i);
    if (c >= 48 && c <= 57) digits++;
    else if (c === 46) dots++;
    else if (c === 58) colons++;
    else if (c === 64) at = true;
    else if (c === 47) {
      if (slash < 0) slash = i;
    } else if (c === 37 && colons > 0) zone = true;
    else if (hexValue(c) >= 0) hexLetters++;
    else if (!zone) other++;
  }
  if (slash >= 0) {
    if (colons > 0 && other === 0 && !at && v.indexOf('://') < 0) return 'ipv6';
    if (colons === 0 && other === 0 && hexLetters === 0 && !at && dots === 3) return 'ipv4';
    return 'url';
  }
  if (colons > 0) {
    if (other === 0 && !at) return 'ipv6';
    return at ? 'email' : 'url';
  }
  if (at) return 'email';
  if (other === 0 && dots === 0) {
    // Before the digits-only test: a hash may happen to hold no letter.
    if (n === 32) return 'md5';
    if (n === 40) return 'sha1';
    if (n === 64) return 'sha256';
  }
  if (other === 0 && hexLetters === 0) return dots === 3 && digits > 0 ? 'ipv4' : null;
  return 'domain';
}

/**
 * Parses `count` big-endian 32-bit words of hex from `s` into `out` (no allocation).
 *
 * @returns false when `s` is not exactly `8 × count` hex digits.
 * @example parseHexWords('d41d8cd98f00b204e9800998ecf8427e', out, 4) // true
 */
export function parseHexWords(s: string, out: Uint32Array, count: number): boolean {
  if (s.length !== 8 * count) return false;
  let bad = 0;
  for (let k = 0; k < count; k++) {
    let w = 0;
    const base = 8 * k;
    for (let j = 0; j < 8; j++) {
      const h = HEX_VALUE[s.charCodeAt(base + j)]!;
      // -1 sets the sign bit; one test per value instead of one per digit.
      bad |= h;
      w = (w << 4) | h;
    }
    out[k] = w;
  }
  return bad >= 0;
}
