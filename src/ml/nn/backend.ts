/**
 * TensorFlow.js on its WebAssembly backend, loaded on first use. Nothing happens at import time:
 * `loadTf()` imports the union package (it registers the gradients; tfjs-core alone leaves
 * autodiff without them) and the wasm backend, and switches to it. tfjs-node cannot install here
 * (../shared/docs/GOTCHAS.md), and the pure-JS `cpu` backend is about 5× slower on an MLP step.
 *
 * Only training needs it: inference runs on typed arrays (`dense-forward.ts`), so a model
 * restored from a bundle predicts synchronously in any process.
 */
import type * as TfNamespace from '@tensorflow/tfjs';
import { ThreatMeshError } from '../../core/errors.js';

/** The TensorFlow.js namespace. */
export type Tf = typeof TfNamespace;

/**
 * The TensorFlow.js namespace with the wasm backend active. Idempotent and safe to call
 * concurrently: Node caches the modules and tfjs serialises backend initialisation.
 *
 * In Node the wasm backend runs single-threaded (tfjs reports no multithread support without
 * cross-origin isolation), so its kernels reduce in a fixed order: the same inputs give the same
 * bits from run to run on one build of the backend.
 *
 * @example
 * const tf = await loadTf();
 * const y = tf.tidy(() => tf.matMul(a, b));
 */
export async function loadTf(): Promise<Tf> {
  const tf = await import('@tensorflow/tfjs');
  await import('@tensorflow/tfjs-backend-wasm');
  if (tf.getBackend() !== 'wasm') {
    let ok = false;
    try {
      ok = await tf.setBackend('wasm');
    } catch (cause) {
      throw wasmFailure(cause);
    }
    if (!ok) throw wasmFailure(undefined);
  }
  return tf;
}

function wasmFailure(cause: unknown): ThreatMeshError {
  return new ThreatMeshError('INTERNAL', 'the TensorFlow.js WebAssembly backend did not start', {
    hint: 'check that @tensorflow/tfjs-backend-wasm is installed with its .wasm files',
    ...(cause === undefined ? {} : { cause }),
  });
}
