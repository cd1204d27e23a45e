/**
 * MISP objects (templates that group attributes describing one thing) → a group of STIX 2.1
 * SCOs and the comparisons of one observation expression, for the templates STIX has objects
 * for: file, ip-port, domain-ip, email, url, credential. Attributes of a known template that
 * STIX has no property for are kept as `x_misp_<relation>` on the main SCO (as misp-stix does).
 */
import { badInput, type SourceLocation } from '../../core/errors.js';
import type { StixObject } from '../../core/stix/object.js';
import { readFeedValue } from './ioc-values.js';
import { hashPath, MISP_HASHES, sco, type MappedValue } from './misp-values.js';
import { stixString } from './minted-objects.js';

export interface MispObjectAttribute {
  readonly relation: string;
  readonly type: string;
  readonly value: string;
  readonly toIds: boolean;
  readonly location: SourceLocation;
}

type Props = Record<string, unknown>;

function custom(relation: string): string {
  return `x_misp_${relation.toLowerCase().replace(/[^a-z0-9]+/g, '_')}`;
}

function addCustom(props: Props, a: MispObjectAttribute): void {
  const k = custom(a.relation);
  const prior = props[k];
  props[k] =
    prior === undefined ? a.value : Array.isArray(prior) ? [...prior, a.value] : [prior, a.value];
}

function int(a: MispObjectAttribute): number {
  const n = Number(a.value);
  if (!Number.isInteger(n) || n < 0) {
    throw badInput(`"${a.value}" is not a whole number`, {
      location: a.location,
      hint: `${a.relation} is a count`,
    });
  }
  return n;
}

function mapFile(attrs: readonly MispObjectAttribute[]): MappedValue {
  const props: Props = {};
  const hashes: Record<string, string> = {};
  const hashTests: string[] = [];
  const otherTests: string[] = [];
  const extra: StixObject[] = [];
  for (const a of attrs) {
    const algo = MISP_HASHES[a.type];
    if (algo !== undefined && (MISP_HASHES[a.relation] !== undefined || a.relation === a.type)) {
      hashes[algo] = /^[0-9a-fA-F]+$/.test(a.value.trim())
        ? a.value.trim().toLowerCase()
        : a.value.replace(/\s+/g, '');
      if (a.toIds)
        hashTests.push(`${hashPath('file:hashes', algo)} = ${stixString(hashes[algo]!)}`);
    } else if (a.relation === 'filename') {
      props.name = a.value;
      if (a.toIds) otherTests.push(`file:name = ${stixString(a.value)}`);
    } else if (a.relation === 'size-in-bytes') {
      props.size = int(a);
      if (a.toIds) otherTests.push(`file:size = ${props.size as number}`);
    } else if (a.relation === 'mimetype') {
      props.mime_type = a.value;
    } else if (a.relation === 'path') {
      const dir = sco('directory', { path: a.value });
      extra.push(dir);
      props.parent_directory_ref = dir.id;
    } else addCustom(props, a);
  }
  if (Object.keys(hashes).length > 0) props.hashes = hashes;
  if (props.hashes === undefined && props.name === undefined) {
    throw badInput('a file object needs a filename or a hash', {
      location: attrs[0]?.location ?? {},
      hint: 'add a filename, md5, sha1 or sha256 attribute',
    });
  }
  return {
    observables: [sco('file', props), ...extra],
    comparisons: [...hashTests, ...otherTests],
  };
}

function mapIpPort(attrs: readonly MispObjectAttribute[]): MappedValue {
  const props: Props = {};
  const tests: string[] = [];
  const extra: StixObject[] = [];
  for (const a of attrs) {
    if (
      a.relation === 'ip' ||
      a.relation === 'ip-dst' ||
      a.relation === 'ip-src' ||
      a.relation === 'domain' ||
      a.relation === 'hostname'
    ) {
      const side = a.relation === 'ip-src' ? 'src_ref' : 'dst_ref';
      const isHost = a.relation === 'domain' || a.relation === 'hostname';
      const v = readFeedValue(a.value, isHost ? 'domain' : 'ip', a.location);
      const target = sco(
        isHost ? 'domain-name' : v.type.endsWith('6') ? 'ipv6-addr' : 'ipv4-addr',
        { value: v.value },
      );
      extra.push(target);
      if (props[side] === undefined) props[side] = target.id;
      if (a.toIds) tests.push(`network-traffic:${side}.value = ${stixString(v.value)}`);
    } else if (a.relation === 'dst-port' || a.relation === 'src-port') {
      const p = int(a);
      props[a.relation === 'dst-port' ? 'dst_port' : 'src_port'] = p;
      if (a.toIds)
        tests.push(`network-traffic:${a.relation === 'dst-port' ? 'dst_port' : 'src_port'} = ${p}`);
    } else addCustom(props, a);
  }
  if (props.dst_ref === undefined && props.src_ref === undefined) {
    throw badInput('an ip-port object needs an address or a host', {
      location: attrs[0]?.location ?? {},
      hint: 'add an ip attribute',
    });
  }
  props.protocols = [extra.some((o) => o.type === 'ipv6-addr') ? 'ipv6' : 'ipv4'];
  return { observables: [sco('network-traffic', props), ...extra], comparisons: tests };
}

function mapDomainIp(attrs: readonly MispObjectAttribute[]): MappedValue {
  const ips: StixObject[] = [];
  const tests: string[] = [];
  const props: Props = {};
  for (const a of attrs) {
    if (a.relation === 'ip') {
      const v = readFeedValue(a.value, 'ip', a.location);
      ips.push(sco(v.type.endsWith('6') ? 'ipv6-addr' : 'ipv4-addr', { value: v.value }));
      if (a.toIds) tests.push(`domain-name:resolves_to_refs[*].value = ${stixString(v.value)}`);
    } else if (a.relation === 'domain' || a.relation === 'hostname') {
      props.value = readFeedValue(a.value, 'domain', a.location).value;
      if (a.toIds) tests.unshift(`domain-name:value = ${stixString(props.value as string)}`);
    } else addCustom(props, a);
  }
  if (props.value === undefined) {
    throw badInput('a domain-ip object needs a domain', {
      location: attrs[0]?.location ?? {},
      hint: 'add a domain attribute',
    });
  }
  if (ips.length > 0) props.resolves_to_refs = ips.map((o) => o.id);
  return { observables: [sco('domain-name', props), ...ips], comparisons: tests };
}

function mapEmail(attrs: readonly MispObjectAttribute[]): MappedValue {
  const props: Props = { is_multipart: false };
  const extra: StixObject[] = [];
  const tests: string[] = [];
  const refs: Record<string, string> = {
    from: 'from_ref',
    to: 'to_refs',
    cc: 'cc_refs',
    bcc: 'bcc_refs',
  };
  for (const a of attrs) {
    const ref = refs[a.relation];
    if (ref !== undefined) {
      const addr = sco('email-addr', { value: readFeedValue(a.value, 'email', a.location).value });
      extra.push(addr);
      if (ref === 'from_ref') props.from_ref = addr.id;
      else props[ref] = [...((props[ref] as string[] | undefined) ?? []), addr.id];
      if (a.toIds)
        tests.push(
          `email-message:${ref === 'from_ref' ? 'from_ref' : `${ref}[*]`}.value = ${stixString(addr.value as string)}`,
        );
    } else if (a.relation === 'subject') {
      props.subject = a.value;
      if (a.toIds) tests.push(`email-message:subject = ${stixString(a.value)}`);
    } else if (a.relation === 'message-id') {
      props.message_id = a.value;
    } else if (a.relation === 'email-body') {
      props.body = a.value;
    } else addCustom(props, a);
  }
  return { observables: [sco('email-message', props), ...extra], comparisons: tests };
}

function mapUrl(attrs: readonly MispObjectAttribute[]): MappedValue {
  const props: Props = {};
  const tests: string[] = [];
  for (const a of attrs) {
    if (a.relation === 'url' && props.value === undefined) {
      props.value = a.value.trim();
      if (a.toIds) tests.push(`url:value = ${stixString(props.value as string)}`);
    } else addCustom(props, a);
  }
  if (props.value === undefined) {
    throw badInput('a url object needs a url', {
      location: attrs[0]?.location ?? {},
      hint: 'add a url attribute',
    });
  }
  return { observables: [sco('url', props)], comparisons: tests };
}

function mapCredential(attrs: readonly MispObjectAttribute[]): MappedValue {
  const props: Props = {};
  const tests: string[] = [];
  for (const a of attrs) {
    if (a.relation === 'username') {
      props.user_id = a.value;
      if (a.toIds) tests.push(`user-account:user_id = ${stixString(a.value)}`);
    } else if (a.relation === 'password') props.credential = a.value;
    else addCustom(props, a);
  }
  return { observables: [sco('user-account', props)], comparisons: tests };
}

const TEMPLATES: Readonly<Record<string, (attrs: readonly MispObjectAttribute[]) => MappedValue>> =
  {
    file: mapFile,
    'ip-port': mapIpPort,
    'domain-ip': mapDomainIp,
    email: mapEmail,
    url: mapUrl,
    credential: mapCredential,
  };

/**
 * The SCO group of a MISP object of a known template (the main SCO first), or null for other
 * templates (kept as `x-misp-object` by the caller).
 *
 * @throws ThreatMeshError BAD_INPUT when an attribute value is not of its type.
 * @example mapMispObject('domain-ip', attrs)?.comparisons
 */
export function mapMispObject(
  name: string,
  attrs: readonly MispObjectAttribute[],
): MappedValue | null {
  const f = TEMPLATES[name];
  return f === undefined ? null : f(attrs);
}
