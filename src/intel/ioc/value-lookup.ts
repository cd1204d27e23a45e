/**
 * Reading an observed value for a lookup: parse it as its kind (without allocating on the
 * address, hash and ASCII-domain paths) and hand it to the matching key structure.
 */
import { parseHexWords } from './detect-type.js';
import { normaliseDomain } from './domain-name.js';
import { KIND_EMAIL, KIND_MD5, KIND_SHA1, KIND_SHA256, KIND_URL } from './entry-pool.js';
import type { IndexKeys } from './index-keys.js';
import { isIPv4Mapped, parseIPv4, parseIPv6, parsePrefixLength } from './ip-address.js';
import type { ChainSink } from './ipv4-networks.js';
import type { LookupType } from './types.js';
import { normaliseUrl } from './url-normalise.js';

/**
 * Reports to `sink` the chains of every key matching `value` read as `type`. `words` is scratch
 * space of eight words.
 *
 * @returns false when `value` is not a value of `type` (nothing is reported).
 * @example collectValue(keys, '198.51.100.7', 'ipv4', sink, new Uint32Array(8)) // true
 */
export function collectValue(
  keys: IndexKeys,
  value: string,
  type: LookupType,
  sink: ChainSink,
  words: Uint32Array,
): boolean {
  switch (type) {
    case 'ipv4': {
      const slash = value.indexOf('/');
      const ip = parseIPv4(value, 0, slash < 0 ? value.length : slash);
      const len = slash < 0 ? 32 : parsePrefixLength(value, slash + 1, value.length, 32);
      if (ip < 0 || len < 0) return false;
      keys.collectIPv4(ip, len, sink);
      return true;
    }
    case 'ipv6': {
      const slash = value.indexOf('/');
      const ok = parseIPv6(value, words, 0, slash < 0 ? value.length : slash);
      const len = slash < 0 ? 128 : parsePrefixLength(value, slash + 1, value.length, 128);
      if (!ok || len < 0) return false;
      if (isIPv4Mapped(words) && len >= 96) keys.collectIPv4(words[3]!, len - 96, sink);
      else keys.collectIPv6(words, len, sink);
      return true;
    }
    case 'md5':
      return collectHash(keys, value, 4, KIND_MD5, sink, words);
    case 'sha1':
      return collectHash(keys, value, 5, KIND_SHA1, sink, words);
    case 'sha256':
      return collectHash(keys, value, 8, KIND_SHA256, sink, words);
    case 'domain':
      return collectDomain(keys, value, sink);
    case 'url': {
      const u = normaliseUrl(value);
      if (u === null) return false;
      keys.collectText(KIND_URL, u.url, sink);
      return true;
    }
    case 'email': {
      const at = value.lastIndexOf('@');
      const domain = at > 0 ? normaliseDomain(value.slice(at + 1)) : null;
      if (domain === null) return false;
      keys.collectText(KIND_EMAIL, `${value.slice(0, at).toLowerCase()}@${domain}`, sink);
      return true;
    }
  }
}

function collectHash(
  keys: IndexKeys,
  value: string,
  count: number,
  kind: number,
  sink: ChainSink,
  words: Uint32Array,
): boolean {
  if (!parseHexWords(value, words, count)) return false;
  keys.collectHash(kind, words, sink);
  return true;
}

function collectDomain(keys: IndexKeys, value: string, sink: ChainSink): boolean {
  let end = value.length;
  if (end > 0 && value.charCodeAt(end - 1) === 46) end--;
  for (let i = 0; i < end; i++) {
    if (value.charCodeAt(i) >= 0x80) {
      // Internationalised name: normalise to Punycode first (rare, so the slow way).
      const name = normaliseDomain(value);
      if (name === null) return false;
      keys.collectDomain(name, name.length, sink);
      return true;
    }
  }
  if (end === 0) return false;
  keys.collectDomain(value, end, sink);
  return true;
}
