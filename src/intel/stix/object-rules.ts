/**
 * Rules of STIX 2.1 that the official JSON schemas do not express: the calendar validity of
 * timestamps, the order of paired timestamps, the id prefix of custom types, the UUID version
 * of ids and deterministic SCO ids (§2.9), `spec_version` 2.1, and property names (§3.1).
 */
import { computeScoId, uuidVersion } from '../../core/stix/sco-id.js';
import { stixKind, typeOfId } from '../../core/stix/kinds.js';
import type { StixKind } from '../../core/stix/kinds.js';
import { compareStixTimestamps, isStixTimestamp } from '../../core/stix/timestamp.js';
import { childPath, hasErrorAt, issue } from './issues.js';
import type { IssueSink } from './issues.js';

type Obj = Readonly<Record<string, unknown>>;

/** Timestamp-valued properties by type (§4–§7), besides `created`/`modified`. */
const TIMESTAMPS: Readonly<Record<string, readonly string[]>> = {
  campaign: ['first_seen', 'last_seen'],
  indicator: ['valid_from', 'valid_until'],
  infrastructure: ['first_seen', 'last_seen'],
  'intrusion-set': ['first_seen', 'last_seen'],
  malware: ['first_seen', 'last_seen'],
  'malware-analysis': ['submitted', 'analysis_started', 'analysis_ended'],
  'observed-data': ['first_observed', 'last_observed'],
  report: ['published'],
  'threat-actor': ['first_seen', 'last_seen'],
  relationship: ['start_time', 'stop_time'],
  sighting: ['first_seen', 'last_seen'],
  'language-content': ['object_modified'],
  directory: ['ctime', 'mtime', 'atime'],
  'email-message': ['date'],
  file: ['ctime', 'mtime', 'atime'],
  'network-traffic': ['start', 'end'],
  process: ['created_time'],
  'user-account': [
    'account_created',
    'account_expires',
    'credential_last_changed',
    'account_first_login',
    'account_last_login',
  ],
  'windows-registry-key': ['modified_time'],
  'x509-certificate': ['validity_not_before', 'validity_not_after'],
};

/** [earlier, later, strictly later?] pairs with the spec section that requires the order. */
const ORDER: Readonly<Record<string, readonly (readonly [string, string, boolean])[]>> = {
  indicator: [['valid_from', 'valid_until', true]], // §4.7
  campaign: [['first_seen', 'last_seen', false]], // §4.2
  infrastructure: [['first_seen', 'last_seen', false]], // §4.8
  'intrusion-set': [['first_seen', 'last_seen', false]], // §4.9
  malware: [['first_seen', 'last_seen', false]], // §4.11
  'malware-analysis': [['analysis_started', 'analysis_ended', false]], // §4.12
  'observed-data': [['first_observed', 'last_observed', false]], // §4.14
  'threat-actor': [['first_seen', 'last_seen', false]], // §4.17
  relationship: [['start_time', 'stop_time', true]], // §5.1
  sighting: [['first_seen', 'last_seen', false]], // §5.2
  'network-traffic': [['start', 'end', false]], // §6.12
};

const PROPERTY_NAME = /^[a-z0-9_]{3,250}$/;

/** Choices where STIX content in the wild differs from the letter of the spec. */
export interface RulePolicy {
  /**
   * An SCO id that is a UUIDv5 but not the one §2.9 computes: `error` (default) rejects it,
   * since it breaks deduplication by id; `warning` keeps it, for feeds from producers that
   * compute ids differently.
   */
  readonly scoIdMismatch: 'error' | 'warning';
}

export const STRICT: RulePolicy = { scoIdMismatch: 'error' };

function str(o: Obj, key: string): string | undefined {
  const v = o[key];
  return typeof v === 'string' ? v : undefined;
}

/** True when the property holds a real timestamp; a string that is not one is reported. */
function checkTimestamp(o: Obj, key: string, path: string, sink: IssueSink): boolean {
  const v = o[key];
  if (typeof v !== 'string') return false;
  if (isStixTimestamp(v)) return true;
  const at = childPath(path, key);
  if (!hasErrorAt(sink, at)) {
    const hint = 'use an RFC 3339 UTC timestamp such as 2024-01-31T12:00:00.000Z';
    sink.errors.push(issue(at, `'${v}' is not a real date and time`, hint));
  }
  return false;
}

/** Reports `second` earlier than `first` (or equal, when `strict`); both are real timestamps. */
function checkOrder(
  o: Obj,
  first: string,
  second: string,
  strict: boolean,
  path: string,
  sink: IssueSink,
): void {
  const a = o[first] as string;
  const b = o[second] as string;
  const c = compareStixTimestamps(b, a);
  if (c > 0 || (c === 0 && !strict)) return;
  sink.errors.push(
    issue(
      childPath(path, second),
      `${second} (${b}) must be ${strict ? 'later than' : 'at or after'} ${first} (${a})`,
      `correct ${first} or ${second}`,
    ),
  );
}

function checkTimestamps(o: Obj, type: string, path: string, sink: IssueSink): void {
  const created = checkTimestamp(o, 'created', path, sink);
  const modified = checkTimestamp(o, 'modified', path, sink);
  if (created && modified) checkOrder(o, 'created', 'modified', false, path, sink);
  const own = TIMESTAMPS[type];
  if (own === undefined) return;
  const real = new Set<string>();
  for (const key of own) if (checkTimestamp(o, key, path, sink)) real.add(key);
  for (const [a, b, strict] of ORDER[type] ?? []) {
    if (real.has(a) && real.has(b)) checkOrder(o, a, b, strict, path, sink);
  }
  if (type === 'network-traffic' && o.is_active === true && o.end !== undefined) {
    sink.errors.push(
      issue(childPath(path, 'end'), 'active traffic has no end (§6.12)', 'drop end or is_active'),
    );
  }
}

function checkId(
  o: Obj,
  type: string,
  kind: StixKind,
  path: string,
  sink: IssueSink,
  policy: RulePolicy,
): void {
  const id = str(o, 'id');
  if (id === undefined) return;
  const at = childPath(path, 'id');
  const prefix = typeOfId(id);
  if (prefix !== type) {
    if (!hasErrorAt(sink, at)) {
      sink.errors.push(
        issue(
          at,
          `id prefix '${prefix ?? id}' does not match type '${type}'`,
          `use ${type}--<UUID>`,
        ),
      );
    }
    return;
  }
  // `<type>--<UUID>`: the version is the UUID's 15th character. Reading it directly instead of
  // matching a regular expression took a measurable share of this rule's time.
  const version =
    id.length === type.length + 38 ? parseInt(id.charAt(type.length + 16), 16) : uuidVersion(id);
  if (version === null || Number.isNaN(version)) return; // the schema reports the form
  if (kind === 'sco') {
    const expected = computeScoId(o as Obj & { readonly type: string });
    if (expected === null || expected === id) return;
    if (version === 5) {
      (policy.scoIdMismatch === 'error' ? sink.errors : sink.warnings).push(
        issue(
          at,
          'not the deterministic id of its ID-contributing properties (§2.9)',
          `expected ${expected}`,
        ),
      );
    } else {
      sink.warnings.push(
        issue(
          at,
          `SCO ids SHOULD be UUIDv5 of their ID-contributing properties (§2.9)`,
          `expected ${expected}`,
        ),
      );
    }
  } else if (version !== 4 && (kind !== 'custom' || 'created' in o)) {
    sink.warnings.push(
      issue(
        at,
        `${kind === 'custom' ? 'custom object' : kind.toUpperCase()} ids SHOULD use UUIDv4 (§2.9)`,
        'give new objects random (version 4) UUIDs',
      ),
    );
  }
}

function checkPropertyNames(o: Obj, path: string, sink: IssueSink): void {
  for (const key in o) {
    if (key === 'id' || PROPERTY_NAME.test(key)) continue;
    const at = childPath(path, key);
    if (!hasErrorAt(sink, at)) {
      sink.errors.push(
        issue(
          at,
          'not a valid property name',
          'property names use only a-z, 0-9 and _, 3 to 250 characters (STIX 2.1 §3.1)',
        ),
      );
    }
  }
}

/**
 * Applies the rules above to one object, appending to `sink`. Call after the schema check so
 * that a property the schema already rejected gets one message, not two.
 *
 * @example checkObjectRules(object, '$.objects[3]', sink)
 */
export function checkObjectRules(
  o: Obj,
  path: string,
  sink: IssueSink,
  policy: RulePolicy = STRICT,
): void {
  const type = str(o, 'type');
  if (type === undefined) return;
  const kind = stixKind(type);
  const version = o.spec_version;
  if (version !== undefined && version !== '2.1') {
    const at = childPath(path, 'spec_version');
    sink.errors.push(
      issue(
        at,
        `spec_version is ${JSON.stringify(version)}, not "2.1"`,
        'upgrade STIX 2.0 content with upgrade20to21 first',
      ),
    );
  }
  if (type === 'bundle') {
    const message = 'a bundle is not a STIX object and cannot be nested (§8)';
    sink.errors.push(
      issue(childPath(path, 'type'), message, "move its objects into the outer bundle's objects"),
    );
  }
  checkId(o, type, kind, path, sink, policy);
  checkTimestamps(o, type, path, sink);
  checkPropertyNames(o, path, sink);
  if (type === 'observed-data' && o.objects !== undefined && o.object_refs !== undefined) {
    sink.errors.push(
      issue(
        childPath(path, 'objects'),
        'objects and object_refs are mutually exclusive (§4.14)',
        'keep object_refs',
      ),
    );
  } else if (type === 'observed-data' && o.objects !== undefined) {
    sink.warnings.push(
      issue(
        childPath(path, 'objects'),
        'objects is deprecated in STIX 2.1 (§4.14)',
        'use SCOs and object_refs',
      ),
    );
  }
  if (type === 'extension-definition' && o.created_by_ref === undefined) {
    sink.errors.push(
      issue(
        childPath(path, 'created_by_ref'),
        'required property is missing (§7.3)',
        'add "created_by_ref"',
      ),
    );
  }
}
