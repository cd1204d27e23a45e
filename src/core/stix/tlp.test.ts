import { describe, expect, it } from 'vitest';
import {
  TLP1_MARKING_IDS,
  TLP2_MARKING_IDS,
  compareTlp,
  effectiveTlp,
  parseTlp,
  tlp1MarkingDefinitions,
  tlp2MarkingDefinitions,
  tlpOfMarkingId,
} from './tlp.js';

describe('TLP marking ids', () => {
  it('are the official OASIS TLP 2.0 ids', () => {
    expect(TLP2_MARKING_IDS).toEqual({
      clear: 'marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487',
      green: 'marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb',
      amber: 'marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421',
      'amber+strict': 'marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003',
      red: 'marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1',
    });
  });

  it('map TLP 1.0 ids to their TLP 2.0 level (WHITE → CLEAR)', () => {
    expect(tlpOfMarkingId(TLP1_MARKING_IDS.white)).toBe('clear');
    expect(tlpOfMarkingId(TLP1_MARKING_IDS.green)).toBe('green');
    expect(tlpOfMarkingId(TLP1_MARKING_IDS.amber)).toBe('amber');
    expect(tlpOfMarkingId(TLP1_MARKING_IDS.red)).toBe('red');
    expect(tlpOfMarkingId('marking-definition--d81f86b9-975b-4c0b-875e-810c5ad45a4f')).toBeNull();
  });

  it('definition objects carry their own ids and levels', () => {
    for (const [level, def] of Object.entries(tlp2MarkingDefinitions())) {
      expect(tlpOfMarkingId(def.id)).toBe(level);
      expect(Object.values(def.extensions)[0]?.tlp_2_0).toBe(level);
    }
    expect(tlp1MarkingDefinitions().white).toMatchObject({
      id: TLP1_MARKING_IDS.white,
      name: 'TLP:WHITE',
      definition: { tlp: 'white' },
    });
  });
});

describe('effectiveTlp', () => {
  it('returns the strictest level over both id sets', () => {
    expect(
      effectiveTlp({ object_marking_refs: [TLP1_MARKING_IDS.red, TLP2_MARKING_IDS.amber] }),
    ).toBe('red');
    expect(
      effectiveTlp({
        object_marking_refs: [TLP2_MARKING_IDS['amber+strict'], TLP1_MARKING_IDS.amber],
      }),
    ).toBe('amber+strict');
    expect(
      effectiveTlp({
        object_marking_refs: [
          'marking-definition--d81f86b9-975b-4c0b-875e-810c5ad45a4f',
          TLP1_MARKING_IDS.white,
        ],
      }),
    ).toBe('clear');
  });

  it('is null without a TLP marking', () => {
    expect(effectiveTlp({})).toBeNull();
    expect(
      effectiveTlp({
        object_marking_refs: ['marking-definition--d81f86b9-975b-4c0b-875e-810c5ad45a4f'],
      }),
    ).toBeNull();
    expect(effectiveTlp({ object_marking_refs: 'not a list' })).toBeNull();
  });
});

describe('parseTlp and compareTlp', () => {
  it('reads what people type', () => {
    expect(parseTlp('TLP:WHITE')).toBe('clear');
    expect(parseTlp(' Amber+Strict ')).toBe('amber+strict');
    expect(parseTlp('tlp:red')).toBe('red');
    expect(parseTlp('purple')).toBeNull();
  });

  it('orders clear < green < amber < amber+strict < red', () => {
    expect(compareTlp('clear', 'green')).toBeLessThan(0);
    expect(compareTlp('amber+strict', 'amber')).toBeGreaterThan(0);
    expect(compareTlp('red', 'amber+strict')).toBeGreaterThan(0);
    expect(compareTlp('green', 'green')).toBe(0);
  });
});
