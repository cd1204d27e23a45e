/**
 * Flow and log rows as `Observation`s for indicator matching: which columns hold the source
 * and destination addresses, ports, protocol, time, domain, URL, hashes and e-mail, found from
 * the header (CIC-IDS2017's ` Source IP`, Zeek's `id.orig_h`, UNSW-NB15's `srcip`, generic
 * `src_ip`…) or from the data set's fixed layout. NSL-KDD and the UNSW-NB15 partitions carry
 * no addresses: `addressless` says so, so callers can tell the user nothing can match by address.
 */
import { buildObservation, type Observation } from '../../core/observation.js';
import { usageError } from '../../core/errors.js';
import { readBoundedLines } from './bounded-lines.js';
import type { ByteInput } from './byte-input.js';
import { parseFeedDate } from './feed-dates.js';
import { splitDelimited } from './feed-columns.js';

type Field =
  | 'srcIp'
  | 'dstIp'
  | 'srcPort'
  | 'dstPort'
  | 'protocol'
  | 'time'
  | 'domain'
  | 'url'
  | 'md5'
  | 'sha1'
  | 'sha256'
  | 'email';

const NAMES: Readonly<Record<Field, readonly string[]>> = {
  srcIp: [
    'srcip',
    'sourceip',
    'src',
    'source',
    'srchost',
    'saddr',
    'idorigh',
    'srcaddr',
    'sourceaddress',
    'clientip',
  ],
  dstIp: [
    'dstip',
    'destinationip',
    'dst',
    'destination',
    'dsthost',
    'daddr',
    'idresph',
    'dstaddr',
    'destinationaddress',
    'serverip',
  ],
  srcPort: ['sport', 'srcport', 'sourceport', 'idorigp'],
  dstPort: ['dsport', 'dport', 'dstport', 'destinationport', 'idrespp'],
  protocol: ['proto', 'protocol', 'protocoltype'],
  time: ['ts', 'time', 'timestamp', 'stime', 'start', 'starttime', 'date'],
  domain: ['domain', 'query', 'hostname', 'servername', 'sni', 'fqdn'],
  url: ['url', 'uri'],
  md5: ['md5'],
  sha1: ['sha1'],
  sha256: ['sha256'],
  email: ['email', 'from', 'sender', 'mailfrom'],
};

/** IANA protocol numbers CIC-IDS2017 writes (`6`, `17`). */
const PROTOCOL_NUMBERS: Readonly<Record<string, string>> = {
  '1': 'icmp',
  '6': 'tcp',
  '17': 'udp',
  '58': 'ipv6-icmp',
};

/** The datasets `threatmesh intel match --dataset` reads. */
export const MATCH_DATASETS = ['nsl-kdd', 'unsw-nb15', 'cic-ids2017', 'csv'] as const;
export type MatchDataset = (typeof MATCH_DATASETS)[number];

export interface FlowRow {
  readonly row: number;
  readonly line: number;
  readonly observation: Observation;
}

export interface FlowLayout {
  /** Column of each field found. */
  readonly columns: Partial<Record<Field, number>>;
  /** True when no column holds an address, domain, URL, hash or e-mail. */
  readonly addressless: boolean;
  readonly header: boolean;
}

const key = (s: string): string => s.toLowerCase().replace(/[^a-z0-9]/g, '');

/** NSL-KDD: no header, protocol in column 2 (1-based), no addresses. */
const NSL_KDD: FlowLayout = { columns: { protocol: 1 }, addressless: true, header: false };
/** UNSW-NB15 raw files (no header): srcip, sport, dstip, dsport, proto …, stime at 29. */
const UNSW_RAW: FlowLayout = {
  columns: { srcIp: 0, srcPort: 1, dstIp: 2, dstPort: 3, protocol: 4, time: 28 },
  addressless: false,
  header: false,
};

function fromHeader(names: readonly string[]): FlowLayout {
  const columns: Partial<Record<Field, number>> = {};
  const keys = names.map(key);
  for (const [field, aliases] of Object.entries(NAMES) as [Field, readonly string[]][]) {
    const i = keys.findIndex((k) => aliases.includes(k));
    if (i >= 0) columns[field] = i;
  }
  const valued: readonly Field[] = [
    'srcIp',
    'dstIp',
    'domain',
    'url',
    'md5',
    'sha1',
    'sha256',
    'email',
  ];
  return { columns, addressless: !valued.some((f) => columns[f] !== undefined), header: true };
}

/**
 * The layout of a file of the data set from its first line.
 *
 * @example decideFlowLayout('csv', 'ts,src_ip,dst_ip,dst_port').columns.dstIp // 2
 */
export function decideFlowLayout(dataset: MatchDataset, firstLine: string): FlowLayout {
  if (dataset === 'nsl-kdd') return NSL_KDD;
  const fields = splitDelimited(firstLine, ',').values.map((f) => f.trim());
  if (dataset === 'unsw-nb15' && /^\d{1,3}(\.\d{1,3}){3}$/.test(fields[0] ?? '')) return UNSW_RAW;
  return fromHeader(fields);
}

function text(values: readonly string[], i: number | undefined): string | undefined {
  if (i === undefined) return undefined;
  const v = values[i]?.trim();
  return v === undefined || v === '' || v === '-' ? undefined : v;
}

function num(values: readonly string[], i: number | undefined): number | undefined {
  const v = text(values, i);
  if (v === undefined) return undefined;
  const n = Number(v.startsWith('0x') ? parseInt(v, 16) : v);
  return Number.isInteger(n) && n >= 0 && n <= 65535 ? n : undefined;
}

function time(v: string | undefined, fallback: number): number {
  if (v === undefined) return fallback;
  if (/^\d+(\.\d+)?$/.test(v)) {
    const n = Number(v);
    return n > 1e11 ? n : n * 1000; // epoch seconds (Zeek, UNSW) or milliseconds
  }
  const t = parseFeedDate(v) ?? Date.parse(v);
  return Number.isFinite(t) ? t : fallback;
}

/**
 * The rows of a flow file as observations, with the layout used.
 *
 * @throws ThreatMeshError USAGE for an empty file; BAD_INPUT for an over-long line.
 * @example for await (const r of readFlowObservations(input, 'csv', (l) => …)) sync.match(r.observation)
 */
export async function* readFlowObservations(
  input: ByteInput,
  dataset: MatchDataset,
  onLayout: (layout: FlowLayout) => void,
  limit = Number.POSITIVE_INFINITY,
): AsyncGenerator<FlowRow> {
  let layout: FlowLayout | undefined;
  let row = 0;
  for await (const l of readBoundedLines(input, 1 << 20)) {
    if (l.text === null || l.text.trim() === '') continue;
    if (layout === undefined) {
      layout = decideFlowLayout(dataset, l.text);
      onLayout(layout);
      if (layout.header) continue;
    }
    if (row >= limit) return;
    const v = splitDelimited(l.text, ',').values;
    const c = layout.columns;
    const proto = text(v, c.protocol)?.toLowerCase();
    const fields = {
      time: time(text(v, c.time), 0),
      srcIp: text(v, c.srcIp),
      dstIp: text(v, c.dstIp),
      srcPort: num(v, c.srcPort),
      dstPort: num(v, c.dstPort),
      protocol: proto === undefined ? undefined : (PROTOCOL_NUMBERS[proto] ?? proto),
      domain: text(v, c.domain),
      url: text(v, c.url),
      email: text(v, c.email),
      id: `${input.name}:${l.line}`,
    };
    const hashes: Record<string, string> = {};
    for (const h of ['md5', 'sha1', 'sha256'] as const) {
      const x = text(v, c[h]);
      if (x !== undefined) hashes[h] = x.toLowerCase();
    }
    const defined = Object.fromEntries(Object.entries(fields).filter(([, x]) => x !== undefined));
    const observation = buildObservation({
      ...(defined as { time: number }),
      ...(Object.keys(hashes).length > 0 ? { hashes } : {}),
    });
    yield { row: row++, line: l.line, observation };
  }
  if (layout === undefined) {
    throw usageError(`${input.name} holds no rows`, { hint: 'check the file' });
  }
}
