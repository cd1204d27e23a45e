/**
 * Cyber-observables (SCOs) have one version and an id computed from a few of their properties
 * (STIX 2.1 §2.9), so the same file seen with only its MD5 in one event and with three hashes
 * in another is one object. Their descriptions are merged — properties one side lacks are
 * added, lists and dictionaries united, and a value already stored is kept — so the result
 * does not flip with the order of imports and importing again changes nothing.
 */
import type { StixObject } from '../core/stix/object.js';

type Value = unknown;

function isPlainObject(v: Value): v is Record<string, Value> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function unite(stored: Value, incoming: Value): Value {
  if (stored === undefined) return incoming;
  if (Array.isArray(stored) && Array.isArray(incoming)) {
    const seen = new Set(stored.map((x) => JSON.stringify(x)));
    const out = [...stored];
    for (const x of incoming) {
      const k = JSON.stringify(x);
      if (!seen.has(k)) {
        seen.add(k);
        out.push(x);
      }
    }
    return out;
  }
  if (isPlainObject(stored) && isPlainObject(incoming)) {
    const out: Record<string, Value> = { ...stored };
    for (const [k, v] of Object.entries(incoming)) out[k] = unite(stored[k], v);
    return out;
  }
  return stored;
}

/**
 * The stored SCO with what the incoming description adds.
 *
 * @example mergeSco({ type: 'file', id, hashes: { MD5: a } }, { type: 'file', id, hashes: { MD5: a, 'SHA-256': b } })
 * // { type: 'file', id, hashes: { MD5: a, 'SHA-256': b } }
 */
export function mergeSco(stored: StixObject, incoming: StixObject): StixObject {
  return unite(stored, incoming) as StixObject;
}
