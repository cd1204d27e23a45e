/**
 * STIX 2.0 → 2.1 for a whole bundle: the 2.1 bundle has no `spec_version` (§8); every object
 * is upgraded, and SCOs lifted out of observed-data follow it, once per id.
 */
import { badInput } from '../../../core/errors.js';
import type { StixBundle, StixObject } from '../../../core/stix/object.js';
import { upgrade20to21 } from './upgrade-object.js';

/**
 * Upgrades a parsed STIX 2.0 bundle (2.1 objects in it pass through unchanged).
 *
 * @example
 * const bundle21 = upgradeBundle20to21(JSON.parse(text));
 * stix.validateBundle(bundle21).valid
 */
export function upgradeBundle20to21(doc: unknown): StixBundle {
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) {
    throw badInput('a STIX bundle must be a JSON object', { location: { path: '$' } });
  }
  const bundle = doc as Record<string, unknown>;
  if (bundle.type !== 'bundle' || typeof bundle.id !== 'string') {
    throw badInput('not a STIX bundle', {
      location: { path: bundle.type !== 'bundle' ? '$.type' : '$.id' },
      hint: 'a bundle is {"type": "bundle", "id": "bundle--<UUID>", "objects": [...]}',
    });
  }
  const objects = bundle.objects ?? [];
  if (!Array.isArray(objects)) {
    throw badInput('"objects" must be a list', { location: { path: '$.objects' } });
  }
  const out: StixObject[] = [];
  const lifted = new Set<string>();
  objects.forEach((o: unknown, i) => {
    const r = upgrade20to21(o, `$.objects[${i}]`);
    out.push(r.object);
    for (const sco of r.observables) {
      if (lifted.has(sco.id)) continue;
      lifted.add(sco.id);
      out.push(sco);
    }
  });
  return { type: 'bundle', id: bundle.id, objects: out };
}
