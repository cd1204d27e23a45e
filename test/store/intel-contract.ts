/**
 * The behaviour every intelligence store adapter must have (issue 6, item 2), as one suite run
 * against SQLite and PostgreSQL so that they cannot drift apart. `open` returns a fresh, empty
 * store each call.
 */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { StixObject } from '../../src/core/stix/object.js';
import type { StoreWithIntel } from '../../src/store/intel-ports.js';
import { hasSharedData, SHARED_SKIP_REASON, sharedFile } from '../support/shared-data.js';
import { graphContract } from './intel-contract-graph.js';
import { queryContract } from './intel-contract-query.js';
import { versionContract, type OpenIntelStore } from './intel-contract-versions.js';
import { malware, sid } from './intel-fixtures.js';

/** The enterprise ATT&CK bundle of ../shared/data (STIX 2.0, 24,771 objects). */
export function attackObjects(): StixObject[] {
  const file = sharedFile(
    'mitre-attack',
    'mitre-cti',
    'enterprise-attack-assembled-stix2.0.json.gz',
  );
  return (JSON.parse(gunzipSync(readFileSync(file)).toString('utf8')) as { objects: StixObject[] })
    .objects;
}

export function describeIntelContract(
  name: string,
  open: OpenIntelStore,
  reopen?: (s: StoreWithIntel) => Promise<StoreWithIntel>,
): void {
  describe(`intel store contract: ${name}`, () => {
    versionContract(open);
    queryContract(open);
    graphContract(open);

    if (reopen) {
      it('keeps objects, versions and provenance after close and reopen', async () => {
        const s = await open();
        await s.intel.objects.upsert({
          objects: [malware(1), malware(1, 2)],
          provenance: { source: 'a' },
        });
        const before = await s.intel.objects.versions(sid('malware', 1));
        const again = await reopen(s);
        expect(await again.intel.objects.versions(sid('malware', 1))).toEqual(before);
        await again.close();
      });
    }
  });

  describe.skipIf(!hasSharedData)(
    `intel store contract: ${name}, enterprise ATT&CK${hasSharedData ? '' : ` ${SHARED_SKIP_REASON}`}`,
    () => {
      it('stores all 24,771 objects, then finds nothing to change on a second import', async () => {
        const objects = attackObjects();
        const s = await open();
        const total = { created: 0, updated: 0, unchanged: 0 };
        for (const pass of [0, 1]) {
          for (let i = 0; i < objects.length; i += 2000) {
            const r = await s.intel.objects.upsert({
              objects: objects.slice(i, i + 2000),
              provenance: { source: 'mitre-attack', file: 'enterprise-attack.json' },
            });
            if (pass === 0) total.created += r.created;
            else total.unchanged += r.unchanged;
            total.updated += r.updated;
          }
        }
        expect(total).toEqual({ created: 24_771, updated: 0, unchanged: 24_771 });
        const stats = await s.intel.objects.stats();
        // Counted in the bundle: type "relationship" 20,048; `revoked: true` 140.
        expect(stats).toMatchObject({
          objects: 24_771,
          versions: 24_771,
          revoked: 140,
          edges: 20_048,
        });
        expect(stats.byType['attack-pattern']).toBe(835);
        const hits = await s.intel.objects.search('T1566.001', { types: ['attack-pattern'] });
        expect(hits.map((h) => h.object.name)).toContain('Spearphishing Attachment');
        await s.close();
      });
    },
  );
}
