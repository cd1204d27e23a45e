/**
 * The knowledge service's questions on a store adapter: the IOC index in step with imports,
 * graph queries (neighbours, shared infrastructure, objects linked to a technique), scoring
 * runs, and export → validate → import without loss.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildObservation } from '../../src/core/observation.js';
import { canonicalJson } from '../../src/core/stix/canonical-json.js';
import { computeScoId } from '../../src/core/stix/sco-id.js';
import { byteInputFrom } from '../../src/ingest/intel/byte-input.js';
import { resolveIntelInputs } from '../../src/ingest/intel/intel-inputs.js';
import { KnowledgeService } from '../../src/knowledge/knowledge-service.js';
import type { StoreWithIntel } from '../../src/store/intel-ports.js';
import { FIXTURES, validator } from './knowledge-support.js';
import type { OpenStore } from './knowledge-suite.js';

const U = (i: number) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
const EMBER = `intrusion-set--${U(3)}`;
const FROST = `intrusion-set--${U(4)}`;

async function seeded(open: OpenStore): Promise<{ store: StoreWithIntel; k: KnowledgeService }> {
  const store = await open();
  const k = new KnowledgeService(store.intel, { validator });
  const inputs = await resolveIntelInputs(
    ['campaigns.json', 'feed-a.txt', 'feed-b.csv'].map((f) => join(FIXTURES, f)),
    'auto',
  );
  await k.importIntel({ inputs, feedDate: Date.UTC(2024, 2, 1) });
  return { store, k };
}

async function contents(store: StoreWithIntel): Promise<string[]> {
  const out: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await store.intel.objects.list({
      limit: 1000,
      ...(cursor !== undefined ? { cursor } : {}),
    });
    out.push(...page.items.map((i) => canonicalJson(i.object)));
    cursor = page.next;
  } while (cursor !== undefined);
  return out.sort();
}

export function knowledgeQuerySuite(name: string, open: OpenStore): void {
  describe(`knowledge queries on ${name}`, () => {
    it('keeps the IOC index in step with imports: values, patterns and sanity flags', async () => {
      const { store, k } = await seeded(open);
      const hits = async (fields: Parameters<typeof buildObservation>[0]) =>
        (await k.match(buildObservation(fields))).flatMap((h) => h.ids).sort();
      const c2 = await hits({ time: 0, srcIp: '10.0.0.5', dstIp: '45.77.10.20', dstPort: 443 });
      expect(c2).toContain(`indicator--${U(7)}`);
      expect(c2).toContain(`indicator--${U(8)}`);
      expect(c2).toHaveLength(3); // and the feeds' merged indicator
      expect(await hits({ time: 0, dstIp: '91.92.93.94', dstPort: 4444 })).toEqual([
        `indicator--${U(9)}`,
      ]);
      expect(await hits({ time: 0, dstIp: '91.92.93.94', dstPort: 80 })).toEqual([]);
      expect(await hits({ time: 0, domain: 'www.c2.badhost.top' })).toHaveLength(2);
      expect(await hits({ time: 0, dstIp: '10.1.2.3' })).toEqual([]); // private: flagged, not matched
      const stats = (await k.stats(true)).index!;
      expect(stats).toMatchObject({ patterns: 1, flagged: 1 });
      // An import after the index was loaded updates it.
      await k.importIntel({
        inputs: [
          {
            path: 'more.txt',
            format: 'csv',
            open: async () => byteInputFrom('more.txt', [Buffer.from('77.88.99.11\n')]),
          },
        ],
      });
      expect(await hits({ time: 0, dstIp: '77.88.99.11' })).toHaveLength(1);
      await store.close();
    });

    it('answers neighbours, shared infrastructure and technique questions', async () => {
      const { store, k } = await seeded(open);
      const around = await k.graph(EMBER, 2);
      expect(around.nodes.map((n) => n.id)).toEqual(
        expect.arrayContaining([`attack-pattern--${U(2)}`, `infrastructure--${U(5)}`, FROST]),
      );
      const shared = await k.shared(EMBER, FROST, 2);
      const ip = computeScoId({ type: 'ipv4-addr', value: '45.77.10.20' })!;
      const server = computeScoId({ type: 'ipv4-addr', value: '91.92.93.94' })!;
      expect(shared.shared.map((s) => s.id).sort()).toEqual(
        [`infrastructure--${U(5)}`, ip, server].sort(),
      );
      expect(shared.jaccard).toBeGreaterThan(0);
      const t = await k.technique('T1059');
      expect(t.technique).toEqual({
        id: `attack-pattern--${U(2)}`,
        attackId: 'T1059',
        name: 'Command and Scripting Interpreter',
      });
      expect(t.graph.nodes.map((n) => n.id)).toContain(EMBER);
      await expect(k.technique('T9999')).rejects.toMatchObject({ code: 'NOT_FOUND' });
      await store.close();
    });

    it('stores a score per indicator, and a second run at the same time writes nothing', async () => {
      const { store, k } = await seeded(open);
      const now = Date.parse('2024-03-10T00:00:00Z');
      const first = await k.score(now);
      expect(first).toMatchObject({ indicators: 8, written: 8, unchanged: 0, expired: 0 });
      expect(await k.score(now)).toMatchObject({ written: 0, unchanged: 8 });
      const sighted = (await k.show(`indicator--${U(7)}`)).score!;
      expect(sighted).toMatchObject({
        kind: 'ipv4',
        confidence: 70,
        sightings: 1,
        half_life_days: 14,
      });
      const unsighted = (await k.show(`indicator--${U(8)}`)).score!;
      expect(sighted.score as number).toBeGreaterThan(unsighted.score as number);
      // Ten days later the address indicators have decayed: new versions of their notes.
      expect((await k.score(now + 10 * 86_400_000)).written).toBeGreaterThan(0);
      await store.close();
    });

    it('exports a bundle whose every object validates and that imports back without loss', async () => {
      const { store, k } = await seeded(open);
      let text = '';
      const summary = await k.exportBundle({}, (t) => {
        text += t;
      });
      const bundle = JSON.parse(text) as { type: string; objects: unknown[] };
      expect(bundle.type).toBe('bundle');
      expect(bundle.objects).toHaveLength(summary.objects);
      const report = validator().validateBundle(bundle);
      expect(report.objects.filter((o) => !o.valid).map((o) => o.errors)).toEqual([]);
      expect(report.valid).toBe(true);
      const exported = {
        path: 'export.json',
        format: 'stix' as const,
        open: async () => byteInputFrom('export.json', [Buffer.from(text)]),
      };
      expect(await k.importIntel({ inputs: [exported] })).toMatchObject({
        created: 0,
        updated: 0,
        unchanged: summary.objects,
      });
      const other = await open();
      const k2 = new KnowledgeService(other.intel, { validator });
      expect(await k2.importIntel({ inputs: [exported] })).toMatchObject({
        created: summary.objects,
        rejected: 0,
      });
      expect(await contents(other)).toEqual(await contents(store));
      let only = '';
      await k.exportBundle({ types: ['malware'] }, (t) => {
        only += t;
      });
      const types = (JSON.parse(only) as { objects: { type: string }[] }).objects.map(
        (o) => o.type,
      );
      expect(types).toEqual(['malware', 'marking-definition']);
      await store.close();
      await other.close();
    });
  });
}
