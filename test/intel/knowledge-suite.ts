/**
 * The knowledge service's import on a store adapter: idempotent re-import, provenance, owner
 * and marking, merging the same indicator from several feeds, and bad input that leaves
 * nothing in the store. Run on SQLite and PostgreSQL (knowledge-sqlite / knowledge-postgres).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { TLP2_MARKING_IDS } from '../../src/core/stix/tlp.js';
import { byteInputFrom } from '../../src/ingest/intel/byte-input.js';
import { resolveIntelInputs, type IntelInput } from '../../src/ingest/intel/intel-inputs.js';
import { KnowledgeService } from '../../src/knowledge/knowledge-service.js';
import type { StoreWithIntel } from '../../src/store/intel-ports.js';
import { FIXTURES, scratchDir, validator } from './knowledge-support.js';

export type OpenStore = () => Promise<StoreWithIntel>;

async function fresh(open: OpenStore): Promise<{ store: StoreWithIntel; k: KnowledgeService }> {
  const store = await open();
  return { store, k: new KnowledgeService(store.intel, { validator }) };
}

const inputs = (...files: string[]) =>
  resolveIntelInputs(
    files.map((f) => join(FIXTURES, f)),
    'auto',
  );

export function knowledgeImportSuite(name: string, open: OpenStore): void {
  describe(`knowledge import on ${name}`, () => {
    it('imports a bundle, then finds nothing to change when it is imported again', async () => {
      const { store, k } = await fresh(open);
      const first = await k.importIntel({ inputs: await inputs('campaigns.json') });
      expect(first).toMatchObject({
        created: 20,
        updated: 0,
        unchanged: 0,
        rejected: 0,
        batches: 1,
      });
      const second = await k.importIntel({ inputs: await inputs('campaigns.json') });
      expect(second).toMatchObject({ created: 0, updated: 0, unchanged: 20, rejected: 0 });
      expect((await store.intel.objects.stats()).versions).toBe(20);
      await store.close();
    });

    it('records owner, provenance and the --tlp marking of objects that carry none', async () => {
      const { store, k } = await fresh(open);
      await k.importIntel({
        inputs: await inputs('campaigns.json'),
        org: 'Partner CERT',
        tlp: 'amber',
        source: 'partner',
      });
      const group = await store.intel.objects.get(
        'intrusion-set--00000000-0000-4000-8000-000000000003',
      );
      const org = await store.intel.organisations.find('Partner CERT');
      expect(group).toMatchObject({
        owner: org!.id,
        marking: { tlp: 'amber', source: 'object' },
        provenance: [{ source: 'partner', file: join(FIXTURES, 'campaigns.json') }],
      });
      expect(group!.object.object_marking_refs).toEqual([TLP2_MARKING_IDS.amber]);
      const malware = await store.intel.objects.get(
        'malware--00000000-0000-4000-8000-000000000006',
      );
      expect(malware!.marking.tlp).toBe('green');
      expect(await store.intel.objects.get(TLP2_MARKING_IDS.amber)).toBeDefined();
      await store.close();
    });

    it('merges the same indicator from two feeds whatever their order, keeping both provenances', async () => {
      const contents: unknown[] = [];
      for (const order of [
        ['feed-a.txt', 'feed-b.csv'],
        ['feed-b.csv', 'feed-a.txt'],
      ]) {
        const { store, k } = await fresh(open);
        for (const f of order)
          await k.importIntel({ inputs: await inputs(f), feedDate: Date.UTC(2024, 2, 1) });
        const id = (await store.intel.objects.search('45.77.10.20', { types: ['indicator'] }))[0]!
          .id;
        const merged = await store.intel.objects.get(id);
        expect(merged!.provenance.map((p) => p.source).sort()).toEqual(['feed-a', 'feed-b']);
        expect(merged!.object).toMatchObject({
          confidence: 80, // noisy-OR of 60 (feed-b) and "Med" 50 for feed-a, which states none
          x_threatmesh_sources: [{ source: 'feed-a' }, { source: 'feed-b', confidence: 60 }],
        });
        contents.push(merged!.object);
        const again = await k.importIntel({
          inputs: await inputs(...order),
          feedDate: Date.UTC(2024, 2, 1),
        });
        expect(again).toMatchObject({ created: 0, updated: 0 });
        await store.close();
      }
      expect(contents[0]).toEqual(contents[1]);
    });

    it('stores nothing from any file when one input is not valid JSON, and says where', async () => {
      const { store, k } = await fresh(open);
      await expect(
        k.importIntel({ inputs: await inputs('campaigns.json', 'broken.json') }),
      ).rejects.toMatchObject({
        code: 'BAD_INPUT',
        location: {
          file: join(FIXTURES, 'broken.json'),
          line: 6,
          column: 124,
          path: '$.objects[0]',
        },
      });
      expect((await store.intel.objects.stats()).objects).toBe(0);
      await store.close();
    });

    it('stores nothing from a truncated gzip file or an endless line', async () => {
      const { store, k } = await fresh(open);
      const gz = gzipSync(readFileSync(join(FIXTURES, 'campaigns.json')));
      const cut = join(scratchDir(), 'campaigns.json.gz');
      writeFileSync(cut, gz.subarray(0, gz.length - 100));
      await expect(
        k.importIntel({ inputs: await resolveIntelInputs([cut], 'stix') }),
      ).rejects.toThrow(/truncated gzip/);
      async function* endless(): AsyncGenerator<Uint8Array> {
        yield Buffer.from('45.77.10.20\n185.220.101.4\n');
        for (;;) yield Buffer.alloc(16 << 10, 0x31);
      }
      const stream: IntelInput = {
        path: 'generated-feed',
        format: 'csv',
        open: async () => byteInputFrom('generated-feed', endless()),
      };
      await expect(
        k.importIntel({ inputs: [stream], maxLineBytes: 1 << 20 }),
      ).rejects.toMatchObject({
        code: 'BAD_INPUT',
        location: { file: 'generated-feed', line: 3 },
      });
      expect((await store.intel.objects.stats()).objects).toBe(0);
      await store.close();
    });

    it('reports objects of the wrong shape with their JSON path, or refuses all with --on-bad-row fail', async () => {
      const bundle = JSON.parse(readFileSync(join(FIXTURES, 'campaigns.json'), 'utf8')) as {
        objects: Record<string, unknown>[];
      };
      bundle.objects[2] = { ...bundle.objects[2], created: 5 };
      bundle.objects[7] = { ...bundle.objects[7], pattern: "[ipv4-addr:value = '45.77.10.20'" };
      const file = join(scratchDir(), 'wrong-types.json');
      writeFileSync(file, JSON.stringify(bundle, null, 1));
      const { store, k } = await fresh(open);
      await expect(
        k.importIntel({ inputs: await resolveIntelInputs([file], 'auto'), onBadRow: 'fail' }),
      ).rejects.toThrow(/nothing was imported/);
      expect((await store.intel.objects.stats()).objects).toBe(0);
      const s = await k.importIntel({ inputs: await resolveIntelInputs([file], 'auto') });
      expect(s).toMatchObject({ created: 18, rejected: 2 });
      expect(s.rejections.map((r) => r.reason)).toEqual([
        expect.stringMatching(/^\$\.objects\[2\]\.created: /),
        expect.stringMatching(/^\$\.objects\[7\]\.pattern: .*at 1:33 of the pattern/),
      ]);
      await store.close();
    });

    it('imports a MISP feed directory, checks hashes.csv, and changes nothing the second time', async () => {
      const { store, k } = await fresh(open);
      const feed = await resolveIntelInputs(['test/fixtures/misp-feed'], 'auto');
      expect(feed).toEqual([{ path: 'test/fixtures/misp-feed', format: 'misp-feed' }]);
      const first = await k.importIntel({ inputs: feed });
      expect(first.rejected).toBe(0);
      expect(first.notes).toContainEqual(
        'test/fixtures/misp-feed/hashes.csv: 36 of 36 attribute values listed',
      );
      const second = await k.importIntel({ inputs: feed });
      expect(second).toMatchObject({
        created: 0,
        updated: 0,
        unchanged: first.created + first.updated + first.unchanged,
      });
      await store.close();
    });
  });
}
