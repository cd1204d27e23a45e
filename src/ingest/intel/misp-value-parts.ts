/**
 * Reading the parts of MISP attribute values: composite values (`first|second`), ports, hashes
 * (hex digests in lower case; fuzzy hashes as written) and Windows registry keys (hives in full,
 * as the STIX schema requires).
 */
import { badInput, type SourceLocation } from '../../core/errors.js';

const HEX_LENGTH: Readonly<Record<string, number>> = {
  md5: 32,
  sha1: 40,
  sha224: 56,
  sha256: 64,
  sha384: 96,
  sha512: 128,
};

/** Splits a composite value at its first `|`. @example split('evil.example|198.51.100.7', loc) */
export function split(value: string, location: SourceLocation): [string, string] {
  const bar = value.indexOf('|');
  if (bar < 0) {
    throw badInput(`"${value}" has no "|" between its two parts`, {
      location,
      hint: 'a composite MISP value is written first|second, e.g. evil.example|198.51.100.7',
    });
  }
  return [value.slice(0, bar), value.slice(bar + 1)];
}

/** A port number 0–65535. @example port('443', loc) // 443 */
export function port(text: string, location: SourceLocation): number {
  const p = Number(text);
  if (!Number.isInteger(p) || p < 0 || p > 65535) {
    throw badInput(`"${text}" is not a port number`, {
      location,
      hint: 'a whole number from 0 to 65535',
    });
  }
  return p;
}

/**
 * A hash value of a MISP hash type: hex digests checked and lower-cased, fuzzy hashes kept.
 *
 * @example hashValue('md5', ' D41D8CD98F00B204E9800998ECF8427E ', loc) // 'd41d8cd98f00b204e9800998ecf8427e'
 */
export function hashValue(kind: string, v: string, location: SourceLocation): string {
  const t = v.trim();
  const len = HEX_LENGTH[kind];
  if (len !== undefined) {
    if (!new RegExp(`^[0-9a-fA-F]{${len}}$`).test(t)) {
      throw badInput(`"${t}" is not a ${kind.toUpperCase()} hash`, {
        location,
        hint: `${len} hex digits`,
      });
    }
    return t.toLowerCase();
  }
  // Fuzzy hashes (ssdeep, TLSH) are case-sensitive; line breaks pasted into them are not part.
  return t.replace(/\s+/g, '');
}

/** The schema refuses abbreviated hives (`HKLM\\…`): STIX keys name the hive in full. */
const HIVES: Readonly<Record<string, string>> = {
  HKLM: 'HKEY_LOCAL_MACHINE',
  HKCU: 'HKEY_CURRENT_USER',
  HKCR: 'HKEY_CLASSES_ROOT',
  HKU: 'HKEY_USERS',
  HKCC: 'HKEY_CURRENT_CONFIG',
};

/** A registry key with its hive written in full (`HKLM\\Run` → `HKEY_LOCAL_MACHINE\\Run`). */
export function registryKey(key: string): string {
  const m = /^(HKLM|HKCU|HKCR|HKU|HKCC)(?=\\|$)/i.exec(key);
  return m ? HIVES[m[1]!.toUpperCase()]! + key.slice(m[1]!.length) : key;
}
