import { generateKeyPairSync, createPublicKey } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ThreatMeshError } from '../core/errors.js';
import {
  BUNDLE_FORMAT,
  BUNDLE_FORMAT_VERSION,
  modelDigest,
  publicKeyString,
  signBundle,
  verifyBundle,
  type BundleContent,
} from './bundle.js';

const ours = generateKeyPairSync('ed25519').privateKey;
const theirs = generateKeyPairSync('ed25519').privateKey;
const ourPub = publicKeyString(createPublicKey(ours));

function content(overrides: Partial<BundleContent> = {}): BundleContent {
  return {
    format: BUNDLE_FORMAT,
    formatVersion: BUNDLE_FORMAT_VERSION,
    kind: 'decision-tree',
    classes: ['normal', 'attack'],
    pipeline: { version: 1, steps: [] },
    model: { kind: 'decision-tree', version: 1, params: { maxDepth: 3 }, data: { n: 1 } },
    training: {
      dataset: 'nsl-kdd',
      task: 'binary',
      fingerprint: 'sha256:00',
      rows: 10,
      seed: 0,
      params: { maxDepth: 3 },
      file: 'KDDTrain+.txt',
    },
    metrics: {},
    meta: { createdAt: '2026-01-01T00:00:00.000Z', fitSeconds: 1.5, software: 'threatmesh test' },
    ...overrides,
  };
}

function roundTrip<T>(v: T): T {
  return JSON.parse(JSON.stringify(v)) as T;
}

function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (e instanceof ThreatMeshError) return e.code;
    throw e;
  }
  return 'no error';
}

describe('model bundles', () => {
  const trusted = new Set([ourPub]);

  it('verifies a bundle signed by a trusted key after a JSON round trip', () => {
    const b = roundTrip(signBundle(content(), ours));
    expect(verifyBundle(b, { trustedKeys: trusted, source: 'x' }).kind).toBe('decision-tree');
  });

  it('refuses a bundle whose content was modified (INTEGRITY)', () => {
    const b = roundTrip(signBundle(content(), ours)) as unknown as {
      model: { params: { maxDepth: number } };
    };
    b.model.params.maxDepth = 4;
    expect(codeOf(() => verifyBundle(b, { trustedKeys: trusted, source: 'x' }))).toBe('INTEGRITY');
  });

  it('refuses a bundle whose hash was recomputed but not re-signed (INTEGRITY)', () => {
    const forged = signBundle(content({ kind: 'random-forest' }), theirs);
    const original = signBundle(content(), ours);
    const mixed = { ...forged, signature: original.signature };
    expect(codeOf(() => verifyBundle(mixed, { trustedKeys: trusted, source: 'x' }))).toBe(
      'INTEGRITY',
    );
  });

  it('refuses a foreign signer unless trusted or --trust (UNTRUSTED)', () => {
    const b = roundTrip(signBundle(content(), theirs));
    expect(codeOf(() => verifyBundle(b, { trustedKeys: trusted, source: 'x' }))).toBe('UNTRUSTED');
    expect(
      verifyBundle(b, { trustedKeys: trusted, trustAnySigner: true, source: 'x' }).sha256,
    ).toBe(b.sha256);
  });

  it('names the JSON path of a malformed bundle (BAD_INPUT)', () => {
    try {
      verifyBundle(
        { format: BUNDLE_FORMAT, formatVersion: 99 },
        { trustedKeys: trusted, source: 'f.json' },
      );
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ThreatMeshError);
      expect((e as ThreatMeshError).code).toBe('BAD_INPUT');
      expect((e as ThreatMeshError).location?.path).toBe('$.formatVersion');
    }
  });

  it('keeps the model digest independent of timestamps and timings', () => {
    const a = content();
    const b = content({
      meta: { createdAt: '2027-05-05T00:00:00.000Z', fitSeconds: 9, software: 'other' },
    });
    expect(modelDigest(a)).toBe(modelDigest(b));
    expect(signBundle(a, ours).sha256).not.toBe(signBundle(b, ours).sha256);
  });
});
