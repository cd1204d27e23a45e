/**
 * Deterministic SCO identifiers (STIX 2.1 §2.9): `<type>--<UUIDv5>` with the STIX namespace
 * and, as name, the RFC 8785 canonical JSON of the object's ID-contributing properties (listed
 * per type in §6). Two producers that see the same observable so give it the same id, which is
 * what lets imports deduplicate observables.
 */
import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json.js';
import type { ScoType } from './kinds.js';

/** §2.9: the namespace of every deterministic SCO id. */
export const SCO_ID_NAMESPACE = '00abedb4-aa42-466c-9c01-fed23315a9b7';

/** §6: the ID-contributing properties of each SCO type (none for `process`: UUIDv4). */
export const SCO_ID_CONTRIBUTING_PROPERTIES: Readonly<Record<ScoType, readonly string[]>> = {
  artifact: ['hashes', 'payload_bin'],
  'autonomous-system': ['number'],
  directory: ['path'],
  'domain-name': ['value'],
  'email-addr': ['value'],
  'email-message': ['from_ref', 'subject', 'body'],
  file: ['hashes', 'name', 'extensions', 'parent_directory_ref'],
  'ipv4-addr': ['value'],
  'ipv6-addr': ['value'],
  'mac-addr': ['value'],
  mutex: ['name'],
  'network-traffic': [
    'start',
    'end',
    'src_ref',
    'dst_ref',
    'src_port',
    'dst_port',
    'protocols',
    'extensions',
  ],
  process: [],
  software: ['name', 'cpe', 'swid', 'vendor', 'version'],
  url: ['value'],
  'user-account': ['account_type', 'user_id', 'account_login'],
  'windows-registry-key': ['key', 'values'],
  'x509-certificate': ['hashes', 'serial_number'],
};

/**
 * One hash stands for `hashes`: the first of MD5, SHA-1, SHA-256, SHA-512 present, else the
 * first entry. This is the choice of the OASIS reference implementation (python-stix2), so our
 * ids equal the ids other tools compute; the OASIS example ids depend on it.
 */
const HASH_PREFERENCE = ['MD5', 'SHA-1', 'SHA-256', 'SHA-512'];

function chooseOneHash(hashes: unknown): Record<string, unknown> | null {
  if (hashes === null || typeof hashes !== 'object' || Array.isArray(hashes)) return null;
  const record = hashes as Record<string, unknown>;
  for (const name of HASH_PREFERENCE) if (name in record) return { [name]: record[name] };
  const first = Object.keys(record)[0];
  return first === undefined ? null : { [first]: record[first] };
}

/**
 * RFC 4122 §4.3 name-based UUID with SHA-1 (version 5).
 *
 * @example uuidv5('00abedb4-aa42-466c-9c01-fed23315a9b7', '{"value":"198.51.100.3"}')
 * // '28bb3599-77cd-5a82-a950-b5bc3caf07c4'
 */
export function uuidv5(namespace: string, name: string): string {
  const ns = Buffer.from(namespace.replace(/-/g, ''), 'hex');
  const digest = createHash('sha1').update(ns).update(name, 'utf8').digest();
  digest[6] = (digest[6]! & 0x0f) | 0x50;
  digest[8] = (digest[8]! & 0x3f) | 0x80;
  const hex = digest.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * The ID-contributing properties an SCO has, as they enter the hash (one hash for `hashes`),
 * or null when it has none (a custom or `process` SCO, or all of them absent): such an SCO gets
 * a UUIDv4.
 *
 * @example scoIdContributions({ type: 'url', value: 'http://a.example/', defanged: false })
 * // { value: 'http://a.example/' }
 */
export function scoIdContributions(object: {
  readonly type: string;
  readonly [property: string]: unknown;
}): Record<string, unknown> | null {
  const names = SCO_ID_CONTRIBUTING_PROPERTIES[object.type as ScoType] as
    readonly string[] | undefined;
  if (names === undefined) return null;
  const picked: Record<string, unknown> = {};
  let any = false;
  for (const name of names) {
    const value = object[name];
    if (value === undefined || value === null) continue;
    const used = name === 'hashes' ? chooseOneHash(value) : value;
    if (used === null) continue;
    picked[name] = used;
    any = true;
  }
  return any ? picked : null;
}

/**
 * The deterministic id of an SCO, or null when it has no ID-contributing property to hash
 * (then the spec asks for a UUIDv4).
 *
 * @example computeScoId({ type: 'ipv4-addr', value: '198.51.100.3' })
 * // 'ipv4-addr--28bb3599-77cd-5a82-a950-b5bc3caf07c4'
 */
export function computeScoId(object: {
  readonly type: string;
  readonly [property: string]: unknown;
}): string | null {
  const picked = scoIdContributions(object);
  if (picked === null) return null;
  return `${object.type}--${uuidv5(SCO_ID_NAMESPACE, canonicalJson(picked))}`;
}

const UUID =
  /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-([0-9a-fA-F])[0-9a-fA-F]{3}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

/**
 * The version digit of the UUID part of an identifier (or of a bare UUID), or null when it
 * is not a UUID.
 *
 * @example uuidVersion('indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f') // 4
 */
export function uuidVersion(idOrUuid: string): number | null {
  const cut = idOrUuid.lastIndexOf('--');
  const m = UUID.exec(cut >= 0 ? idOrUuid.slice(cut + 2) : idOrUuid);
  return m ? parseInt(m[1]!, 16) : null;
}
