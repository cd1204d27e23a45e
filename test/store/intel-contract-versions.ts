/**
 * Intelligence store contract, part 1: versions, upsert outcomes, atomic batches, provenance,
 * revocation, `date_added` and the change sequence.
 */
import { expect, it } from 'vitest';
import type { StoreWithIntel } from '../../src/store/intel-ports.js';
import { day, ipv4, malware, relationship, sid } from './intel-fixtures.js';

export type OpenIntelStore = () => Promise<StoreWithIntel>;

const SRC = { source: 'test-feed', file: 'feed.json' };
const DATE_ADDED = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

export function versionContract(open: OpenIntelStore): void {
  it('creates objects with owner, marking, provenance, date_added and seq', async () => {
    const s = await open();
    const before = await s.changeSeq();
    const r = await s.intel.objects.upsert({ objects: [malware(1), malware(2)], provenance: SRC });
    expect(r).toMatchObject({ created: 2, updated: 0, unchanged: 0 });
    expect(r.seq).toBeGreaterThan(before);
    expect(await s.changeSeq()).toBe(r.seq);
    const got = (await s.intel.objects.get(sid('malware', 1)))!;
    expect(got.object).toEqual(malware(1));
    expect(got).toMatchObject({
      id: sid('malware', 1),
      type: 'malware',
      modified: day(0),
      owner: 'org_local',
      collection: null,
      revoked: false,
      seq: r.seq,
      marking: { tlp: 'amber', source: 'organisation' },
      provenance: [{ source: 'test-feed', peer: null, file: 'feed.json' }],
    });
    expect(got.dateAdded).toMatch(DATE_ADDED);
    expect(await s.intel.objects.get(sid('malware', 9))).toBeUndefined();
    await s.close();
  });

  it('leaves an identical object unchanged, without bumping the change sequence', async () => {
    const s = await open();
    await s.intel.objects.upsert({ objects: [malware(1)], provenance: SRC });
    const seq = await s.changeSeq();
    const first = await s.intel.objects.get(sid('malware', 1));
    // Same content, other key order: still the same object.
    const reordered = Object.fromEntries(Object.entries(malware(1)).reverse());
    const r = await s.intel.objects.upsert({
      objects: [reordered as ReturnType<typeof malware>],
      provenance: SRC,
    });
    expect(r).toEqual({ created: 0, updated: 0, unchanged: 1, seq });
    expect(await s.changeSeq()).toBe(seq);
    expect(await s.intel.objects.get(sid('malware', 1))).toEqual(first);
    await s.close();
  });

  it('keeps every version: newer becomes latest, older is kept as older, oldest first', async () => {
    const s = await open();
    const id = sid('malware', 1);
    await s.intel.objects.upsert({ objects: [malware(1, 5, { name: 'v5' })], provenance: SRC });
    const newer = await s.intel.objects.upsert({
      objects: [malware(1, 9, { name: 'v9' })],
      provenance: SRC,
    });
    expect(newer).toMatchObject({ created: 0, updated: 1, unchanged: 0 });
    const older = await s.intel.objects.upsert({
      objects: [malware(1, 1, { name: 'v1' })],
      provenance: SRC,
    });
    expect(older).toMatchObject({ created: 0, updated: 1, unchanged: 0 });
    expect((await s.intel.objects.get(id))?.object.name).toBe('v9');
    const versions = await s.intel.objects.versions(id);
    expect(versions.map((v) => v.object.name)).toEqual(['v1', 'v5', 'v9']);
    expect(versions.map((v) => v.modified)).toEqual([day(1), day(5), day(9)]);
    // Another spelling of the same instant finds the version.
    const v5 = await s.intel.objects.getVersion(id, day(5).replace('.000Z', 'Z'));
    expect(v5?.object.name).toBe('v5');
    expect(await s.intel.objects.getVersion(id, day(7))).toBeUndefined();
    expect(await s.intel.objects.versions(sid('malware', 2))).toEqual([]);
    await expect(s.intel.objects.getVersion(id, 'yesterday')).rejects.toMatchObject({
      code: 'BAD_INPUT',
    });
    await s.close();
  });

  it('replaces a version whose content changed without a new modified', async () => {
    const s = await open();
    await s.intel.objects.upsert({ objects: [malware(1, 2, { name: 'a' })], provenance: SRC });
    const before = (await s.intel.objects.get(sid('malware', 1)))!;
    const r = await s.intel.objects.upsert({
      objects: [malware(1, 2, { name: 'b' })],
      provenance: SRC,
    });
    expect(r).toMatchObject({ created: 0, updated: 1, unchanged: 0 });
    const after = (await s.intel.objects.get(sid('malware', 1)))!;
    expect(after.object.name).toBe('b');
    expect(after.dateAdded > before.dateAdded).toBe(true);
    expect(await s.intel.objects.versions(sid('malware', 1))).toHaveLength(1);
    await s.close();
  });

  it('gives SCOs one version, replaced when their content changes', async () => {
    const s = await open();
    const r1 = await s.intel.objects.upsert({ objects: [ipv4(1, '203.0.113.7')], provenance: SRC });
    const r2 = await s.intel.objects.upsert({
      objects: [ipv4(1, '203.0.113.7', { x_seen: 2 })],
      provenance: SRC,
    });
    const r3 = await s.intel.objects.upsert({
      objects: [ipv4(1, '203.0.113.7', { x_seen: 2 })],
      provenance: SRC,
    });
    expect([r1.created, r2.updated, r3.unchanged]).toEqual([1, 1, 1]);
    const versions = await s.intel.objects.versions(sid('ipv4-addr', 1));
    expect(versions).toHaveLength(1);
    expect(versions[0]).toMatchObject({ modified: null, object: { x_seen: 2 } });
    await s.close();
  });

  it('counts one outcome per input object when a batch repeats an id', async () => {
    const s = await open();
    const r = await s.intel.objects.upsert({
      objects: [malware(1, 1), malware(1, 1), malware(1, 3), malware(2), malware(1, 2)],
      provenance: SRC,
    });
    expect(r).toMatchObject({ created: 2, updated: 2, unchanged: 1 });
    const versions = await s.intel.objects.versions(sid('malware', 1));
    expect(versions.map((v) => v.modified)).toEqual([day(1), day(2), day(3)]);
    expect((await s.intel.objects.get(sid('malware', 1)))?.modified).toBe(day(3));
    await s.close();
  });

  it('issues unique, strictly increasing date_added values across versions and batches', async () => {
    const s = await open();
    for (let b = 0; b < 3; b++) {
      await s.intel.objects.upsert({
        objects: [malware(1, b), malware(2, b), ipv4(b + 10, `198.51.100.${b}`)],
        provenance: SRC,
      });
    }
    const all = [
      ...(await s.intel.objects.versions(sid('malware', 1))),
      ...(await s.intel.objects.versions(sid('malware', 2))),
      ...[10, 11, 12].map((n) => s.intel.objects.get(sid('ipv4-addr', n))),
    ];
    const dates = (await Promise.all(all)).map((v) => v!.dateAdded);
    expect(dates).toHaveLength(9);
    expect(new Set(dates).size).toBe(9);
    // Versions of one object were added in this order.
    expect(dates.slice(0, 3)).toEqual([...dates.slice(0, 3)].sort());
    for (const d of dates) expect(d).toMatch(DATE_ADDED);
    await s.close();
  });

  it('rejects a batch with a malformed object whole, naming its JSON path', async () => {
    const s = await open();
    await s.intel.objects.upsert({ objects: [malware(1, 1)], provenance: SRC });
    const seq = await s.changeSeq();
    const bad = { ...malware(3), id: 'malware--not-a-uuid' };
    const err = await s.intel.objects
      .upsert({ objects: [malware(1, 2), malware(2), bad], provenance: SRC })
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'BAD_INPUT', location: { path: '$.objects[2].id' } });
    expect((err as { hint?: string }).hint).toBeTruthy();
    const wrongType = { ...malware(4), type: 'tool' };
    await expect(
      s.intel.objects.upsert({ objects: [wrongType], provenance: SRC }),
    ).rejects.toMatchObject({ code: 'BAD_INPUT', location: { path: '$.objects[0].type' } });
    const badTime = malware(5, 0, { modified: '2024-02-30T00:00:00Z' });
    await expect(
      s.intel.objects.upsert({ objects: [badTime], provenance: SRC }),
    ).rejects.toMatchObject({ code: 'BAD_INPUT', location: { path: '$.objects[0].modified' } });
    const badRel = relationship(6, sid('malware', 1), 'uses', 'nowhere');
    await expect(
      s.intel.objects.upsert({ objects: [badRel], provenance: SRC }),
    ).rejects.toMatchObject({ location: { path: '$.objects[0].target_ref' } });
    expect((await s.intel.objects.stats()).objects).toBe(1);
    expect((await s.intel.objects.get(sid('malware', 1)))?.modified).toBe(day(1));
    expect(await s.changeSeq()).toBe(seq);
    await s.close();
  });

  it('rejects an unknown owner or collection before writing anything', async () => {
    const s = await open();
    await expect(
      s.intel.objects.upsert({ objects: [malware(1)], provenance: SRC, owner: 'org_nobody' }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(
      s.intel.objects.upsert({
        objects: [malware(1), malware(2)],
        provenance: SRC,
        ownerOf: (o) => (o.id === sid('malware', 2) ? 'org_nobody' : undefined),
      }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(
      s.intel.objects.upsert({ objects: [malware(1)], provenance: SRC, collection: 'nope' }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(
      s.intel.objects.upsert({ objects: [malware(1)], provenance: { source: ' ' } }),
    ).rejects.toMatchObject({ code: 'BAD_INPUT' });
    expect((await s.intel.objects.stats()).objects).toBe(0);
    await s.close();
  });

  it('records each source once, in the order they delivered the object', async () => {
    const s = await open();
    await s.intel.objects.upsert({ objects: [malware(1)], provenance: SRC });
    await s.intel.objects.upsert({ objects: [malware(1)], provenance: SRC });
    const seq = await s.changeSeq();
    const r = await s.intel.objects.upsert({
      objects: [malware(1)],
      provenance: { source: 'partner-feed', peer: 'https://taxii.example.org/' },
    });
    expect(r).toMatchObject({ unchanged: 1 });
    expect(r.seq).toBeGreaterThan(seq);
    const got = await s.intel.objects.get(sid('malware', 1));
    expect(got?.provenance.map((p) => [p.source, p.peer, p.file])).toEqual([
      ['test-feed', null, 'feed.json'],
      ['partner-feed', 'https://taxii.example.org/', null],
    ]);
    expect(got?.provenance[0]?.addedAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    await s.close();
  });

  it('revokes as a new version, once; SCOs and unknown ids cannot be revoked', async () => {
    const s = await open();
    const id = sid('malware', 1);
    await s.intel.objects.upsert({
      objects: [malware(1, 3), ipv4(2, '192.0.2.1')],
      provenance: SRC,
    });
    const revoked = await s.intel.objects.revoke(id, { source: 'analyst' });
    expect(revoked).toMatchObject({ revoked: true, object: { revoked: true, name: 'malware 1' } });
    expect(revoked.modified! > day(3)).toBe(true);
    expect(await s.intel.objects.versions(id)).toHaveLength(2);
    expect(revoked.provenance.map((p) => p.source)).toEqual(['test-feed', 'analyst']);
    const again = await s.intel.objects.revoke(id, { source: 'analyst' });
    expect(again.dateAdded).toBe(revoked.dateAdded);
    await expect(
      s.intel.objects.revoke(sid('ipv4-addr', 2), { source: 'analyst' }),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(
      s.intel.objects.revoke(sid('malware', 99), { source: 'analyst' }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await s.close();
  });
}
