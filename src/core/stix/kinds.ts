/**
 * The object types STIX 2.1 defines, by kind, and the helpers that classify a type name or an
 * identifier. Anything else that has a valid type name is a custom object (§11.1).
 */

/** §4 */
export const SDO_TYPES = [
  'attack-pattern',
  'campaign',
  'course-of-action',
  'grouping',
  'identity',
  'incident',
  'indicator',
  'infrastructure',
  'intrusion-set',
  'location',
  'malware',
  'malware-analysis',
  'note',
  'observed-data',
  'opinion',
  'report',
  'threat-actor',
  'tool',
  'vulnerability',
] as const;

/** §5 */
export const SRO_TYPES = ['relationship', 'sighting'] as const;

/** §6 */
export const SCO_TYPES = [
  'artifact',
  'autonomous-system',
  'directory',
  'domain-name',
  'email-addr',
  'email-message',
  'file',
  'ipv4-addr',
  'ipv6-addr',
  'mac-addr',
  'mutex',
  'network-traffic',
  'process',
  'software',
  'url',
  'user-account',
  'windows-registry-key',
  'x509-certificate',
] as const;

/** §7 */
export const META_TYPES = [
  'marking-definition',
  'language-content',
  'extension-definition',
] as const;

export type SdoType = (typeof SDO_TYPES)[number];
export type SroType = (typeof SRO_TYPES)[number];
export type ScoType = (typeof SCO_TYPES)[number];
export type MetaType = (typeof META_TYPES)[number];
export type StixType = SdoType | SroType | ScoType | MetaType;

export type StixKind = 'sdo' | 'sro' | 'sco' | 'meta' | 'custom';

const KIND = new Map<string, StixKind>([
  ...SDO_TYPES.map((t): [string, StixKind] => [t, 'sdo']),
  ...SRO_TYPES.map((t): [string, StixKind] => [t, 'sro']),
  ...SCO_TYPES.map((t): [string, StixKind] => [t, 'sco']),
  ...META_TYPES.map((t): [string, StixKind] => [t, 'meta']),
]);

/**
 * The kind of a type name; types the spec does not define are `custom`.
 *
 * @example stixKind('ipv4-addr') // 'sco'
 * @example stixKind('x-mitre-tactic') // 'custom'
 */
export function stixKind(type: string): StixKind {
  return KIND.get(type) ?? 'custom';
}

/** True for the types STIX 2.1 itself defines (every kind but custom). */
export function isStixType(type: string): type is StixType {
  return KIND.has(type);
}

/**
 * The type part of an identifier (before `--`), or null when there is no `--`.
 *
 * @example typeOfId('indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f') // 'indicator'
 */
export function typeOfId(id: string): string | null {
  const cut = id.indexOf('--');
  return cut > 0 ? id.slice(0, cut) : null;
}
