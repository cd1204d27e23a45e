/**
 * Small STIX 2.1 objects for the intelligence store suite, with deterministic ids (`n` picks
 * the UUID) so that tests can refer to them across versions.
 */
import type { StixObject } from '../../src/core/stix/object.js';

export const TLP2 = {
  clear: 'marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487',
  green: 'marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb',
  amber: 'marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421',
  red: 'marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1',
} as const;

/** TLP 1.0 WHITE (STIX 2.1 §7.2.1.4), which means TLP:CLEAR. */
export const TLP1_WHITE = 'marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9';

export function uuid(n: number): string {
  return `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
}

export function sid(type: string, n: number): string {
  return `${type}--${uuid(n)}`;
}

/** `2024-01-01T00:00:00.000Z` plus `day` days. */
export function day(d: number): string {
  return new Date(Date.UTC(2024, 0, 1 + d)).toISOString();
}

export function sdo(
  type: string,
  n: number,
  modifiedDay = 0,
  extra: Record<string, unknown> = {},
): StixObject {
  return {
    type,
    spec_version: '2.1',
    id: sid(type, n),
    created: day(0),
    modified: day(modifiedDay),
    ...extra,
  };
}

export function malware(n: number, modifiedDay = 0, extra: Record<string, unknown> = {}) {
  return sdo('malware', n, modifiedDay, { name: `malware ${n}`, is_family: true, ...extra });
}

export function relationship(
  n: number,
  source: string,
  type: string,
  target: string,
  modifiedDay = 0,
): StixObject {
  return sdo('relationship', n, modifiedDay, {
    relationship_type: type,
    source_ref: source,
    target_ref: target,
  });
}

export function ipv4(n: number, value: string, extra: Record<string, unknown> = {}): StixObject {
  return { type: 'ipv4-addr', spec_version: '2.1', id: sid('ipv4-addr', n), value, ...extra };
}
