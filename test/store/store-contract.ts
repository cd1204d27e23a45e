/**
 * The behaviour every store adapter must have, as one suite: run it against each adapter
 * (SQLite now, PostgreSQL when it lands) so that they cannot drift apart.
 */
import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  BUNDLE_FORMAT,
  BUNDLE_FORMAT_VERSION,
  signBundle,
  type ModelBundle,
} from '../../src/ml/bundle.js';
import type { NewRun, Store } from '../../src/store/ports.js';

const key = generateKeyPairSync('ed25519').privateKey;

export function fakeBundle(
  kind = 'decision-tree',
  createdAt = new Date().toISOString(),
): ModelBundle {
  return signBundle(
    {
      format: BUNDLE_FORMAT,
      formatVersion: BUNDLE_FORMAT_VERSION,
      kind,
      classes: ['normal', 'attack'],
      pipeline: { steps: [] },
      model: { kind, version: 1, params: {}, data: { big: 'x'.repeat(1000) } },
      training: {
        dataset: 'nsl-kdd',
        task: 'binary',
        fingerprint: 'sha256:ab',
        rows: 5,
        seed: 1,
        params: {},
        file: 'a.txt',
      },
      metrics: {},
      meta: { createdAt, fitSeconds: 0.5, software: 'test' },
    },
    key,
  );
}

export function fakeRun(overrides: Partial<NewRun> = {}): NewRun {
  return {
    kind: 'eval',
    model: 'mdl_x',
    dataset: 'nsl-kdd',
    task: 'binary',
    file: 'KDDTest+.txt',
    dataFingerprint: 'sha256:cd',
    params: { a: 1 },
    metrics: { accuracy: 0.8 },
    details: {
      confusion: [
        [1, 2],
        [3, 4],
      ],
    },
    startedAt: new Date().toISOString(),
    seconds: 1.25,
    ...overrides,
  };
}

/** Runs the contract against stores made by `open` (each call a fresh, empty store). */
export function describeStoreContract(
  name: string,
  open: () => Store | Promise<Store>,
  reopen?: (s: Store) => Promise<Store>,
): void {
  describe(`store contract: ${name}`, () => {
    it('registers bundles and finds them by id and by name (newest wins)', async () => {
      const s = await open();
      const a = await s.models.register(
        fakeBundle('decision-tree', '2026-01-01T00:00:00.000Z'),
        'ids',
      );
      const b = await s.models.register(
        fakeBundle('random-forest', '2026-01-02T00:00:00.000Z'),
        'ids',
      );
      expect((await s.models.find(a.id))?.kind).toBe('decision-tree');
      expect((await s.models.find('ids'))?.id).toBe(b.id);
      expect(await s.models.find('nope')).toBeUndefined();
      expect((await s.models.list()).map((m) => m.id)).toEqual([b.id, a.id]);
      await s.close();
    });

    it('returns the stored bundle unchanged', async () => {
      const s = await open();
      const bundle = fakeBundle();
      const m = await s.models.register(bundle);
      expect(await s.models.loadBundle(m.id)).toEqual(JSON.parse(JSON.stringify(bundle)));
      expect(m.sha256).toBe(bundle.sha256);
      expect(m.bytes).toBeGreaterThan(0);
      await s.close();
    });

    it('records runs and lists them newest first, with filters', async () => {
      const s = await open();
      const r1 = await s.runs.record(fakeRun({ kind: 'train', model: 'm1' }));
      const r2 = await s.runs.record(fakeRun({ kind: 'eval', model: 'm1' }));
      const r3 = await s.runs.record(fakeRun({ kind: 'eval', model: 'm2' }));
      expect((await s.runs.list()).map((r) => r.id)).toEqual([r3.id, r2.id, r1.id]);
      expect((await s.runs.list({ kind: 'eval', model: 'm1' })).map((r) => r.id)).toEqual([r2.id]);
      expect(await s.runs.list({ limit: 1 })).toHaveLength(1);
      expect((await s.runs.get(r2.id))?.details).toEqual({
        confusion: [
          [1, 2],
          [3, 4],
        ],
      });
      await s.close();
    });

    it('counts every write in the change sequence', async () => {
      const s = await open();
      const before = await s.changeSeq();
      await s.models.register(fakeBundle());
      await s.runs.record(fakeRun());
      await s.keys.trust('k'.repeat(43), 'partner');
      expect(await s.changeSeq()).toBe(before + 3);
      await s.close();
    });

    it('keeps trusted keys, relabelling on repeat', async () => {
      const s = await open();
      await s.keys.trust('a'.repeat(43), 'one');
      await s.keys.trust('a'.repeat(43), 'two');
      expect(await s.keys.list()).toMatchObject([{ publicKey: 'a'.repeat(43), label: 'two' }]);
      await s.close();
    });

    if (reopen) {
      it('keeps everything after close and reopen', async () => {
        const s = await open();
        const m = await s.models.register(fakeBundle(), 'kept');
        const r = await s.runs.record(fakeRun());
        const again = await reopen(s);
        expect((await again.models.find('kept'))?.id).toBe(m.id);
        expect((await again.runs.get(r.id))?.seconds).toBe(1.25);
        await again.close();
      });
    }
  });
}
