/**
 * `--model X`: X is a registered id, a registered name, or the path of a bundle file. The
 * bundle is verified (content hash, signature, trusted signer) before anything uses it.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { ThreatMeshError, badInput } from '../../core/errors.js';
import { verifyBundle, type ModelBundle } from '../../ml/bundle.js';
import type { StoredModel } from '../../store/ports.js';
import type { AppContext } from '../context.js';

export interface ResolvedModel {
  readonly bundle: ModelBundle;
  /** The registry entry, when X named one. */
  readonly stored: StoredModel | undefined;
  /** An id for runs: the registry id, or the bundle's file path. */
  readonly ref: string;
}

export async function resolveModel(
  ctx: AppContext,
  x: string,
  options: { trust?: boolean } = {},
): Promise<ResolvedModel> {
  const trustedKeys = await ctx.trustedKeys();
  const verify = (doc: unknown, source: string): ModelBundle =>
    verifyBundle(doc, {
      trustedKeys,
      trustAnySigner: options.trust === true,
      source,
    });
  const stored = await ctx.store.models.find(x);
  if (stored) {
    return {
      bundle: verify(await ctx.store.models.loadBundle(stored.id), stored.id),
      stored,
      ref: stored.id,
    };
  }
  if (existsSync(x) && statSync(x).isFile()) {
    return { bundle: verify(readBundleFile(x), x), stored: undefined, ref: x };
  }
  throw new ThreatMeshError(
    'NOT_FOUND',
    `no model with id or name "${x}", and no bundle file at that path`,
    {
      hint: '`threatmesh models` lists the registered models',
    },
  );
}

/** Parse a bundle file (JSON, optionally gzip-compressed). */
export function readBundleFile(path: string): unknown {
  let bytes = readFileSync(path);
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
    try {
      bytes = gunzipSync(bytes);
    } catch (e) {
      throw badInput(`${path} is a damaged gzip file`, { location: { file: path }, cause: e });
    }
  }
  const text = bytes.toString('utf8');
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    const m = /position (\d+)/.exec(String(e));
    const pos = m ? Number(m[1]) : undefined;
    const location: { file: string; line?: number; column?: number } = { file: path };
    if (pos !== undefined) {
      const before = text.slice(0, pos);
      location.line = before.split('\n').length;
      location.column = pos - before.lastIndexOf('\n');
    }
    throw badInput(`${path} is not valid JSON, so not a model bundle`, {
      location,
      hint: 'pass a bundle written by `threatmesh train --out FILE`',
    });
  }
}
