/**
 * Intelligence store contract, part 3: the relationship/sighting graph and concurrent writers.
 */
import { expect, it } from 'vitest';
import { malware, relationship, sdo, sid } from './intel-fixtures.js';
import type { OpenIntelStore } from './intel-contract-versions.js';

const SRC = { source: 'test-feed' };

const actor = sid('intrusion-set', 1);
const mal = sid('malware', 2);
const tech = sid('attack-pattern', 3);
const victim = sid('identity', 4);
const ind = sid('indicator', 5);

/** actor -uses-> malware -uses-> technique; actor -targets-> victim; indicator -indicates-> malware */
const graph = [
  sdo('intrusion-set', 1, 0, { name: 'actor' }),
  malware(2),
  sdo('attack-pattern', 3, 0, { name: 'technique' }),
  sdo('identity', 4, 0, { name: 'victim', identity_class: 'organization' }),
  sdo('indicator', 5, 0, { name: 'ind', pattern: "[x:y = 'z']", pattern_type: 'stix' }),
  relationship(10, actor, 'uses', mal),
  relationship(11, mal, 'uses', tech),
  relationship(12, actor, 'targets', victim),
  relationship(13, ind, 'indicates', mal),
];

export function graphContract(open: OpenIntelStore): void {
  it('walks relationships by hops, direction and type', async () => {
    const s = await open();
    await s.intel.objects.upsert({ objects: graph, provenance: SRC });
    const nodes = async (q: Parameters<typeof s.intel.graph.neighbours>[1], from = actor) =>
      (await s.intel.graph.neighbours(from, q)).nodes.map((n) => `${n.id}@${n.depth}`).sort();
    expect(await nodes({})).toEqual([`${actor}@0`, `${mal}@1`, `${victim}@1`].sort());
    expect(await nodes({ depth: 2 })).toEqual(
      [`${actor}@0`, `${mal}@1`, `${victim}@1`, `${tech}@2`, `${ind}@2`].sort(),
    );
    expect(await nodes({ depth: 2, direction: 'out' })).toEqual(
      [`${actor}@0`, `${mal}@1`, `${victim}@1`, `${tech}@2`].sort(),
    );
    expect(await nodes({ direction: 'in' }, mal)).toEqual(
      [`${mal}@0`, `${actor}@1`, `${ind}@1`].sort(),
    );
    expect(await nodes({ depth: 3, edgeTypes: ['uses'] })).toEqual(
      [`${actor}@0`, `${mal}@1`, `${tech}@2`].sort(),
    );
    const r = await s.intel.graph.neighbours(actor, { depth: 2 });
    expect(r.root).toBe(actor);
    expect(r.truncated).toBe(false);
    expect(r.edges).toContainEqual({
      id: sid('relationship', 11),
      kind: 'relationship',
      type: 'uses',
      source: mal,
      target: tech,
    });
    expect(r.nodes.find((n) => n.id === tech)?.type).toBe('attack-pattern');
    const capped = await s.intel.graph.neighbours(actor, { depth: 2, limit: 2 });
    expect(capped.nodes).toHaveLength(2);
    expect(capped.truncated).toBe(true);
    await expect(s.intel.graph.neighbours(sid('malware', 99))).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(s.intel.graph.neighbours(actor, { depth: 6 })).rejects.toMatchObject({
      code: 'USAGE',
    });
    await s.close();
  });

  it('links sightings and report contents; follows updates and revocations of SROs', async () => {
    const s = await open();
    await s.intel.objects.upsert({ objects: graph, provenance: SRC });
    const sighting = sdo('sighting', 20, 0, {
      sighting_of_ref: ind,
      where_sighted_refs: [victim],
      count: 3,
    });
    const report = sdo('report', 21, 0, {
      name: 'r',
      published: '2024-01-01T00:00:00Z',
      object_refs: [actor, mal],
    });
    await s.intel.objects.upsert({ objects: [sighting, report], provenance: SRC });
    const into = await s.intel.graph.neighbours(ind, {
      direction: 'in',
      edgeTypes: ['sighting-of'],
    });
    expect(into.edges).toEqual([
      {
        id: sid('sighting', 20),
        kind: 'sighting',
        type: 'sighting-of',
        source: sid('sighting', 20),
        target: ind,
      },
    ]);
    const where = await s.intel.graph.neighbours(sid('sighting', 20), { direction: 'out' });
    expect(where.edges.map((e) => e.type).sort()).toEqual(['sighting-of', 'where-sighted']);
    const contents = await s.intel.graph.neighbours(sid('report', 21), { direction: 'out' });
    expect(contents.edges.map((e) => [e.kind, e.type, e.target])).toEqual(
      [
        ['reference', 'object-ref', actor],
        ['reference', 'object-ref', mal],
      ].sort((a, b) => (a[2]! < b[2]! ? -1 : 1)),
    );
    // A new version of a relationship moves its edge; revoking it removes the edge.
    await s.intel.objects.upsert({
      objects: [relationship(12, actor, 'targets', sid('identity', 6), 1)],
      provenance: SRC,
    });
    const targets = await s.intel.graph.neighbours(actor, { edgeTypes: ['targets'] });
    expect(targets.edges.map((e) => e.target)).toEqual([sid('identity', 6)]);
    await s.intel.objects.revoke(sid('relationship', 12), SRC);
    expect((await s.intel.graph.neighbours(actor, { edgeTypes: ['targets'] })).edges).toEqual([]);
    expect((await s.intel.objects.stats()).edges).toBe(3 + 2 + 2);
    await s.close();
  });

  it('serialises concurrent batches: no lost object, unique date_added', async () => {
    const s = await open();
    const batch = (from: number) =>
      Array.from({ length: 40 }, (_, i) => malware(from + i, (from + i) % 3));
    // Overlapping ids: 0–39, 20–59, 40–79, written at the same time.
    const results = await Promise.all(
      [0, 20, 40].map((from) => s.intel.objects.upsert({ objects: batch(from), provenance: SRC })),
    );
    expect(results.reduce((n, r) => n + r.created, 0)).toBe(80);
    expect(results.reduce((n, r) => n + r.created + r.updated + r.unchanged, 0)).toBe(120);
    const page = await s.intel.objects.list({ limit: 1000 });
    expect(page.items).toHaveLength(80);
    expect(new Set(page.items.map((i) => i.dateAdded)).size).toBe(80);
    await s.close();
  });
}
