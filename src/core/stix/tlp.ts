/**
 * Traffic Light Protocol markings: the TLP 2.0 marking definitions OASIS publishes for STIX 2.1
 * (cti-stix-common-objects, extension-definition-specifications/tlp-2.0) and the four TLP 1.0
 * definitions of STIX 2.1 §7.2.1.4, which map onto their TLP 2.0 equivalents (FIRST TLP 2.0:
 * WHITE became CLEAR; GREEN, AMBER and RED keep their meaning; AMBER+STRICT is new).
 */
import type { Tlp1Marking, Tlp2Marking, Tlp2Value } from './meta.js';

/** TLP 2.0 levels, least to most restrictive. */
export const TLP_LEVELS = ['clear', 'green', 'amber', 'amber+strict', 'red'] as const;
export type TlpLevel = Tlp2Value;

/** The OASIS extension definition that carries `tlp_2_0`. */
export const TLP2_EXTENSION_ID = 'extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d';

/** Official TLP 2.0 marking-definition ids. */
export const TLP2_MARKING_IDS = {
  clear: 'marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487',
  green: 'marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb',
  amber: 'marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421',
  'amber+strict': 'marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003',
  red: 'marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1',
} as const satisfies Record<TlpLevel, string>;

/** Official TLP 1.0 marking-definition ids (STIX 2.1 §7.2.1.4). */
export const TLP1_MARKING_IDS = {
  white: 'marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9',
  green: 'marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da',
  amber: 'marking-definition--f88d31f6-486f-44da-b317-01333bde0b82',
  red: 'marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed',
} as const;

const TLP1_TO_2: Record<keyof typeof TLP1_MARKING_IDS, TlpLevel> = {
  white: 'clear',
  green: 'green',
  amber: 'amber',
  red: 'red',
};

const LEVEL_BY_ID = new Map<string, TlpLevel>([
  ...TLP_LEVELS.map((l): [string, TlpLevel] => [TLP2_MARKING_IDS[l], l]),
  ...Object.entries(TLP1_MARKING_IDS).map(([v1, id]): [string, TlpLevel] => [
    id,
    TLP1_TO_2[v1 as keyof typeof TLP1_MARKING_IDS],
  ]),
]);

const RANK = new Map<TlpLevel, number>(TLP_LEVELS.map((l, i) => [l, i]));

function tlp2Marking(level: TlpLevel): Tlp2Marking {
  return {
    type: 'marking-definition',
    spec_version: '2.1',
    id: TLP2_MARKING_IDS[level],
    created: '2022-10-01T00:00:00.000Z',
    name: tlpName(level),
    extensions: {
      [TLP2_EXTENSION_ID]: { extension_type: 'property-extension', tlp_2_0: level },
    },
  };
}

function tlp1Marking(v1: keyof typeof TLP1_MARKING_IDS): Tlp1Marking {
  return {
    type: 'marking-definition',
    spec_version: '2.1',
    id: TLP1_MARKING_IDS[v1],
    created: '2017-01-20T00:00:00.000Z',
    name: `TLP:${v1.toUpperCase()}`,
    definition_type: 'tlp',
    definition: { tlp: v1 },
  };
}

/**
 * The five TLP 2.0 marking-definition objects, as OASIS publishes them (for export: a bundle
 * that references a TLP id should carry its definition).
 *
 * @example tlp2MarkingDefinitions().amber.name // 'TLP:AMBER'
 */
export function tlp2MarkingDefinitions(): Record<TlpLevel, Tlp2Marking> {
  return {
    clear: tlp2Marking('clear'),
    green: tlp2Marking('green'),
    amber: tlp2Marking('amber'),
    'amber+strict': tlp2Marking('amber+strict'),
    red: tlp2Marking('red'),
  };
}

/**
 * The four TLP 1.0 marking-definition objects of STIX 2.1 §7.2.1.4.
 *
 * @example tlp1MarkingDefinitions().white.definition.tlp // 'white'
 */
export function tlp1MarkingDefinitions(): Record<keyof typeof TLP1_MARKING_IDS, Tlp1Marking> {
  return {
    white: tlp1Marking('white'),
    green: tlp1Marking('green'),
    amber: tlp1Marking('amber'),
    red: tlp1Marking('red'),
  };
}

/**
 * `TLP:CLEAR`, `TLP:AMBER+STRICT`…
 *
 * @example tlpName('amber+strict') // 'TLP:AMBER+STRICT'
 */
export function tlpName(level: TlpLevel): string {
  return `TLP:${level.toUpperCase()}`;
}

/**
 * The TLP 2.0 level of a marking-definition id of either TLP version, or null for any other id.
 *
 * @example tlpOfMarkingId('marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9') // 'clear'
 */
export function tlpOfMarkingId(id: string): TlpLevel | null {
  return LEVEL_BY_ID.get(id) ?? null;
}

/**
 * A level from what a person types: `amber+strict`, `TLP:AMBER`, `Green`; TLP 1.0's `white`
 * means `clear`. Null when it names no level.
 *
 * @example parseTlp('TLP:WHITE') // 'clear'
 */
export function parseTlp(text: string): TlpLevel | null {
  const t = text.trim().toLowerCase().replace(/^tlp:/, '');
  if (t === 'white') return 'clear';
  return RANK.has(t as TlpLevel) ? (t as TlpLevel) : null;
}

/**
 * Negative when `a` is less restrictive than `b`, zero when equal, positive when stricter.
 *
 * @example compareTlp('green', 'amber') < 0 // true
 */
export function compareTlp(a: TlpLevel, b: TlpLevel): number {
  return RANK.get(a)! - RANK.get(b)!;
}

/**
 * The strictest TLP among an object's `object_marking_refs` (TLP 1.0 and 2.0 ids alike), or
 * null when none of its markings is a TLP marking.
 *
 * @example
 * effectiveTlp({ object_marking_refs: [TLP1_MARKING_IDS.green, TLP2_MARKING_IDS.amber] }) // 'amber'
 */
export function effectiveTlp(object: { readonly object_marking_refs?: unknown }): TlpLevel | null {
  const refs = object.object_marking_refs;
  if (!Array.isArray(refs)) return null;
  let best: TlpLevel | null = null;
  for (const ref of refs) {
    if (typeof ref !== 'string') continue;
    const level = LEVEL_BY_ID.get(ref);
    if (level !== undefined && (best === null || compareTlp(level, best) > 0)) best = level;
  }
  return best;
}
