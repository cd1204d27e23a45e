/**
 * URL normalisation for matching: two spellings of the same request compare equal, two
 * different requests never do.
 */

/** WHATWG URL "special" schemes: parsed with a host, default ports known. */
const SPECIAL = new Set(['http:', 'https:', 'ftp:', 'ws:', 'wss:', 'file:']);
/** Schemes written without `//`, recognised before assuming a missing `http://`. */
const OPAQUE = /^(mailto|data|javascript|urn|tel|magnet):/i;
const PERCENT = /%([0-9A-Fa-f]{2})/g;

/** A normalised URL and its host (for the sanity rules). */
export interface NormalisedUrl {
  readonly url: string;
  /** Lower-case host without brackets or trailing dot; '' for URLs without a host. */
  readonly host: string;
  /** True when the URL is the bare host: path `/` or empty, and no query. */
  readonly bareHost: boolean;
}

/**
 * Normalises a URL. The rules, in order:
 *
 * 1. A value without `://` (and not `mailto:`, `data:`, `javascript:`, `urn:`, `tel:`,
 *    `magnet:`) is read as `http://` + value, as IOC lists often drop the scheme.
 * 2. Parsing follows the WHATWG URL Standard (`new URL`): scheme and host lower-cased,
 *    internationalised hosts to Punycode, IPv4 hosts in any legacy form (`0x7f.1`) to dotted
 *    quad, IPv6 hosts compressed, the scheme's default port (http 80, https 443, ftp 21,
 *    ws 80, wss 443) removed, `.` and `..` path segments (also `%2e`) resolved, an empty path of
 *    a special scheme made `/`, spaces and non-ASCII in path and query percent-encoded as UTF-8.
 * 3. For other schemes with a host (`tcp://EVIL.com:80`) the host is lower-cased too; the port
 *    is kept.
 * 4. A trailing dot of the host is removed (`evil.com.` → `evil.com`).
 * 5. Percent-encoding (RFC 3986 §6.2.2.2): an encoded unreserved character (letters, digits,
 *    `-`, `.`, `_`, `~`, RFC 3986 §2.3) is decoded (`%7e` → `~`); every other encoding keeps its
 *    byte with upper-case hex (`%2f` → `%2F`). Reserved characters are never decoded, since
 *    `/a%2Fb` and `/a/b` are different requests.
 * 6. The fragment (`#…`) is dropped: it is never sent to the server.
 * 7. An empty query (`?` alone) is dropped; a non-empty query is kept as written, parameter order
 *    included (servers may depend on it).
 * 8. User name and password are kept (as percent-encoded by the parser).
 *
 * @returns the normalised URL, or null when it cannot be parsed.
 * @example normaliseUrl('HTTP://Evil.COM:80/a/../%7euser/?#x').url // 'http://evil.com/~user/'
 */
export function normaliseUrl(value: string): NormalisedUrl | null {
  const text = value.includes('://') || OPAQUE.test(value) ? value : `http://${value}`;
  let u: URL;
  try {
    u = new URL(text);
  } catch {
    return null;
  }
  const scheme = u.protocol;
  const special = SPECIAL.has(scheme);
  const hasAuthority = u.host !== '' || u.href.startsWith(`${scheme}//`);
  if (special && scheme !== 'file:' && u.hostname === '') return null;
  let hostname = special ? u.hostname : u.hostname.toLowerCase();
  if (hostname.endsWith('.')) hostname = hostname.slice(0, -1);
  let out = scheme;
  if (hasAuthority) {
    out += '//';
    if (u.username !== '' || u.password !== '') {
      out += u.password !== '' ? `${u.username}:${u.password}@` : `${u.username}@`;
    }
    out += hostname;
    if (u.port !== '') out += `:${u.port}`;
  }
  const path = normalisePercent(u.pathname);
  const query = normalisePercent(u.search);
  out += path + query;
  const host = hostname.startsWith('[') ? hostname.slice(1, -1) : hostname;
  return { url: out, host, bareHost: (path === '/' || path === '') && query === '' };
}

function normalisePercent(s: string): string {
  if (!s.includes('%')) return s;
  return s.replace(PERCENT, (_, hex: string) => {
    const c = parseInt(hex, 16);
    const unreserved =
      (c >= 0x41 && c <= 0x5a) ||
      (c >= 0x61 && c <= 0x7a) ||
      (c >= 0x30 && c <= 0x39) ||
      c === 0x2d ||
      c === 0x2e ||
      c === 0x5f ||
      c === 0x7e;
    return unreserved ? String.fromCharCode(c) : `%${hex.toUpperCase()}`;
  });
}
