/**
 * MISP attribute values → STIX 2.1 cyber-observables and pattern comparisons, following the
 * MISP project's own converter (misp-stix) where it has a mapping: `ip-dst` is the destination
 * of network traffic, `domain|ip` a domain resolving to an address, `filename|md5` a file with
 * a name and a hash, and so on. SCO ids are the deterministic ids of STIX 2.1 §2.9, so the same
 * value from two events is one object.
 */
import { badInput, type SourceLocation } from '../../core/errors.js';
import { canonicalJson } from '../../core/stix/canonical-json.js';
import type { StixObject } from '../../core/stix/object.js';
import { computeScoId } from '../../core/stix/sco-id.js';
import { readFeedValue, type FeedValue } from './ioc-values.js';
import { mintedId, stixString } from './minted-objects.js';
import { hashValue, port, registryKey, split } from './misp-value-parts.js';

export interface MappedValue {
  /** SCOs describing the value (ids computed); empty when STIX has no observable for it. */
  readonly observables: StixObject[];
  /** Comparisons of one observation expression (joined with AND); empty: no STIX pattern. */
  readonly comparisons: string[];
}

/**
 * An SCO with its §2.9 id (an SCO without ID-contributing properties gets a name-based id of
 * its content, so that it stays the same on every import).
 *
 * @example sco('domain-name', { value: 'circl.lu' }).id // 'domain-name--…' as §2.9 computes it
 */
export function sco(type: string, props: Record<string, unknown>): StixObject {
  const body = { type, ...props };
  const id = computeScoId(body) ?? mintedId(type, canonicalJson(body));
  return { type, spec_version: '2.1', id, ...props } as StixObject;
}

/** STIX hash-algorithm names (§10.7) of MISP's hash attribute types. */
export const MISP_HASHES: Readonly<Record<string, string>> = {
  md5: 'MD5',
  sha1: 'SHA-1',
  sha224: 'SHA-224',
  sha256: 'SHA-256',
  sha384: 'SHA-384',
  sha512: 'SHA-512',
  ssdeep: 'SSDEEP',
  tlsh: 'TLSH',
};

/** `file:hashes.MD5`, `file:hashes.'SHA-256'` (names that are not identifiers are quoted). */
export function hashPath(prefix: string, name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? `${prefix}.${name}` : `${prefix}.'${name}'`;
}

function address(raw: string, location: SourceLocation): { value: FeedValue; object: StixObject } {
  const value = readFeedValue(raw, 'ip', location);
  const six = value.type === 'ipv6' || value.type === 'cidr6';
  return { value, object: sco(six ? 'ipv6-addr' : 'ipv4-addr', { value: value.value }) };
}

/** An absolute URI (what STIX url.value must be): a scheme, and no white space. */
const ABSOLUTE_URI = /^[a-zA-Z][a-zA-Z0-9+.-]*:[^\s]+$/;

function fileWithHash(name: string | undefined, kind: string, hash: string): MappedValue {
  const algo = MISP_HASHES[kind]!;
  const props: Record<string, unknown> = { hashes: { [algo]: hash } };
  if (name !== undefined) props.name = name;
  const comparisons = [`${hashPath('file:hashes', algo)} = ${stixString(hash)}`];
  if (name !== undefined) comparisons.unshift(`file:name = ${stixString(name)}`);
  return { observables: [sco('file', props)], comparisons };
}

/**
 * The observables and pattern comparisons of one MISP attribute value, or null when STIX has
 * neither for its type (free text, comments, crypto-currency addresses…: the caller keeps
 * those as custom objects). Values are checked: an `ip-dst` that is not an address is an error.
 *
 * @throws ThreatMeshError BAD_INPUT (at `location`) for a value that is not of its type.
 * @example mapMispValue('domain|ip', 'circl.lu|149.13.33.14', loc).comparisons
 * // ["domain-name:value = 'circl.lu'", "domain-name:resolves_to_refs[*].value = '149.13.33.14'"]
 */
export function mapMispValue(
  type: string,
  value: string,
  location: SourceLocation,
): MappedValue | null {
  const v = value.trim();
  switch (type) {
    case 'ip-dst':
    case 'ip-src': {
      const a = address(v, location);
      const side = type === 'ip-dst' ? 'dst_ref' : 'src_ref';
      return {
        observables: [a.object],
        comparisons: [`network-traffic:${side}.value = ${stixString(a.value.value)}`],
      };
    }
    case 'ip-dst|port':
    case 'ip-src|port':
    case 'hostname|port': {
      const [host, p] = split(v, location);
      const n = port(p, location);
      const target =
        type === 'hostname|port' ? hostObject(host, location) : address(host, location).object;
      const side = type === 'ip-src|port' ? 'src' : 'dst';
      const protocols = target.type === 'ipv6-addr' ? ['ipv6'] : ['ipv4'];
      const traffic = sco('network-traffic', {
        [`${side}_ref`]: target.id,
        [`${side}_port`]: n,
        protocols,
      });
      return {
        observables: [traffic, target],
        comparisons: [
          `network-traffic:${side}_ref.value = ${stixString(target.value as string)}`,
          `network-traffic:${side}_port = ${n}`,
        ],
      };
    }
    case 'domain':
    case 'hostname': {
      const d = hostObject(v, location);
      return {
        observables: [d],
        comparisons: [`domain-name:value = ${stixString(d.value as string)}`],
      };
    }
    case 'domain|ip': {
      const [host, ip] = split(v, location);
      const a = address(ip, location);
      const d = sco('domain-name', {
        value: readFeedValue(host, 'domain', location).value,
        resolves_to_refs: [a.object.id],
      });
      return {
        observables: [d, a.object],
        comparisons: [
          `domain-name:value = ${stixString(d.value as string)}`,
          `domain-name:resolves_to_refs[*].value = ${stixString(a.value.value)}`,
        ],
      };
    }
    case 'url':
    case 'link':
    case 'uri': {
      if (v === '') throw badInput('empty URL', { location });
      // MISP url attributes also hold bare hosts and paths: the pattern keeps them as written,
      // but only an absolute URI makes a valid url SCO.
      const observables = ABSOLUTE_URI.test(v) ? [sco('url', { value: v })] : [];
      return { observables, comparisons: [`url:value = ${stixString(v)}`] };
    }
    case 'email':
    case 'email-src':
    case 'email-dst':
    case 'email-reply-to':
    case 'target-email':
    case 'whois-registrant-email': {
      const e = readFeedValue(v, 'email', location).value;
      const path =
        type === 'email-src'
          ? 'email-message:from_ref.value'
          : type === 'email-dst'
            ? 'email-message:to_refs[*].value'
            : 'email-addr:value';
      return {
        observables: [sco('email-addr', { value: e })],
        comparisons: [`${path} = ${stixString(e)}`],
      };
    }
    case 'email-subject':
      return {
        observables: [sco('email-message', { is_multipart: false, subject: v })],
        comparisons: [`email-message:subject = ${stixString(v)}`],
      };
    case 'filename':
    case 'email-attachment':
    case 'attachment': {
      const path =
        type === 'email-attachment'
          ? 'email-message:body_multipart[*].body_raw_ref.name'
          : 'file:name';
      return {
        observables: [sco('file', { name: v })],
        comparisons: [`${path} = ${stixString(v)}`],
      };
    }
    case 'malware-sample': {
      const [name, hash] = split(v, location);
      return fileWithHash(name, 'md5', hashValue('md5', hash, location));
    }
    case 'regkey': {
      const key = registryKey(v);
      return {
        observables: [sco('windows-registry-key', { key })],
        comparisons: [`windows-registry-key:key = ${stixString(key)}`],
      };
    }
    case 'regkey|value': {
      const [raw, data] = split(v, location);
      const key = registryKey(raw);
      return {
        observables: [sco('windows-registry-key', { key, values: [{ data }] })],
        comparisons: [
          `windows-registry-key:key = ${stixString(key)}`,
          `windows-registry-key:values[*].data = ${stixString(data)}`,
        ],
      };
    }
    case 'mutex':
      return {
        observables: [sco('mutex', { name: v })],
        comparisons: [`mutex:name = ${stixString(v)}`],
      };
    case 'AS': {
      const n = Number(v.replace(/^AS/i, ''));
      if (!Number.isInteger(n) || n < 0)
        throw badInput(`"${v}" is not an AS number`, { location, hint: 'AS174 or 174' });
      return {
        observables: [sco('autonomous-system', { number: n })],
        comparisons: [`autonomous-system:number = ${n}`],
      };
    }
    case 'mac-address':
      return {
        observables: [sco('mac-addr', { value: v.toLowerCase() })],
        comparisons: [`mac-addr:value = ${stixString(v.toLowerCase())}`],
      };
    case 'user-agent':
      return {
        observables: [],
        comparisons: [
          `network-traffic:extensions.'http-request-ext'.request_header.'User-Agent' = ${stixString(v)}`,
        ],
      };
    case 'imphash':
      return {
        observables: [],
        comparisons: [
          `file:extensions.'windows-pebinary-ext'.imphash = ${stixString(v.toLowerCase())}`,
        ],
      };
  }
  if (MISP_HASHES[type] !== undefined)
    return fileWithHash(undefined, type, hashValue(type, v, location));
  const composite = /^filename\|(md5|sha1|sha224|sha256|sha384|sha512|ssdeep|tlsh)$/.exec(type);
  if (composite) {
    const [name, hash] = split(v, location);
    return fileWithHash(name, composite[1]!, hashValue(composite[1]!, hash, location));
  }
  return null;
}

function hostObject(host: string, location: SourceLocation): StixObject {
  return sco('domain-name', { value: readFeedValue(host, 'domain', location).value });
}
