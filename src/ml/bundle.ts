/**
 * Model bundles: one JSON document holding everything needed to use a trained model — format
 * version, feature pipeline state, model state, classes, what it was trained on — with a
 * SHA-256 of its content (detects corruption) and an Ed25519 signature by the instance that made
 * it (detects tampering; a bundle from another instance loads only when its key is trusted).
 *
 * The "model part" (pipeline, model, classes) is deterministic: the same data, parameters and
 * seed give identical bytes. Timestamps and timings live in `meta`, outside that part.
 */
import { createHash, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import { ThreatMeshError, badInput } from '../core/errors.js';
import type { ModelState } from './model.js';
import { canonicalJson } from './serialize.js';

export const BUNDLE_FORMAT = 'threatmesh-model';
export const BUNDLE_FORMAT_VERSION = 1;

export interface TrainingRecord {
  /** Loader name: nsl-kdd, unsw-nb15, cic-ids2017, csv. */
  readonly dataset: string;
  readonly task: string;
  /** Generic CSV: the label column and negative value the model was trained with. */
  readonly label?: string;
  readonly negative?: string;
  readonly fingerprint: string;
  readonly rows: number;
  /** Anomaly models: fitted on the normal rows only. */
  readonly normalOnly?: boolean;
  readonly seed: number;
  readonly params: Readonly<Record<string, number | string | boolean>>;
  /** File name (no directory) of the training data. */
  readonly file: string;
}

export interface BundleMeta {
  readonly createdAt: string;
  readonly fitSeconds: number;
  readonly software: string;
}

/** Everything that is hashed and signed. */
export interface BundleContent {
  readonly format: typeof BUNDLE_FORMAT;
  readonly formatVersion: number;
  readonly kind: string;
  readonly classes: readonly string[];
  readonly pipeline: unknown;
  readonly model: ModelState;
  readonly training: TrainingRecord;
  readonly metrics: Readonly<Record<string, number>>;
  readonly meta: BundleMeta;
}

export interface BundleSignature {
  readonly algorithm: 'ed25519';
  /** Raw 32-byte public key, base64url (the JWK `x`). */
  readonly publicKey: string;
  /** Signature over the UTF-8 bytes of `sha256`, base64. */
  readonly value: string;
}

export interface ModelBundle extends BundleContent {
  /** `sha256:<hex>` of the canonical JSON of the content. */
  readonly sha256: string;
  readonly signature: BundleSignature;
}

export function contentHash(content: BundleContent): string {
  const { format, formatVersion, kind, classes, pipeline, model, training, metrics, meta } =
    content;
  const text = canonicalJson({
    format,
    formatVersion,
    kind,
    classes,
    pipeline,
    model,
    training,
    metrics,
    meta,
  });
  return `sha256:${createHash('sha256').update(text).digest('hex')}`;
}

/** SHA-256 of the deterministic model part only (pipeline, model, classes). */
export function modelDigest(content: BundleContent): string {
  const text = canonicalJson({
    classes: content.classes,
    pipeline: content.pipeline,
    model: content.model,
  });
  return `sha256:${createHash('sha256').update(text).digest('hex')}`;
}

/** Public key as the base64url string used in signatures. */
export function publicKeyString(key: KeyObject): string {
  const jwk = key.export({ format: 'jwk' });
  if (typeof jwk.x !== 'string') throw new TypeError('not an Ed25519 public key');
  return jwk.x;
}

/** Short fingerprint of a public key string, for messages and listings. */
export function keyFingerprint(publicKey: string): string {
  return createHash('sha256').update(publicKey).digest('hex').slice(0, 16);
}

export function signBundle(content: BundleContent, privateKey: KeyObject): ModelBundle {
  const sha256 = contentHash(content);
  const publicKey = publicKeyString(createPublicKey(privateKey));
  const value = sign(null, Buffer.from(sha256, 'utf8'), privateKey).toString('base64');
  return { ...content, sha256, signature: { algorithm: 'ed25519', publicKey, value } };
}

export interface VerifyOptions {
  /** Public keys (base64url) whose signatures are accepted. */
  readonly trustedKeys: ReadonlySet<string>;
  /** Accept a valid signature by any key (`--trust`). */
  readonly trustAnySigner?: boolean;
  /** Named in messages: a file path, a model id. */
  readonly source: string;
}

/**
 * Check a parsed bundle: shape, content hash, signature, and that the signer is trusted.
 * Throws INTEGRITY for a modified bundle, UNTRUSTED for a foreign signer.
 */
export function verifyBundle(doc: unknown, options: VerifyOptions): ModelBundle {
  const b = checkShape(doc, options.source);
  const expected = contentHash(b);
  if (expected !== b.sha256) {
    throw new ThreatMeshError(
      'INTEGRITY',
      `model bundle ${options.source} was modified after it was made: its content does not match its SHA-256`,
      { hint: 'use the original bundle, or retrain the model' },
    );
  }
  let ok = false;
  try {
    const key = createPublicKey({
      key: { kty: 'OKP', crv: 'Ed25519', x: b.signature.publicKey },
      format: 'jwk',
    });
    ok = verify(null, Buffer.from(b.sha256, 'utf8'), key, Buffer.from(b.signature.value, 'base64'));
  } catch {
    ok = false;
  }
  if (!ok) {
    throw new ThreatMeshError(
      'INTEGRITY',
      `model bundle ${options.source} has an invalid signature`,
      { hint: 'the bundle was tampered with; use the original bundle, or retrain the model' },
    );
  }
  if (!options.trustAnySigner && !options.trustedKeys.has(b.signature.publicKey)) {
    throw new ThreatMeshError(
      'UNTRUSTED',
      `model bundle ${options.source} was signed by another instance (key ${keyFingerprint(b.signature.publicKey)})`,
      {
        hint: "pass --trust to load it anyway, or trust that instance's key with `threatmesh keys trust`",
      },
    );
  }
  return b;
}

function checkShape(doc: unknown, source: string): ModelBundle {
  const fail = (path: string, what: string): never => {
    throw badInput(`model bundle ${source}: ${what}`, {
      location: { path },
      hint: 'this is not a ThreatMesh model bundle, or it is damaged',
    });
  };
  if (typeof doc !== 'object' || doc === null) return fail('$', 'not a JSON object');
  const d = doc as Record<string, unknown>;
  if (d.format !== BUNDLE_FORMAT) return fail('$.format', `format is not "${BUNDLE_FORMAT}"`);
  if (d.formatVersion !== BUNDLE_FORMAT_VERSION) {
    return fail(
      '$.formatVersion',
      `format version ${String(d.formatVersion)} is not supported (this software reads ${BUNDLE_FORMAT_VERSION})`,
    );
  }
  if (typeof d.kind !== 'string') return fail('$.kind', 'kind is missing');
  if (!Array.isArray(d.classes) || !d.classes.every((c) => typeof c === 'string')) {
    return fail('$.classes', 'classes is not a list of strings');
  }
  if (typeof d.model !== 'object' || d.model === null) return fail('$.model', 'model is missing');
  if (typeof d.training !== 'object' || d.training === null) {
    return fail('$.training', 'training record is missing');
  }
  if (typeof d.meta !== 'object' || d.meta === null) return fail('$.meta', 'meta is missing');
  if (typeof d.sha256 !== 'string') return fail('$.sha256', 'sha256 is missing');
  const s = d.signature as Record<string, unknown> | undefined;
  if (
    typeof s !== 'object' ||
    s === null ||
    s.algorithm !== 'ed25519' ||
    typeof s.publicKey !== 'string' ||
    typeof s.value !== 'string'
  ) {
    return fail('$.signature', 'signature is missing or not Ed25519');
  }
  return doc as ModelBundle;
}
