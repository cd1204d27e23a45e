/**
 * abuse.ch-style JSON feeds: an array of entries (Feodo Tracker's `ipblocklist.json`:
 * `ip_address`, `port`, `first_seen`, `last_online`, `malware`…; ThreatFox's `ioc`/`ioc_value`
 * with `ioc_type`; URLhaus's `url`), or an object whose `data` member is that array. Each entry
 * becomes an indicator; a named malware family becomes a malware object the indicator
 * `indicates`.
 */
import { badInput, isThreatMeshError, type SourceLocation } from '../../core/errors.js';
import type { StixObject } from '../../core/stix/object.js';
import { TLP2_MARKING_IDS, type TlpLevel } from '../../core/stix/tlp.js';
import type { ByteInput } from './byte-input.js';
import { parseFeedDate } from './feed-dates.js';
import type { BytesProgress, IntelItem } from './intel-items.js';
import { readFeedValue, typeFromName, type FeedTypeName } from './ioc-values.js';
import { streamJson } from './json-stream.js';
import { mintedId, mintIndicator, stixTime } from './minted-objects.js';

export interface AbuseChOptions {
  readonly source: string;
  readonly defaultTlp?: TlpLevel;
  readonly confidence?: number;
  /** Date (ms) of entries without `first_seen` (default: the file's modification time). */
  readonly dateMs?: number;
}

type Entry = Record<string, unknown>;

/** Value fields, first present wins, with the type they hold. */
const VALUE_FIELDS: readonly (readonly [string, FeedTypeName])[] = [
  ['ioc_value', 'auto'],
  ['ioc', 'auto'],
  ['ip_address', 'ip'],
  ['dst_ip', 'ip'],
  ['url', 'url'],
  ['domain', 'domain'],
  ['sha256_hash', 'sha256'],
  ['sha1_hash', 'sha1'],
  ['md5_hash', 'md5'],
];
const FIRST_SEEN = ['first_seen', 'first_seen_utc', 'dateadded', 'date_added'];
const LAST_SEEN = ['last_online', 'last_seen', 'last_seen_utc'];
const MALWARE = ['malware_printable', 'malware', 'threat'];

function text(e: Entry, names: readonly string[]): string | undefined {
  for (const n of names) {
    const v = e[n];
    if (typeof v === 'string' && v.trim() !== '' && v !== 'None') return v.trim();
  }
  return undefined;
}

function describe(e: Entry, malware: string | undefined): string {
  const parts: string[] = [];
  if (malware !== undefined) parts.push(`${malware}${e.port !== undefined ? ' C2' : ''}`);
  if (typeof e.port === 'number') parts.push(`port ${e.port}`);
  if (typeof e.status === 'string') parts.push(`status ${e.status}`);
  if (typeof e.as_name === 'string') parts.push(`AS${String(e.as_number ?? '')} ${e.as_name}`);
  if (typeof e.country === 'string') parts.push(`country ${e.country}`);
  if (typeof e.hostname === 'string') parts.push(`host ${e.hostname}`);
  return parts.join(', ');
}

/**
 * The indicators (and malware families) of an abuse.ch-style JSON feed.
 *
 * @throws ThreatMeshError BAD_INPUT for invalid JSON or a document that is not a list of entries.
 * @example for await (const item of readAbuseChJson(input, { source: 'feodotracker' })) …
 */
export async function* readAbuseChJson(
  input: ByteInput,
  options: AbuseChOptions,
  onProgress?: BytesProgress,
): AsyncGenerator<IntelItem> {
  const families = new Set<string>();
  const seen = new Set<string>();
  let entries = 0;
  let members = 0;
  for await (const part of streamJson(input.chunks, { name: input.name, arrayKey: 'data' })) {
    onProgress?.(input.bytesRead(), input.totalBytes);
    if (part.kind === 'member') {
      members++;
      continue;
    }
    entries++;
    const location: SourceLocation = { file: input.name, line: part.line, path: part.path };
    const e = part.value;
    if (e === null || typeof e !== 'object' || Array.isArray(e)) {
      yield { kind: 'rejected', location, reason: 'an entry must be a JSON object' };
      continue;
    }
    const entry = e as Entry;
    const field = VALUE_FIELDS.find(
      ([n]) => typeof entry[n] === 'string' && (entry[n] as string).trim() !== '',
    );
    if (field === undefined) {
      yield {
        kind: 'rejected',
        location,
        reason: `no indicator value (expected one of ${VALUE_FIELDS.map(([n]) => n).join(', ')})`,
      };
      continue;
    }
    const [name, declared] = field;
    let raw = (entry[name] as string).trim();
    let type = declared;
    const iocType = typeof entry.ioc_type === 'string' ? entry.ioc_type : undefined;
    if (iocType !== undefined) {
      if (iocType === 'ip:port') raw = raw.replace(/:\d+$/, '');
      type = typeFromName(iocType.replace(/_hash$/, '').replace(/:port$/, '')) ?? 'auto';
    }
    const firstText = text(entry, FIRST_SEEN);
    const first = firstText === undefined ? null : parseFeedDate(firstText);
    if (firstText !== undefined && first === null) {
      yield {
        kind: 'rejected',
        location: { ...location, path: `${part.path}.first_seen` },
        reason: `"${firstText}" is not a date`,
      };
      continue;
    }
    const lastText = text(entry, LAST_SEEN);
    const last = lastText === undefined ? null : parseFeedDate(lastText);
    const firstSeen = first ?? options.dateMs ?? input.modifiedMs ?? Date.now();
    const lastSeen = Math.max(firstSeen, last ?? firstSeen);
    const malware = text(entry, MALWARE);
    const confidence =
      typeof entry.confidence_level === 'number' &&
      entry.confidence_level >= 0 &&
      entry.confidence_level <= 100
        ? Math.round(entry.confidence_level)
        : options.confidence;
    let indicator: StixObject;
    try {
      indicator = mintIndicator({
        value: readFeedValue(raw, type, { ...location, path: `${part.path}.${name}` }),
        source: options.source,
        firstSeen,
        lastSeen,
        description: describe(entry, malware),
        ...(confidence !== undefined ? { confidence } : {}),
        ...(options.defaultTlp !== undefined
          ? { markingRefs: [TLP2_MARKING_IDS[options.defaultTlp]] }
          : {}),
      });
    } catch (err) {
      if (!isThreatMeshError(err)) throw err;
      yield { kind: 'rejected', location: err.location ?? location, reason: err.message };
      continue;
    }
    if (seen.has(indicator.id)) continue;
    seen.add(indicator.id);
    yield { kind: 'object', object: indicator, location, minted: true };
    if (malware === undefined) continue;
    const family = mintedId('malware', `family:${malware.toLowerCase()}`);
    const marking =
      options.defaultTlp !== undefined
        ? { object_marking_refs: [TLP2_MARKING_IDS[options.defaultTlp]] }
        : {};
    if (!families.has(family)) {
      families.add(family);
      const at = stixTime(firstSeen);
      yield {
        kind: 'object',
        location,
        object: {
          type: 'malware',
          spec_version: '2.1',
          id: family,
          created: at,
          modified: at,
          name: malware,
          is_family: true,
          ...marking,
        },
      };
    }
    yield {
      kind: 'object',
      location,
      object: {
        type: 'relationship',
        spec_version: '2.1',
        id: mintedId('relationship', `indicates|${indicator.id}|${family}`),
        created: indicator.created!,
        modified: indicator.created!,
        relationship_type: 'indicates',
        source_ref: indicator.id,
        target_ref: family,
        ...marking,
      },
    };
  }
  if (entries === 0 && members > 0) {
    throw badInput(
      'not an abuse.ch-style feed: expected a list of entries, or an object with a "data" list',
      {
        location: { file: input.name, path: '$' },
        hint: 'for STIX or MISP JSON use --format stix or --format misp',
      },
    );
  }
  if (entries === 0) yield { kind: 'note', text: `${input.name}: the feed holds no entries` };
}
