/**
 * ATT&CK ids (`T1059`, `G0050`, `S0031`, `M1042`, `C0010`) → the STIX ids of the ATT&CK objects
 * in the store, so that MISP galaxy clusters naming them link to those objects instead of
 * copies. Revoked objects are left out: a revoked technique points to its replacement.
 */
import type { AttackResolver } from '../ingest/intel/misp-context.js';
import type { IntelObjects } from '../store/intel-ports.js';

const ATTACK_TYPES = [
  'attack-pattern',
  'intrusion-set',
  'malware',
  'tool',
  'course-of-action',
  'campaign',
];

/** The ATT&CK id of an object (its `mitre-attack` external reference), if any. */
export function attackIdOf(o: Readonly<Record<string, unknown>>): string | undefined {
  const refs = o.external_references;
  if (!Array.isArray(refs)) return undefined;
  for (const r of refs as { source_name?: unknown; external_id?: unknown }[]) {
    if (r?.source_name === 'mitre-attack' && typeof r.external_id === 'string')
      return r.external_id;
  }
  return undefined;
}

function isFromMispGalaxy(o: Readonly<Record<string, unknown>>): boolean {
  return (
    Array.isArray(o.labels) &&
    o.labels.some((l) => typeof l === 'string' && l.startsWith('misp:galaxy-type='))
  );
}

/**
 * A resolver over the store's current ATT&CK objects (read once).
 *
 * @example (await attackResolver(store.intel.objects))('attack-pattern', 'T1059') // 'attack-pattern--…'
 */
export async function attackResolver(objects: IntelObjects): Promise<AttackResolver> {
  const byId = new Map<string, string>();
  let cursor: string | undefined;
  do {
    const page = await objects.list({
      types: ATTACK_TYPES,
      revoked: false,
      limit: 1000,
      ...(cursor !== undefined ? { cursor } : {}),
    });
    for (const item of page.items) {
      // Objects made from MISP galaxy clusters carry ATT&CK ids too; only ATT&CK's own count.
      if (isFromMispGalaxy(item.object)) continue;
      const ext = attackIdOf(item.object);
      if (ext !== undefined && !byId.has(ext)) byId.set(ext, item.id);
    }
    cursor = page.next;
  } while (cursor !== undefined);
  return (_type, externalId) => byId.get(externalId);
}
