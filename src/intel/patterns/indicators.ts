/**
 * "Simple indicators" for the IOC index: a pattern that is one observation expression of `=`
 * or IN comparisons joined by OR, each on an indexable path (or an OR of such observation
 * expressions, which means the same), is just a list of values to look up; any other pattern
 * needs the full evaluator. Values are normalised the way the index
 * compares them: IP blocks in canonical form (`/32` and `/128` become plain addresses; host
 * bits are kept, for the index's sanity rules to see), domains, e-mail addresses and hashes in
 * lower case, a domain's trailing dot dropped.
 */
import { canonicalHashName } from '../../core/observation.js';
import type { ComparisonExpression, Literal, ObjectPath, Pattern } from './ast.js';
import { formatObjectPath } from './format.js';
import { formatIpBlock, parseIpBlock } from './ip.js';
import { mergeSimpleOr } from './merge-or.js';
import { parsePattern } from './parser.js';

export type SimpleIndicatorType =
  'ipv4' | 'ipv6' | 'cidr4' | 'cidr6' | 'domain' | 'url' | 'md5' | 'sha1' | 'sha256' | 'email';

export interface SimpleIndicator {
  readonly type: SimpleIndicatorType;
  readonly value: string;
  /** The object path it came from, e.g. `network-traffic:dst_ref.value`. */
  readonly path: string;
}

type Kind = 'address' | 'domain' | 'url' | 'hash' | 'email' | 'endpoint';

/** Indexable paths (canonical text) and what their values are. */
const PATHS: Readonly<Record<string, Kind>> = {
  'ipv4-addr:value': 'address',
  'ipv6-addr:value': 'address',
  'domain-name:value': 'domain',
  'url:value': 'url',
  'email-addr:value': 'email',
  'network-traffic:dst_ref.value': 'endpoint',
  'network-traffic:src_ref.value': 'endpoint',
  'email-message:from_ref.value': 'email',
  'email-message:sender_ref.value': 'email',
};

const HASH_TYPES: Readonly<Record<string, SimpleIndicatorType>> = {
  MD5: 'md5',
  'SHA-1': 'sha1',
  'SHA-256': 'sha256',
};
const HASH_LENGTH: Readonly<Record<string, number>> = { md5: 32, sha1: 40, sha256: 64 };

const EMAIL = /^[^\s@]+@[^\s@]+$/;

function pathKind(path: ObjectPath): { kind: Kind; hash?: SimpleIndicatorType } | undefined {
  const s = path.steps;
  if (
    path.objectType === 'file' &&
    s.length === 2 &&
    s[0]!.kind === 'key' &&
    s[0]!.key === 'hashes'
  ) {
    const step = s[1]!;
    const hash = step.kind === 'key' ? HASH_TYPES[canonicalHashName(step.key)] : undefined;
    return hash ? { kind: 'hash', hash } : undefined;
  }
  const kind = PATHS[formatObjectPath(path)];
  return kind ? { kind } : undefined;
}

type Found = { type: SimpleIndicatorType; value: string } | undefined;

/** Labels of 1–63 letters, digits, `-` or `_` (not at either end), and at least two labels. */
function isHostName(d: string): boolean {
  if (d.length === 0 || d.length > 253) return false;
  const labels = d.split('.');
  return (
    labels.length >= 2 &&
    labels.every(
      (l) => l.length >= 1 && l.length <= 63 && /^[a-z0-9_](?:[a-z0-9_-]*[a-z0-9_])?$/.test(l),
    )
  );
}

function address(v: string): Found {
  const b = parseIpBlock(v);
  if (!b) return undefined;
  const full = b.prefix === (b.version === 4 ? 32 : 128);
  const type: SimpleIndicatorType =
    b.version === 4 ? (full ? 'ipv4' : 'cidr4') : full ? 'ipv6' : 'cidr6';
  return { type, value: formatIpBlock(b, { keepHostBits: true }) };
}

function indicator(kind: Kind, hash: SimpleIndicatorType | undefined, raw: string): Found {
  const v = raw.trim();
  switch (kind) {
    case 'address':
      return address(v);
    case 'endpoint': {
      const a = address(v);
      if (a) return a;
      const d = v.toLowerCase().replace(/\.$/, '');
      return isHostName(d) ? { type: 'domain', value: d } : undefined;
    }
    case 'domain': {
      const d = v.toLowerCase().replace(/\.$/, '');
      return d.length > 0 && !/\s/.test(d) ? { type: 'domain', value: d } : undefined;
    }
    case 'url':
      return v.length > 0 ? { type: 'url', value: v } : undefined;
    case 'email':
      return EMAIL.test(v) ? { type: 'email', value: v.toLowerCase() } : undefined;
    case 'hash': {
      const h = v.toLowerCase();
      return new RegExp(`^[0-9a-f]{${HASH_LENGTH[hash!]}}$`).test(h)
        ? { type: hash!, value: h }
        : undefined;
    }
  }
}

function collect(e: ComparisonExpression, out: SimpleIndicator[]): boolean {
  if (e.kind === 'or') return e.operands.every((o) => collect(o, out));
  if (e.kind !== 'comparison' || e.negated || (e.operator !== '=' && e.operator !== 'IN'))
    return false;
  const target = pathKind(e.path);
  if (!target) return false;
  const path = formatObjectPath(e.path);
  const values: readonly Literal[] = Array.isArray(e.value) ? e.value : [e.value as Literal];
  for (const l of values) {
    if (l.type !== 'string') return false;
    const ind = indicator(target.kind, target.hash, l.value);
    if (!ind) return false;
    out.push({ ...ind, path });
  }
  return true;
}

/**
 * The values to index for a pattern that is only a disjunction of equality tests on indexable
 * paths, or null when it needs the full evaluator (AND, NOT, other operators, qualifiers,
 * several observation expressions, other paths, or a value that is not valid for its path).
 *
 * @example
 * extractSimpleIndicators("[ipv4-addr:value = '198.51.100.0/24' OR domain-name:value = 'Evil.example.']")
 * // [{ type: 'cidr4', value: '198.51.100.0/24', path: 'ipv4-addr:value' },
 * //  { type: 'domain', value: 'evil.example', path: 'domain-name:value' }]
 */
export function extractSimpleIndicators(pattern: string | Pattern): SimpleIndicator[] | null {
  const p = typeof pattern === 'string' ? parsePattern(pattern) : pattern;
  const e = mergeSimpleOr(p.expression);
  if (e.kind !== 'observation') return null;
  const out: SimpleIndicator[] = [];
  if (!collect(e.comparison, out)) return null;
  const seen = new Set<string>();
  return out.filter((i) => {
    const key = `${i.type} ${i.value} ${i.path}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
