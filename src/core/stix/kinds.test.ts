import { describe, expect, it } from 'vitest';
import { META_TYPES, SCO_TYPES, SDO_TYPES, SRO_TYPES, stixKind, typeOfId } from './kinds.js';

describe('STIX kinds', () => {
  it('lists the 19 SDOs, 2 SROs, 18 SCOs and 3 meta objects of STIX 2.1', () => {
    expect([SDO_TYPES.length, SRO_TYPES.length, SCO_TYPES.length, META_TYPES.length]).toEqual([
      19, 2, 18, 3,
    ]);
  });

  it('classifies type names and identifiers', () => {
    expect(stixKind('malware-analysis')).toBe('sdo');
    expect(stixKind('sighting')).toBe('sro');
    expect(stixKind('x509-certificate')).toBe('sco');
    expect(stixKind('extension-definition')).toBe('meta');
    expect(stixKind('x-mitre-tactic')).toBe('custom');
    expect(typeOfId('x-mitre-tactic--4ca45d45-df4d-4613-8980-bac22d278fa5')).toBe('x-mitre-tactic');
    expect(typeOfId('no-separator')).toBeNull();
  });
});
