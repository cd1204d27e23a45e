/**
 * JSON encoding of typed arrays for model state: `{"$typed": "f32", "b64": "…"}` with the
 * little-endian bytes in base64, so that a state round-trips exactly (bit for bit) and its JSON
 * text is deterministic.
 */
import { badInput } from '../core/errors.js';

export type TypedArray =
  Float32Array | Float64Array | Int32Array | Uint32Array | Uint16Array | Uint8Array | Int8Array;

const TAGS = {
  f32: Float32Array,
  f64: Float64Array,
  i32: Int32Array,
  u32: Uint32Array,
  u16: Uint16Array,
  u8: Uint8Array,
  i8: Int8Array,
} as const;
export type TypedTag = keyof typeof TAGS;

export interface EncodedTypedArray {
  readonly $typed: TypedTag;
  readonly b64: string;
}

export type SerializedValue =
  | null
  | boolean
  | number
  | string
  | EncodedTypedArray
  | readonly SerializedValue[]
  | { readonly [key: string]: SerializedValue };

function tagOf(a: TypedArray): TypedTag {
  if (a instanceof Float32Array) return 'f32';
  if (a instanceof Float64Array) return 'f64';
  if (a instanceof Int32Array) return 'i32';
  if (a instanceof Uint32Array) return 'u32';
  if (a instanceof Uint16Array) return 'u16';
  if (a instanceof Uint8Array) return 'u8';
  return 'i8';
}

/** Encode a typed array (this platform is little-endian, as every Node target is). */
export function encodeTyped(a: TypedArray): EncodedTypedArray {
  const bytes = Buffer.from(a.buffer, a.byteOffset, a.byteLength);
  return { $typed: tagOf(a), b64: bytes.toString('base64') };
}

export function isEncodedTyped(v: unknown): v is EncodedTypedArray {
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof (v as { $typed?: unknown }).$typed === 'string' &&
    typeof (v as { b64?: unknown }).b64 === 'string'
  );
}

/** Decode a typed array of the expected kind; `where` names it in the error message. */
export function decodeTyped<T extends TypedTag>(
  v: SerializedValue | undefined,
  tag: T,
  where: string,
): InstanceType<(typeof TAGS)[T]> {
  if (!isEncodedTyped(v) || v.$typed !== tag) {
    throw badInput(`model state: ${where} is not an encoded ${tag} array`, {
      hint: 'the bundle is damaged or from an incompatible version; retrain the model',
    });
  }
  const bytes = Buffer.from(v.b64, 'base64');
  const Ctor = TAGS[tag];
  const width = Ctor.BYTES_PER_ELEMENT;
  if (bytes.byteLength % width !== 0) {
    throw badInput(
      `model state: ${where} has ${bytes.byteLength} bytes, not a multiple of ${width}`,
    );
  }
  // Copy into a fresh, aligned buffer.
  const copy = new Uint8Array(bytes.byteLength);
  copy.set(bytes);
  return new Ctor(copy.buffer) as InstanceType<(typeof TAGS)[T]>;
}

/** Read a finite number from state data. */
export function stateNumber(v: SerializedValue | undefined, where: string): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) {
    throw badInput(`model state: ${where} is not a finite number`);
  }
  return v;
}

/** Read a string array from state data. */
export function stateStrings(v: SerializedValue | undefined, where: string): string[] {
  if (!Array.isArray(v) || !v.every((s) => typeof s === 'string')) {
    throw badInput(`model state: ${where} is not a list of strings`);
  }
  return v as string[];
}

/**
 * JSON text with object keys sorted at every level, so that equal values give equal bytes
 * (used for hashing and signing).
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v !== null && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v).sort()) {
      const x = (v as Record<string, unknown>)[k];
      if (x !== undefined) out[k] = sortKeys(x);
    }
    return out;
  }
  return v;
}
