/**
 * Revocation as STIX 2.1 §3.6 defines it: a new version with `revoked: true` and a later
 * `modified`, written through the ordinary upsert so both adapters behave the same.
 */
import { notFound, ThreatMeshError } from '../../core/errors.js';
import type { IntelObjects, ProvenanceInput, StoredIntelObject } from '../intel-ports.js';
import { modifiedAfter, versionKey } from './timestamps.js';

/**
 * @example await revokeObject(store.intel.objects, 'malware--…', { source: 'analyst' })
 */
export async function revokeObject(
  objects: Pick<IntelObjects, 'get' | 'upsert'>,
  id: string,
  provenance: ProvenanceInput,
): Promise<StoredIntelObject> {
  const current = await objects.get(id);
  if (current === undefined) {
    throw notFound(`no intelligence object ${id}`, { hint: 'check the id (`type--UUID`)' });
  }
  if (current.revoked) return current;
  const key = current.modified === null ? undefined : versionKey(current.modified);
  if (key === undefined) {
    throw new ThreatMeshError(
      'CONFLICT',
      `${id} has no modified timestamp, so it cannot be revoked`,
      {
        hint: 'only SDOs and SROs are versioned (STIX 2.1 §3.6); SCOs and marking definitions are not',
      },
    );
  }
  await objects.upsert({
    objects: [{ ...current.object, revoked: true, modified: modifiedAfter(key) }],
    provenance,
  });
  return (await objects.get(id))!;
}
