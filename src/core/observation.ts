/**
 * What a flow record, a log event, an alert or a STIX observed-data looks like to the matchers
 * (IOC index, STIX patterns): a time interval, a small list of STIX-like cyber-observable
 * objects, and the raw record it came from.
 *
 * The objects use STIX 2.1 property names (`ipv4-addr.value`, `network-traffic.dst_port`,
 * `file.hashes.SHA-256`…) so that a pattern's object path (`network-traffic:src_ref.value`)
 * resolves by plain property look-ups; references (`src_ref`, `resolves_to_refs`) are keys of
 * `byRef`. A flow has three or four objects, so matchers scan `objects` linearly: that is faster
 * than any index at this size.
 */

/** One STIX-like cyber-observable object: `type` plus STIX 2.1 properties (custom ones kept). */
export interface CyberObservable {
  readonly type: string;
  /** Its key in `Observation.byRef`: a STIX id (`ipv4-addr--…`) or a local key (`"0"`). */
  readonly id?: string;
  readonly [property: string]: unknown;
}

export interface Observation {
  /** First observed, milliseconds since the epoch. */
  readonly time: number;
  /** Last observed (≥ `time`); equals `time` for a single event. */
  readonly lastTime: number;
  /** How many times this was observed (observed-data `number_observed`); 1 for one event. */
  readonly count: number;
  readonly objects: readonly CyberObservable[];
  /** Objects by reference key, for `*_ref` / `*_refs` properties. */
  readonly byRef: ReadonlyMap<string, CyberObservable>;
  /** Where it came from (an observed-data id, `file:line`…), for reporting matches. */
  readonly id?: string;
  /** The record as read (a parsed log line, a flow row, the observed-data object). */
  readonly raw?: unknown;
}

/** A time as accepted by the builders: epoch milliseconds, a Date, or an RFC 3339 string. */
export type TimeInput = number | Date | string;

/** The usual fields of flow records and log events; every one is optional except `time`. */
export interface ObservationFields {
  readonly time: TimeInput;
  readonly lastTime?: TimeInput;
  readonly count?: number;
  readonly srcIp?: string;
  readonly dstIp?: string;
  readonly srcPort?: number;
  readonly dstPort?: number;
  /** `tcp`, `udp`, `icmp`… (lower-cased); or several, outermost first. */
  readonly protocol?: string | readonly string[];
  /** Bytes and packets sent by the source / by the destination. */
  readonly srcBytes?: number;
  readonly dstBytes?: number;
  readonly srcPackets?: number;
  readonly dstPackets?: number;
  readonly domain?: string;
  readonly url?: string;
  /** Hash name → hex digest; names are normalised (`sha256` → `SHA-256`). */
  readonly hashes?: Readonly<Record<string, string>>;
  readonly fileName?: string;
  readonly user?: string;
  readonly email?: string;
  readonly processName?: string;
  readonly commandLine?: string;
  /** More objects (registry keys, certificates, custom types) to include as they are. */
  readonly extra?: readonly CyberObservable[];
  readonly id?: string;
  readonly raw?: unknown;
}

const HASH_NAMES: Readonly<Record<string, string>> = {
  MD5: 'MD5',
  SHA1: 'SHA-1',
  SHA224: 'SHA-224',
  SHA256: 'SHA-256',
  SHA384: 'SHA-384',
  SHA512: 'SHA-512',
  SHA3224: 'SHA3-224',
  SHA3256: 'SHA3-256',
  SHA3384: 'SHA3-384',
  SHA3512: 'SHA3-512',
  SSDEEP: 'SSDEEP',
  TLSH: 'TLSH',
};

/**
 * The STIX 2.1 hash-algorithm vocabulary name for a hash key written any common way
 * (`sha256`, `SHA256`, `sha-256` → `SHA-256`); unknown names come back unchanged.
 *
 * @example canonicalHashName('sha1') // 'SHA-1'
 */
export function canonicalHashName(name: string): string {
  return HASH_NAMES[name.toUpperCase().replace(/[-_ ]/g, '')] ?? name;
}

/**
 * Milliseconds since the epoch of a number, Date or RFC 3339 string.
 *
 * @example toEpochMs('2016-06-01T01:30:00.123Z') // 1464744600123
 */
export function toEpochMs(t: TimeInput): number {
  const ms = typeof t === 'number' ? t : typeof t === 'string' ? Date.parse(t) : t.getTime();
  if (!Number.isFinite(ms)) throw new RangeError(`not a time: ${String(t)}`);
  return ms;
}

/**
 * An observation from STIX-like objects as they are; references between them use their `id`.
 *
 * @example
 * makeObservation([{ type: 'domain-name', id: '0', value: 'example.com' }], 1700000000000)
 */
export function makeObservation(
  objects: readonly CyberObservable[],
  time: TimeInput,
  rest: { lastTime?: TimeInput; count?: number; id?: string; raw?: unknown } = {},
): Observation {
  const first = toEpochMs(time);
  const last = rest.lastTime === undefined ? first : toEpochMs(rest.lastTime);
  const byRef = new Map<string, CyberObservable>();
  for (const o of objects) if (o.id !== undefined) byRef.set(o.id, o);
  const obs: { -readonly [K in keyof Observation]: Observation[K] } = {
    time: first,
    lastTime: Math.max(first, last),
    count: rest.count ?? 1,
    objects,
    byRef,
  };
  if (rest.id !== undefined) obs.id = rest.id;
  if (rest.raw !== undefined) obs.raw = rest.raw;
  return obs;
}

function addressObject(value: string, id: string): CyberObservable {
  return { type: value.includes(':') ? 'ipv6-addr' : 'ipv4-addr', id, value };
}

/**
 * An observation from the fields of a flow record or log event: addresses become
 * `ipv4-addr`/`ipv6-addr` objects referenced by a `network-traffic` object (ports, protocols,
 * byte and packet counts), and the other fields become `domain-name`, `url`, `file`,
 * `user-account`, `email-addr` and `process` objects.
 *
 * @example
 * buildObservation({ time: 0, srcIp: '10.0.0.5', dstIp: '198.51.100.1', dstPort: 443, protocol: 'tcp' })
 * // matches [network-traffic:dst_ref.value = '198.51.100.1' AND network-traffic:dst_port = 443]
 */
export function buildObservation(f: ObservationFields): Observation {
  const objects: CyberObservable[] = [];
  let next = 0;
  const key = (): string => String(next++);
  const srcRef = f.srcIp === undefined ? undefined : key();
  if (srcRef !== undefined) objects.push(addressObject(f.srcIp!, srcRef));
  const dstRef = f.dstIp === undefined ? undefined : key();
  if (dstRef !== undefined) objects.push(addressObject(f.dstIp!, dstRef));
  const flow =
    srcRef !== undefined ||
    dstRef !== undefined ||
    f.srcPort !== undefined ||
    f.dstPort !== undefined ||
    f.protocol !== undefined ||
    f.srcBytes !== undefined ||
    f.dstBytes !== undefined ||
    f.srcPackets !== undefined ||
    f.dstPackets !== undefined;
  if (flow) {
    // Properties are set on one object (no spread of a temporary): built once per flow record.
    const t: Record<string, unknown> & CyberObservable = { type: 'network-traffic', id: key() };
    if (srcRef !== undefined) t.src_ref = srcRef;
    if (dstRef !== undefined) t.dst_ref = dstRef;
    if (f.srcPort !== undefined) t.src_port = f.srcPort;
    if (f.dstPort !== undefined) t.dst_port = f.dstPort;
    if (f.protocol !== undefined) {
      const list = typeof f.protocol === 'string' ? [f.protocol] : f.protocol;
      t.protocols = list.map((p) => p.toLowerCase());
    }
    if (f.srcBytes !== undefined) t.src_byte_count = f.srcBytes;
    if (f.dstBytes !== undefined) t.dst_byte_count = f.dstBytes;
    if (f.srcPackets !== undefined) t.src_packets = f.srcPackets;
    if (f.dstPackets !== undefined) t.dst_packets = f.dstPackets;
    objects.push(t);
  }
  if (f.domain !== undefined) objects.push({ type: 'domain-name', id: key(), value: f.domain });
  if (f.url !== undefined) objects.push({ type: 'url', id: key(), value: f.url });
  if (f.hashes !== undefined || f.fileName !== undefined) {
    const file: Record<string, unknown> = {};
    if (f.hashes !== undefined) {
      const hashes: Record<string, string> = {};
      for (const [k, v] of Object.entries(f.hashes)) hashes[canonicalHashName(k)] = v;
      file.hashes = hashes;
    }
    if (f.fileName !== undefined) file.name = f.fileName;
    objects.push({ type: 'file', id: key(), ...file });
  }
  if (f.user !== undefined) objects.push({ type: 'user-account', id: key(), user_id: f.user });
  if (f.email !== undefined) objects.push({ type: 'email-addr', id: key(), value: f.email });
  if (f.processName !== undefined || f.commandLine !== undefined) {
    const proc: Record<string, unknown> = {};
    // STIX 2.0 `process:name` is what published patterns use; 2.1 keeps it as a custom property.
    if (f.processName !== undefined) proc.name = f.processName;
    if (f.commandLine !== undefined) proc.command_line = f.commandLine;
    objects.push({ type: 'process', id: key(), ...proc });
  }
  if (f.extra !== undefined) for (const o of f.extra) objects.push(o.id ? o : { ...o, id: key() });
  return makeObservation(objects, f.time, f);
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * An observation from a STIX observed-data object: its STIX 2.0-style `objects` dictionary
 * (keys become references) and/or its STIX 2.1 `object_refs`, looked up with `lookup` (for
 * example in the same bundle), following `*_ref`/`*_refs` of the objects found.
 * Returns undefined when the object is not observed-data or has no usable time.
 *
 * @example
 * const byId = new Map(bundle.objects.map((o) => [o.id, o]));
 * observationFromObservedData(observedData, (id) => byId.get(id));
 */
export function observationFromObservedData(
  od: Readonly<Record<string, unknown>>,
  lookup: (id: string) => unknown = () => undefined,
): Observation | undefined {
  if (od.type !== 'observed-data' || typeof od.first_observed !== 'string') return undefined;
  const objects: CyberObservable[] = [];
  const seen = new Set<string>();
  if (isRecord(od.objects)) {
    for (const [k, v] of Object.entries(od.objects)) {
      if (isRecord(v) && typeof v.type === 'string') {
        objects.push({ ...v, type: v.type, id: k });
        seen.add(k);
      }
    }
  }
  const pending = Array.isArray(od.object_refs) ? [...od.object_refs] : [];
  // Referenced SCOs may reference others (network-traffic → ipv4-addr); bounded by `seen`.
  while (pending.length > 0) {
    const ref = pending.pop();
    if (typeof ref !== 'string' || seen.has(ref)) continue;
    seen.add(ref);
    const o = lookup(ref);
    if (!isRecord(o) || typeof o.type !== 'string') continue;
    objects.push({ ...o, type: o.type, id: ref });
    for (const [k, v] of Object.entries(o)) {
      if (k.endsWith('_ref') && typeof v === 'string') pending.push(v);
      else if (k.endsWith('_refs') && Array.isArray(v)) pending.push(...v);
    }
  }
  const first = Date.parse(od.first_observed);
  if (!Number.isFinite(first)) return undefined;
  const last = typeof od.last_observed === 'string' ? Date.parse(od.last_observed) : first;
  const count = typeof od.number_observed === 'number' ? od.number_observed : 1;
  return makeObservation(objects, first, {
    lastTime: Number.isFinite(last) ? last : first,
    count,
    ...(typeof od.id === 'string' ? { id: od.id } : {}),
    raw: od,
  });
}
