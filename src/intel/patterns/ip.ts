/**
 * IPv4/IPv6 addresses and CIDR blocks for ISSUBSET / ISSUPERSET (STIX 2.1 §9.5) and for the
 * indicator extraction: an address is a block with a full-length prefix. Addresses are 32-bit
 * words, most significant first, so containment is a masked word comparison.
 */

export interface IpBlock {
  readonly version: 4 | 6;
  /** 1 word (IPv4) or 4 words (IPv6), host bits as written. */
  readonly words: Uint32Array;
  /** Prefix length: 32 / 128 for a single address. */
  readonly prefix: number;
}

const HEX_GROUP = /^[0-9A-Fa-f]{1,4}$/;

/**
 * A dotted quad as one word, read character by character: ISSUBSET parses every observed value,
 * and split + RegExp cost 4× more (bench/patterns).
 */
function parseIpv4Word(s: string): number | undefined {
  let w = 0;
  let octet = 0;
  let digits = 0;
  let dots = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 46) {
      if (digits === 0 || ++dots > 3) return undefined;
      w = w * 256 + octet;
      octet = 0;
      digits = 0;
    } else if (c >= 48 && c <= 57) {
      // Leading zeros are refused: `010` is octal to some parsers and decimal to others.
      if (digits === 1 && octet === 0) return undefined;
      octet = octet * 10 + (c - 48);
      if (++digits > 3 || octet > 255) return undefined;
    } else return undefined;
  }
  if (dots !== 3 || digits === 0) return undefined;
  return (w * 256 + octet) >>> 0;
}

function parseIpv6Words(s: string): Uint32Array | undefined {
  const halves = s.split('::');
  if (halves.length > 2) return undefined;
  const groups: number[] = [];
  const parseSide = (side: string, allowV4Tail: boolean): number[] | undefined => {
    if (side === '') return [];
    const parts = side.split(':');
    const out: number[] = [];
    for (let i = 0; i < parts.length; i++) {
      const p = parts[i]!;
      if (allowV4Tail && i === parts.length - 1 && p.includes('.')) {
        const v4 = parseIpv4Word(p);
        if (v4 === undefined) return undefined;
        out.push(v4 >>> 16, v4 & 0xffff);
      } else if (HEX_GROUP.test(p)) out.push(parseInt(p, 16));
      else return undefined;
    }
    return out;
  };
  const head = parseSide(halves[0]!, halves.length === 1);
  const tail = halves.length === 2 ? parseSide(halves[1]!, true) : [];
  if (!head || !tail) return undefined;
  if (halves.length === 1) {
    if (head.length !== 8) return undefined;
    groups.push(...head);
  } else {
    const fill = 8 - head.length - tail.length;
    if (fill < 1) return undefined;
    groups.push(...head, ...new Array<number>(fill).fill(0), ...tail);
  }
  const words = new Uint32Array(4);
  for (let i = 0; i < 4; i++) words[i] = ((groups[2 * i]! << 16) | groups[2 * i + 1]!) >>> 0;
  return words;
}

/**
 * Parses an IPv4/IPv6 address or CIDR block (`198.51.100.0/24`, `2001:db8::/32`); undefined if
 * it is neither.
 *
 * @example parseIpBlock('198.51.100.7/24')?.prefix // 24
 */
export function parseIpBlock(text: string): IpBlock | undefined {
  const slash = text.indexOf('/');
  const addr = slash < 0 ? text : text.slice(0, slash);
  const v6 = addr.includes(':');
  const max = v6 ? 128 : 32;
  let prefix = max;
  if (slash >= 0) {
    const p = text.slice(slash + 1);
    if (!/^\d{1,3}$/.test(p) || Number(p) > max) return undefined;
    prefix = Number(p);
  }
  if (v6) {
    const words = parseIpv6Words(addr);
    return words ? { version: 6, words, prefix } : undefined;
  }
  const w = parseIpv4Word(addr);
  return w === undefined ? undefined : { version: 4, words: Uint32Array.of(w), prefix };
}

function maskWord(w: number, bitsInWord: number): number {
  if (bitsInWord >= 32) return w >>> 0;
  if (bitsInWord <= 0) return 0;
  return (w & (0xffffffff << (32 - bitsInWord))) >>> 0;
}

/**
 * Whether block `inner` lies inside block `outer` (same family, at least as long a prefix, same
 * network bits). An address is a block of one.
 *
 * @example ipBlockWithin(parseIpBlock('10.1.2.3')!, parseIpBlock('10.0.0.0/8')!) // true
 */
export function ipBlockWithin(inner: IpBlock, outer: IpBlock): boolean {
  if (inner.version !== outer.version || inner.prefix < outer.prefix) return false;
  for (let i = 0; i < outer.words.length; i++) {
    const bits = outer.prefix - 32 * i;
    if (bits <= 0) break;
    if (maskWord(inner.words[i]!, bits) !== maskWord(outer.words[i]!, bits)) return false;
  }
  return true;
}

/** An IPv4 text (`a.b.c.d` or `a.b.c.d/p`) as word and prefix, or undefined; no allocation. */
function parseIpv4Text(text: string, out: { w: number; prefix: number }): boolean {
  const slash = text.indexOf('/');
  const w = parseIpv4Word(slash < 0 ? text : text.slice(0, slash));
  if (w === undefined) return false;
  let prefix = 32;
  if (slash >= 0) {
    const p = text.slice(slash + 1);
    if (!/^\d{1,2}$/.test(p) || Number(p) > 32) return false;
    prefix = Number(p);
  }
  out.w = w;
  out.prefix = prefix;
  return true;
}

/**
 * A test of address texts against a fixed block: `inside` — the text's block lies within
 * `block` (ISSUBSET, `=` with a CIDR); `around` — it contains `block` (ISSUPERSET). IPv4 blocks
 * get an allocation-free path: these run once per observed value.
 *
 * @example ipBlockTest(parseIpBlock('10.0.0.0/8')!, 'inside')('10.1.2.3') // true
 */
export function ipBlockTest(
  block: IpBlock,
  relation: 'inside' | 'around',
): (text: string) => boolean {
  if (block.version === 4) {
    const net = maskWord(block.words[0]!, block.prefix);
    const v = { w: 0, prefix: 0 };
    return relation === 'inside'
      ? (text) =>
          parseIpv4Text(text, v) && v.prefix >= block.prefix && maskWord(v.w, block.prefix) === net
      : (text) =>
          parseIpv4Text(text, v) &&
          v.prefix <= block.prefix &&
          maskWord(block.words[0]!, v.prefix) === maskWord(v.w, v.prefix);
  }
  return (text) => {
    const b = parseIpBlock(text);
    return (
      b !== undefined && (relation === 'inside' ? ipBlockWithin(b, block) : ipBlockWithin(block, b))
    );
  };
}

/**
 * Canonical text of a block: dotted quad, or RFC 5952 IPv6 (lower case, longest zero run as
 * `::`); the prefix only when shorter than the address. Host bits are cleared unless
 * `keepHostBits` (an index may want to warn about `10.1.2.3/8`).
 *
 * @example formatIpBlock(parseIpBlock('2001:DB8:0:0::1/128')!) // '2001:db8::1'
 */
export function formatIpBlock(b: IpBlock, opts: { keepHostBits?: boolean } = {}): string {
  const max = b.version === 4 ? 32 : 128;
  const words = opts.keepHostBits ? b.words : b.words.map((w, i) => maskWord(w, b.prefix - 32 * i));
  let text: string;
  if (b.version === 4) {
    const w = words[0]!;
    text = [w >>> 24, (w >>> 16) & 255, (w >>> 8) & 255, w & 255].join('.');
  } else {
    const g: number[] = [];
    for (const w of words) g.push(w >>> 16, w & 0xffff);
    let bestStart = -1;
    let bestLen = 1; // RFC 5952 §4.2.2: a single zero group is not shortened
    for (let i = 0; i < 8;) {
      if (g[i] !== 0) {
        i++;
        continue;
      }
      let j = i;
      while (j < 8 && g[j] === 0) j++;
      if (j - i > bestLen) {
        bestStart = i;
        bestLen = j - i;
      }
      i = j;
    }
    const hex = g.map((x) => x.toString(16));
    text =
      bestStart < 0
        ? hex.join(':')
        : `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLen).join(':')}`;
  }
  return b.prefix === max ? text : `${text}/${b.prefix}`;
}
