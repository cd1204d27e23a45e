/**
 * References must point at the right kind of object (STIX 2.1 §3.2, §4–§7): `created_by_ref`
 * at an identity, relationship ends at SDOs or SCOs, `sample_refs` at files or artifacts… The
 * schemas check only that a reference is an identifier. Every other `_ref`/`_refs` property,
 * custom ones included, must still hold identifiers (§3.1: names ending in `_ref(s)` are
 * references; a custom one that does not is a warning). A referenced object need not be in the
 * same bundle (§3.2).
 */
import { stixKind, typeOfId } from '../../core/stix/kinds.js';
import type { StixKind } from '../../core/stix/kinds.js';
import { childPath, hasErrorAt, issue, replaceErrorsAt } from './issues.js';
import type { IssueSink } from './issues.js';

type Obj = Readonly<Record<string, unknown>>;

/** Allowed targets: type names, or kinds (custom objects count as SDOs or SCOs). */
interface Target {
  readonly types?: readonly string[];
  readonly kinds?: readonly StixKind[];
  readonly describe: string;
}

const to = (...types: string[]): Target => ({ types, describe: types.join(' or ') });
const SDO_OR_SCO: Target = { kinds: ['sdo', 'sco', 'custom'], describe: 'an SDO or SCO' };
const SDO: Target = { kinds: ['sdo', 'custom'], describe: 'an SDO' };
const SCO: Target = { kinds: ['sco', 'custom'], describe: 'an SCO' };
const SCO_OR_SRO: Target = { kinds: ['sco', 'sro', 'custom'], describe: 'an SCO or SRO' };
const ADDRESS = to('ipv4-addr', 'ipv6-addr', 'mac-addr', 'domain-name');

const COMMON: Readonly<Record<string, Target>> = {
  created_by_ref: to('identity'),
  object_marking_refs: to('marking-definition'),
};

const BY_TYPE: Readonly<Record<string, Readonly<Record<string, Target>>>> = {
  relationship: { source_ref: SDO_OR_SCO, target_ref: SDO_OR_SCO },
  sighting: {
    sighting_of_ref: SDO,
    observed_data_refs: to('observed-data'),
    where_sighted_refs: to('identity', 'location'),
  },
  'observed-data': { object_refs: SCO_OR_SRO },
  malware: { operating_system_refs: to('software'), sample_refs: to('file', 'artifact') },
  'malware-analysis': {
    host_vm_ref: to('software'),
    operating_system_ref: to('software'),
    installed_software_refs: to('software'),
    analysis_sco_refs: SCO,
    sample_ref: to('file', 'artifact', 'network-traffic'),
  },
  'domain-name': { resolves_to_refs: to('ipv4-addr', 'ipv6-addr', 'domain-name') },
  'ipv4-addr': { resolves_to_refs: to('mac-addr'), belongs_to_refs: to('autonomous-system') },
  'ipv6-addr': { resolves_to_refs: to('mac-addr'), belongs_to_refs: to('autonomous-system') },
  'email-addr': { belongs_to_ref: to('user-account') },
  'email-message': {
    from_ref: to('email-addr'),
    sender_ref: to('email-addr'),
    to_refs: to('email-addr'),
    cc_refs: to('email-addr'),
    bcc_refs: to('email-addr'),
    raw_email_ref: to('artifact'),
  },
  file: { parent_directory_ref: to('directory'), content_ref: to('artifact'), contains_refs: SCO },
  directory: { contains_refs: to('file', 'directory') },
  'network-traffic': {
    src_ref: ADDRESS,
    dst_ref: ADDRESS,
    src_payload_ref: to('artifact'),
    dst_payload_ref: to('artifact'),
    encapsulates_refs: to('network-traffic'),
    encapsulated_by_ref: to('network-traffic'),
  },
  process: {
    opened_connection_refs: to('network-traffic'),
    creator_user_ref: to('user-account'),
    image_ref: to('file'),
    parent_ref: to('process'),
    child_refs: to('process'),
  },
  'windows-registry-key': { creator_user_ref: to('user-account') },
};

/** References inside predefined SCO extensions (§6.7.2, §6.12.2, §6.13.3). */
const IN_EXTENSIONS: Readonly<Record<string, Readonly<Record<string, Target>>>> = {
  'archive-ext': { contains_refs: to('file', 'directory') },
  'http-request-ext': { message_body_data_ref: to('artifact') },
  'windows-service-ext': { service_dll_refs: to('file') },
};

const IDENTIFIER =
  /^[a-z][a-z0-9-]+[a-z0-9]--[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[1-5][0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}$/;

function accepts(target: Target, type: string): boolean {
  if (target.types !== undefined) return target.types.includes(type);
  return target.kinds!.includes(stixKind(type));
}

/** Reports a bad reference; the path is built only then (valid references are the norm). */
function report(sink: IssueSink, at: string, custom: boolean, message: string, hint: string): void {
  if (hasErrorAt(sink, at)) return;
  // A custom `_ref` property that holds something else is kept with a warning: MITRE's own
  // ICS ATT&CK bundle has `x_mitre_data_source_ref: ""`.
  (custom ? sink.warnings : sink.errors).push(issue(at, message, hint));
}

/** `key` of `path`, or its item `index` (≥ 0): built only for a report. */
function at(path: string, key: string, index: number): string {
  return index < 0 ? childPath(path, key) : childPath(childPath(path, key), index);
}

function checkOne(
  value: unknown,
  target: Target | undefined,
  path: string,
  key: string,
  index: number,
  sink: IssueSink,
): void {
  if (typeof value !== 'string' || !IDENTIFIER.test(value)) {
    const message = 'a reference must be a STIX identifier';
    report(sink, at(path, key, index), target === undefined, message, 'use <object-type>--<UUID>');
    return;
  }
  if (target === undefined) return;
  const type = typeOfId(value)!;
  if (!accepts(target, type)) {
    const message = `must reference ${target.describe}, not ${type}`;
    const hint = 'point it at an object of the right type';
    replaceErrorsAt(sink, issue(at(path, key, index), message, hint));
  }
}

function checkProperties(
  o: Obj,
  path: string,
  targets: Readonly<Record<string, Target>>,
  sink: IssueSink,
): void {
  for (const key in o) {
    const single = key.endsWith('_ref');
    if (!single && !key.endsWith('_refs')) continue;
    const target = targets[key] ?? COMMON[key];
    const value = o[key];
    if (single) checkOne(value, target, path, key, -1, sink);
    else if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) checkOne(value[i], target, path, key, i, sink);
    } else {
      const hint = 'use a JSON list of <object-type>--<UUID>';
      report(
        sink,
        childPath(path, key),
        target === undefined,
        'must be a list of identifiers',
        hint,
      );
    }
  }
}

/**
 * Checks every reference of an object, including granular markings' `marking_ref` and the
 * references inside predefined SCO extensions.
 *
 * @example checkReferences(object, '$.objects[2]', sink)
 */
export function checkReferences(o: Obj, path: string, sink: IssueSink): void {
  const type = typeof o.type === 'string' ? o.type : '';
  checkProperties(o, path, BY_TYPE[type] ?? {}, sink);
  const granular = o.granular_markings;
  if (Array.isArray(granular)) {
    granular.forEach((g: unknown, i) => {
      if (g !== null && typeof g === 'object' && 'marking_ref' in g) {
        const base = childPath(childPath(path, 'granular_markings'), i);
        checkOne((g as Obj).marking_ref, COMMON.object_marking_refs, base, 'marking_ref', -1, sink);
      }
    });
  }
  const extensions = o.extensions;
  if (extensions !== null && typeof extensions === 'object') {
    for (const [name, targets] of Object.entries(IN_EXTENSIONS)) {
      const ext = (extensions as Obj)[name];
      if (ext !== null && typeof ext === 'object') {
        checkProperties(ext as Obj, childPath(childPath(path, 'extensions'), name), targets, sink);
      }
    }
  }
}
