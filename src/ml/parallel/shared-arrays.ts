/**
 * Typed arrays in SharedArrayBuffers: posted to a worker thread they are shared, not copied.
 */

type Shareable = Int32Array | Float32Array | Float64Array | Uint8Array | Uint16Array;

/**
 * A SharedArrayBuffer-backed copy of `a`.
 *
 * @example
 * const codes = sharedCopy(binned.codes); // workers read it in place
 */
export function sharedCopy<T extends Shareable>(a: T): T {
  const Ctor = a.constructor as new (b: SharedArrayBuffer) => T;
  const out = new Ctor(new SharedArrayBuffer(a.byteLength));
  (out as unknown as { set(x: T): void }).set(a);
  return out;
}
