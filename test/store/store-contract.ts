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
  open: () => Store,
  reopen?: (s: Store) => Store,
): void {
  describe(`store contract: ${name}`, () => {
    it('registers bundles and finds them by id and by name (newest wins)', () => {
      const s = open();
      const a = s.models.register(fakeBundle('decision-tree', '2026-01-01T00:00:00.000Z'), 'ids');
      const b = s.models.register(fakeBundle('random-forest', '2026-01-02T00:00:00.000Z'), 'ids');
      expect(s.models.find(a.id)?.kind).toBe('decision-tree');
      expect(s.models.find('ids')?.id).toBe(b.id);
      expect(s.models.find('nope')).toBeUndefined();
      expect(s.models.list().map((m) => m.id)).toEqual([b.id, a.id]);
      s.close();
    });

    it('returns the stored bundle unchanged', () => {
      const s = open();
      const bundle = fakeBundle();
      const m = s.models.register(bundle);
      expect(s.models.loadBundle(m.id)).toEqual(JSON.parse(JSON.stringify(bundle)));
      expect(m.sha256).toBe(bundle.sha256);
      expect(m.bytes).toBeGreaterThan(0);
      s.close();
    });

    it('records runs and lists them newest first, with filters', () => {
      const s = open();
      const r1 = s.runs.record(fakeRun({ kind: 'train', model: 'm1' }));
      const r2 = s.runs.record(fakeRun({ kind: 'eval', model: 'm1' }));
      const r3 = s.runs.record(fakeRun({ kind: 'eval', model: 'm2' }));
      expect(s.runs.list().map((r) => r.id)).toEqual([r3.id, r2.id, r1.id]);
      expect(s.runs.list({ kind: 'eval', model: 'm1' }).map((r) => r.id)).toEqual([r2.id]);
      expect(s.runs.list({ limit: 1 })).toHaveLength(1);
      expect(s.runs.get(r2.id)?.details).toEqual({
        confusion: [
          [1, 2],
          [3, 4],
        ],
      });
      s.close();
    });

    it('counts every write in the change sequence', () => {
      const s = open();
      const before = s.changeSeq();
      s.models.register(fakeBundle());
      s.runs.record(fakeRun());
      s.keys.trust('k'.repeat(43), 'partner');
      expect(s.changeSeq()).toBe(before + 3);
      s.close();
    });

    it('keeps trusted keys, relabelling on repeat', () => {
      const s = open();
      s.keys.trust('a'.repeat(43), 'one');
      s.keys.trust('a'.repeat(43), 'two');
      expect(s.keys.list()).toMatchObject([{ publicKey: 'a'.repeat(43), label: 'two' }]);
      s.close();
    });

    if (reopen) {
      it('keeps everything after close and reopen', () => {
        const s = open();
        const m = s.models.register(fakeBundle(), 'kept');
        const r = s.runs.record(fakeRun());
        const again = reopen(s);
        expect(again.models.find('kept')?.id).toBe(m.id);
        expect(again.runs.get(r.id)?.seconds).toBe(1.25);
        again.close();
      });
    }
  });
}
