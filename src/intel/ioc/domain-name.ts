/**
 * Domain names as the index keys them: lower-case ASCII, internationalised labels in their
 * Punycode (`xn--`) form, no trailing dot.
 */
import { domainToASCII } from 'node:url';

/** Letters, digits, hyphen, underscore (used by real DNS names such as `_dmarc`), dot. */
const ASCII_NAME = /^[A-Za-z0-9_.-]+$/;
/** An ASCII character that is not allowed in a name, even beside non-ASCII ones. */
const FORBIDDEN_ASCII = /[^A-Za-z0-9_.\-\u0080-\uffff]/;
const LABEL = /^[a-z0-9_-]{1,63}$/;

/**
 * Normalises a domain name: one trailing dot removed; ASCII letters lower-cased; a name with
 * non-ASCII characters converted with UTS #46 processing (`node:url` `domainToASCII`: case
 * folding, full-width and ideographic dots, Punycode). Total length ≤ 253 (RFC 1035 §2.3.4),
 * labels of 1–63 letters, digits, `-` or `_`, and a last label that is not all digits (RFC 3696
 * §2), so that an IPv4 address is never read as a name.
 *
 * @returns the normalised name, or null when `value` is not a domain name.
 * @example normaliseDomain('Bücher.DE.') // 'xn--bcher-kva.de'
 */
export function normaliseDomain(value: string): string | null {
  let v = value;
  if (v.endsWith('.')) v = v.slice(0, -1);
  if (v.length === 0) return null;
  let ascii: string;
  if (ASCII_NAME.test(v)) {
    ascii = v.toLowerCase();
  } else {
    if (FORBIDDEN_ASCII.test(v)) return null;
    ascii = domainToASCII(v);
    if (ascii.endsWith('.')) ascii = ascii.slice(0, -1);
  }
  return isValidName(ascii) ? ascii : null;
}

function isValidName(name: string): boolean {
  if (name.length === 0 || name.length > 253) return false;
  const labels = name.split('.');
  for (const label of labels) if (!LABEL.test(label)) return false;
  return !/^[0-9]+$/.test(labels[labels.length - 1]!);
}

/**
 * The parent domains of a normalised name, the name itself first.
 *
 * @example domainSuffixes('a.b.evil.com') // ['a.b.evil.com', 'b.evil.com', 'evil.com', 'com']
 */
export function domainSuffixes(name: string): string[] {
  const out = [name];
  for (let i = name.indexOf('.'); i >= 0; i = name.indexOf('.', i + 1)) out.push(name.slice(i + 1));
  return out;
}
