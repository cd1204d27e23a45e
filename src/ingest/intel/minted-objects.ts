/**
 * STIX objects ThreatMesh writes itself from feeds: indicators for list values, and the ids,
 * patterns and timestamps they need. Ids are UUIDv5 of the content that identifies the object
 * (the pattern for an indicator), so the same value from two feeds, or the same feed imported
 * twice, is the same object.
 */
import { uuidv5 } from '../../core/stix/sco-id.js';
import type { StixObject } from '../../core/stix/object.js';
import type { FeedValue } from './ioc-values.js';

/** Namespace of ThreatMesh's name-based ids (a random UUIDv4 chosen once for the project). */
export const THREATMESH_NAMESPACE = '6f4c3c1e-5f0b-4d8e-9a57-2f1f0c7a9d4e';

/**
 * `<type>--<UUIDv5 of name>` in ThreatMesh's namespace.
 *
 * @example mintedId('malware', 'family:dridex') // 'malware--…' (the same every time)
 */
export function mintedId(type: string, name: string): string {
  return `${type}--${uuidv5(THREATMESH_NAMESPACE, name)}`;
}

/**
 * A STIX 2.1 string literal (§9.3: `'` and `\` escaped with `\`).
 *
 * @example stixString("O'Brien") // "'O\\'Brien'"
 */
export function stixString(v: string): string {
  return `'${v.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/**
 * The pattern that matches a feed value.
 *
 * @example patternOf({ type: 'ipv4', value: '198.51.100.7' }) // "[ipv4-addr:value = '198.51.100.7']"
 */
export function patternOf(v: FeedValue): string {
  const s = stixString(v.value);
  switch (v.type) {
    case 'ipv4':
    case 'cidr4':
      return `[ipv4-addr:value = ${s}]`;
    case 'ipv6':
    case 'cidr6':
      return `[ipv6-addr:value = ${s}]`;
    case 'domain':
      return `[domain-name:value = ${s}]`;
    case 'url':
      return `[url:value = ${s}]`;
    case 'email':
      return `[email-addr:value = ${s}]`;
    case 'md5':
      return `[file:hashes.MD5 = ${s}]`;
    case 'sha1':
      return `[file:hashes.'SHA-1' = ${s}]`;
    case 'sha256':
      return `[file:hashes.'SHA-256' = ${s}]`;
    case 'sha512':
      return `[file:hashes.'SHA-512' = ${s}]`;
    case 'commandline':
      return `[process:command_line = ${s}]`;
    case 'uripath':
      return `[network-traffic:extensions.'http-request-ext'.request_value = ${s}]`;
    case 'filepath': {
      const cut = Math.max(v.value.lastIndexOf('\\'), v.value.lastIndexOf('/'));
      if (cut < 0) return `[file:name = ${s}]`;
      const name = stixString(v.value.slice(cut + 1));
      const dir = stixString(v.value.slice(0, cut));
      return cut === v.value.length - 1
        ? `[directory:path = ${dir}]`
        : `[file:name = ${name} AND file:parent_directory_ref.path = ${dir}]`;
    }
  }
}

/** RFC 3339 with milliseconds (STIX 2.1 §3.2) of epoch milliseconds. */
export function stixTime(ms: number): string {
  return new Date(ms).toISOString();
}

/** One source's report of a minted indicator, kept in `x_threatmesh_sources`. */
export interface SourceReportProperty {
  readonly source: string;
  readonly confidence?: number;
  readonly first_seen: string;
  readonly last_seen: string;
  readonly description?: string;
}

export interface MintIndicatorInput {
  readonly value: FeedValue;
  readonly source: string;
  /** First and last time the source reported it (ms). */
  readonly firstSeen: number;
  readonly lastSeen: number;
  readonly confidence?: number;
  readonly description?: string;
  readonly labels?: readonly string[];
  readonly markingRefs?: readonly string[];
}

/**
 * The indicator for one feed value as one source reports it; its name is the value, and what
 * the source says about it is in `description` and in its report in `x_threatmesh_sources`
 * (knowledge/ merges the reports of several sources into one object).
 *
 * @example mintIndicator({ value: { type: 'ipv4', value: '198.51.100.7' }, source: 'blocklist.de', firstSeen: t, lastSeen: t })
 */
export function mintIndicator(m: MintIndicatorInput): StixObject {
  const pattern = patternOf(m.value);
  const report: SourceReportProperty = {
    source: m.source,
    ...(m.confidence !== undefined ? { confidence: m.confidence } : {}),
    first_seen: stixTime(m.firstSeen),
    last_seen: stixTime(m.lastSeen),
    ...(m.description !== undefined ? { description: m.description } : {}),
  };
  const o: Record<string, unknown> = {
    type: 'indicator',
    spec_version: '2.1',
    id: mintedId('indicator', pattern),
    created: stixTime(m.firstSeen),
    modified: stixTime(m.lastSeen),
    name: m.value.value,
    indicator_types: ['malicious-activity'],
    pattern,
    pattern_type: 'stix',
    pattern_version: '2.1',
    valid_from: stixTime(m.firstSeen),
  };
  if (m.description !== undefined) o.description = m.description;
  if (m.confidence !== undefined) o.confidence = m.confidence;
  if (m.labels !== undefined && m.labels.length > 0) o.labels = [...m.labels];
  if (m.markingRefs !== undefined && m.markingRefs.length > 0)
    o.object_marking_refs = [...m.markingRefs];
  o.x_threatmesh_sources = [report];
  return o as StixObject;
}
