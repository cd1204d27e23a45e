/**
 * Intelligence store contract, part 2: effective markings, organisations and collections,
 * keyset-paged listing with filters, full-text search and counts.
 */
import { expect, it } from 'vitest';
import type { StoredIntelObject } from '../../src/store/intel-ports.js';
import { day, ipv4, malware, sdo, sid, TLP1_WHITE, TLP2 } from './intel-fixtures.js';
import type { OpenIntelStore } from './intel-contract-versions.js';

const SRC = { source: 'test-feed' };

const ids = (items: readonly StoredIntelObject[]): string[] => items.map((i) => i.id);

export function queryContract(open: OpenIntelStore): void {
  it('resolves the marking: own TLP, else the collection default, else the owner default', async () => {
    const s = await open();
    const partner = await s.intel.organisations.create({ name: 'partner', defaultTlp: 'red' });
    const col = await s.intel.collections.create({ title: 'shared', defaultTlp: 'green' });
    await s.intel.objects.upsert({
      objects: [
        malware(1, 0, { object_marking_refs: [TLP2.green, TLP2.red] }),
        malware(2, 0, { object_marking_refs: [TLP1_WHITE] }),
        malware(3),
      ],
      provenance: SRC,
    });
    await s.intel.objects.upsert({ objects: [malware(4)], provenance: SRC, collection: col.id });
    await s.intel.objects.upsert({ objects: [malware(5)], provenance: SRC, owner: partner.id });
    const marking = async (n: number) => (await s.intel.objects.get(sid('malware', n)))!.marking;
    expect(await marking(1)).toEqual({ tlp: 'red', markingRef: TLP2.red, source: 'object' });
    expect(await marking(2)).toMatchObject({ tlp: 'clear', source: 'object' });
    expect(await marking(3)).toEqual({
      tlp: 'amber',
      markingRef: TLP2.amber,
      source: 'organisation',
    });
    expect(await marking(4)).toMatchObject({ tlp: 'green', source: 'collection' });
    expect(await marking(5)).toMatchObject({ tlp: 'red', source: 'organisation' });
    expect((await s.intel.objects.get(sid('malware', 5)))!.owner).toBe(partner.id);
    await s.intel.organisations.setDefaultTlp('org_local', 'clear');
    expect(await marking(3)).toMatchObject({ tlp: 'clear', source: 'organisation' });
    await s.close();
  });

  it('has a local organisation; names and collection ids are unique', async () => {
    const s = await open();
    const local = await s.intel.organisations.local();
    expect(local).toMatchObject({ id: 'org_local', name: 'local', defaultTlp: 'amber' });
    const a = await s.intel.organisations.create({ name: 'ACME CERT' });
    expect(a.defaultTlp).toBe('amber');
    expect(await s.intel.organisations.find('ACME CERT')).toEqual(a);
    expect(await s.intel.organisations.find(a.id)).toEqual(a);
    expect(await s.intel.organisations.find('nobody')).toBeUndefined();
    await expect(s.intel.organisations.create({ name: 'ACME CERT' })).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    await expect(
      s.intel.organisations.create({ name: 'x', defaultTlp: 'purple' as 'red' }),
    ).rejects.toMatchObject({ code: 'USAGE' });
    await expect(s.intel.organisations.setDefaultTlp('org_none', 'red')).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    expect((await s.intel.organisations.list()).map((o) => o.name).sort()).toEqual([
      'ACME CERT',
      'local',
    ]);
    const c = await s.intel.collections.create({ id: 'c-1', title: 'Indicators' });
    expect(c).toMatchObject({ id: 'c-1', title: 'Indicators', description: '', defaultTlp: null });
    const uuid = await s.intel.collections.create({ title: 'Other' });
    expect(uuid.id).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    await expect(s.intel.collections.create({ id: 'c-1', title: 'again' })).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    expect(await s.intel.collections.get('c-1')).toEqual(c);
    expect(await s.intel.collections.get('c-2')).toBeUndefined();
    expect(await s.intel.collections.list()).toHaveLength(2);
    await s.close();
  });

  it('pages through every latest version once, in date_added order', async () => {
    const s = await open();
    const objects = Array.from({ length: 25 }, (_, i) => malware(i + 1));
    await s.intel.objects.upsert({ objects: objects.slice(0, 12), provenance: SRC });
    await s.intel.objects.upsert({ objects: objects.slice(12), provenance: SRC });
    // An update moves an object to the end: it changed last.
    await s.intel.objects.upsert({ objects: [malware(3, 4)], provenance: SRC });
    const seen: StoredIntelObject[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await s.intel.objects.list({ limit: 10, ...(cursor ? { cursor } : {}) });
      seen.push(...page.items);
      cursor = page.next;
      pages++;
    } while (cursor !== undefined);
    expect(pages).toBe(3);
    expect(seen).toHaveLength(25);
    expect(new Set(ids(seen)).size).toBe(25);
    expect(seen.map((o) => o.dateAdded)).toEqual(seen.map((o) => o.dateAdded).sort());
    expect(seen[24]).toMatchObject({ id: sid('malware', 3), modified: day(4) });
    const after = await s.intel.objects.list({ addedAfter: seen[19]!.dateAdded });
    expect(ids(after.items)).toEqual(ids(seen.slice(20)));
    await s.close();
  });

  it('filters by type, label, TLP, owner, collection, modified range, revocation and seq', async () => {
    const s = await open();
    const org = await s.intel.organisations.create({ name: 'peer', defaultTlp: 'green' });
    const col = await s.intel.collections.create({ title: 'c' });
    await s.intel.objects.upsert({
      objects: [
        malware(1, 1, { labels: ['ransomware'] }),
        malware(2, 5, { labels: ['trojan', 'ransomware'], object_marking_refs: [TLP2.red] }),
        malware(3, 9, { revoked: true }),
        sdo('tool', 4, 5, { name: 'psexec' }),
        ipv4(5, '192.0.2.5'),
      ],
      provenance: SRC,
    });
    const seq = await s.changeSeq();
    await s.intel.objects.upsert({ objects: [malware(6, 2)], provenance: SRC, owner: org.id });
    await s.intel.objects.upsert({ objects: [malware(7, 2)], provenance: SRC, collection: col.id });
    const list = async (q: Parameters<typeof s.intel.objects.list>[0]) =>
      ids((await s.intel.objects.list(q)).items).sort();
    const m = (n: number) => sid('malware', n);
    expect(await list({ types: ['tool', 'ipv4-addr'] })).toEqual([
      sid('ipv4-addr', 5),
      sid('tool', 4),
    ]);
    expect(await list({ label: 'ransomware' })).toEqual([m(1), m(2)]);
    expect(await list({ tlp: 'red' })).toEqual([m(2)]);
    expect(await list({ tlp: 'green', types: ['malware'] })).toEqual([m(6)]);
    expect(await list({ owner: org.id })).toEqual([m(6)]);
    expect(await list({ collection: col.id })).toEqual([m(7)]);
    expect(await list({ modifiedFrom: day(2), modifiedTo: day(5) })).toEqual([
      m(2),
      m(6),
      m(7),
      sid('tool', 4),
    ]);
    expect(await list({ revoked: true })).toEqual([m(3)]);
    expect(await list({ revoked: false, types: ['malware'], label: 'trojan' })).toEqual([m(2)]);
    expect(await list({ changedAfterSeq: seq })).toEqual([m(6), m(7)]);
    await s.close();
  });

  it('refuses bad paging and filter values with a hint', async () => {
    const s = await open();
    await expect(s.intel.objects.list({ cursor: 'bm9wZQ' })).rejects.toMatchObject({
      code: 'BAD_INPUT',
    });
    await expect(s.intel.objects.list({ limit: 0 })).rejects.toMatchObject({ code: 'USAGE' });
    await expect(s.intel.objects.list({ limit: 1001 })).rejects.toMatchObject({ code: 'USAGE' });
    await expect(s.intel.objects.list({ modifiedFrom: '2024-01-01' })).rejects.toMatchObject({
      code: 'BAD_INPUT',
    });
    await expect(s.intel.objects.list({ tlp: 'white' as 'clear' })).rejects.toMatchObject({
      code: 'USAGE',
    });
    await expect(s.intel.objects.search('  !! ')).rejects.toMatchObject({ code: 'USAGE' });
    await s.close();
  });

  it('searches names, descriptions, labels, aliases and external ids; all words must match', async () => {
    const s = await open();
    await s.intel.objects.upsert({
      objects: [
        sdo('attack-pattern', 1, 0, {
          name: 'Spearphishing Attachment',
          description: 'Adversaries send emails with a malicious attachment.',
          external_references: [{ source_name: 'mitre-attack', external_id: 'T1566.001' }],
        }),
        sdo('intrusion-set', 2, 0, {
          name: 'Café Crew',
          aliases: ['Cozy Bear'],
          description: 'Known for spearphishing.',
        }),
        malware(3, 0, { labels: ['ransomware'], description: 'Encrypts files.' }),
        sdo('indicator', 4, 0, {
          name: 'C2 address',
          pattern: "[ipv4-addr:value = '198.51.100.23']",
          pattern_type: 'stix',
          valid_from: day(0),
        }),
      ],
      provenance: SRC,
    });
    const search = async (text: string, q = {}) => ids(await s.intel.objects.search(text, q));
    const ap = sid('attack-pattern', 1);
    const is = sid('intrusion-set', 2);
    expect((await search('spearphishing')).slice(0, 2)).toEqual([ap, is]);
    expect(await search('malicious attachment')).toEqual([ap]);
    expect(await search('attachment cozy')).toEqual([]);
    expect(await search('T1566.001')).toEqual([ap]);
    expect(await search('cafe')).toEqual([is]);
    expect(await search('COZY')).toEqual([is]);
    expect(await search('ransomware')).toEqual([sid('malware', 3)]);
    expect(await search('spear*')).toHaveLength(2);
    expect(await search('198.51.100.23')).toEqual([sid('indicator', 4)]);
    expect(await search('spearphishing', { types: ['intrusion-set'] })).toEqual([is]);
    expect(await search('spearphishing', { limit: 1 })).toHaveLength(1);
    // Only the latest version is indexed.
    await s.intel.objects.upsert({
      objects: [malware(3, 1, { labels: ['wiper'], description: 'Deletes files.' })],
      provenance: SRC,
    });
    expect(await search('ransomware')).toEqual([]);
    expect(await search('wiper deletes')).toEqual([sid('malware', 3)]);
    await s.close();
  });

  it('counts objects, versions, revoked objects and edges', async () => {
    const s = await open();
    await s.intel.objects.upsert({
      objects: [malware(1), malware(1, 1), malware(2, 0, { revoked: true }), ipv4(3, '192.0.2.3')],
      provenance: SRC,
    });
    expect(await s.intel.objects.stats()).toEqual({
      objects: 3,
      versions: 4,
      revoked: 1,
      edges: 0,
      byType: { 'ipv4-addr': 1, malware: 2 },
    });
    await s.close();
  });
}
