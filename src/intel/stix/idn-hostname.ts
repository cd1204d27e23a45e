/**
 * The `idn-hostname` format the domain-name schema uses (JSON Schema 2020-12 §7.3.3: RFC 5890
 * internationalised host names). ajv-formats has no such format; ours converts to ASCII with
 * IDNA (Node's `domainToASCII`, which rejects invalid Unicode and Punycode) and then applies the
 * RFC 1034/1123 rules to the ASCII form: letters, digits and inner hyphens, labels of 1–63
 * characters, 253 in all, no empty label.
 */
import { domainToASCII } from 'node:url';

const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/**
 * True for a valid (internationalised) host name.
 *
 * @example isIdnHostname('bücher.example') // true
 * @example isIdnHostname('_dmarc.example.com') // false
 */
export function isIdnHostname(value: string): boolean {
  if (value.length === 0) return false;
  const ascii = domainToASCII(value);
  if (ascii === '' || ascii.length > 253) return false;
  for (const label of ascii.split('.')) if (!LABEL.test(label)) return false;
  return true;
}
