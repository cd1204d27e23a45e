/**
 * Object paths (STIX 2.1 §9.4) resolved against one root object of an Observation, compiled
 * once into a chain of closures. A path can yield several values (`[*]`, a `*_refs` list);
 * a comparison holds when its test holds for any of them. `x_ref` and the elements of `x_refs`
 * are resolved through `Observation.byRef` when the path goes on past them. Values of `*_hex`
 * and `*_bin` properties are binary (hex / base64, as the reference matcher reads them).
 * The key after `hashes` is matched by hash-algorithm name (`md5`, `MD5`; `SHA256`, `SHA-256`),
 * since published patterns spell them every way (the OASIS APT1 example: `hashes.md5`).
 */
import {
  type CyberObservable,
  type Observation,
  canonicalHashName,
} from '../../core/observation.js';
import type { ObjectPath, PathStep } from './ast.js';
import type { ValueTest } from './values.js';

/** Whether a root object of an observation satisfies the test somewhere along the path. */
export type RootProbe = (root: CyberObservable, obs: Observation) => boolean;

type Step = (v: unknown, obs: Observation, isRef: boolean) => boolean;

const HEX = /^(?:[0-9A-Fa-f]{2})*$/;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Uint8Array);
}

function binaryValue(key: string, v: unknown): unknown {
  if (typeof v !== 'string') return v;
  if (key.endsWith('_hex') && HEX.test(v)) return new Uint8Array(Buffer.from(v, 'hex'));
  if (key.endsWith('_bin') && v.length % 4 === 0 && BASE64.test(v)) {
    return new Uint8Array(Buffer.from(v, 'base64'));
  }
  return v;
}

/** `o[key]` for own properties only: a path must never reach `constructor` or `__proto__`. */
function propertyReader(key: string): (o: Record<string, unknown>) => unknown {
  if (!(key in Object.prototype)) return (o) => o[key];
  return (o) => (Object.hasOwn(o, key) ? o[key] : undefined);
}

function hashReader(key: string): (o: Record<string, unknown>) => unknown {
  const canonical = canonicalHashName(key);
  const direct = propertyReader(canonical);
  const asWritten = propertyReader(key);
  return (o) => {
    const v = direct(o) ?? asWritten(o);
    if (v !== undefined) return v;
    for (const k of Object.keys(o)) if (canonicalHashName(k) === canonical) return o[k];
    return undefined;
  };
}

function compileStep(steps: readonly PathStep[], i: number, test: ValueTest): Step {
  if (i === steps.length) {
    const last = steps[steps.length - 1]!;
    const binary = last.kind === 'key' && (last.key.endsWith('_hex') || last.key.endsWith('_bin'));
    if (!binary) return (v) => test(v);
    const key = (last as { key: string }).key;
    return (v) => test(binaryValue(key, v));
  }
  const step = steps[i]!;
  const next = compileStep(steps, i + 1, test);
  if (step.kind === 'key') {
    const prev = steps[i - 1];
    const read =
      prev?.kind === 'key' && prev.key === 'hashes'
        ? hashReader(step.key)
        : propertyReader(step.key);
    const ref = step.key.endsWith('_ref') || step.key.endsWith('_refs');
    return (v, obs, isRef) => {
      const o = isRef && typeof v === 'string' ? obs.byRef.get(v) : v;
      if (!isObject(o)) return false;
      const value = read(o);
      return value !== undefined && next(value, obs, ref);
    };
  }
  if (step.kind === 'index') {
    const index = step.index;
    return (v, obs, isRef) => {
      if (!Array.isArray(v)) return false;
      const el: unknown = v[index < 0 ? v.length + index : index];
      return el !== undefined && next(el, obs, isRef);
    };
  }
  return (v, obs, isRef) => {
    if (!Array.isArray(v)) return false;
    for (const el of v) if (next(el, obs, isRef)) return true;
    return false;
  };
}

/**
 * Compiles a path and a value test into a probe of root objects (the object type is checked
 * by the caller). The common one-step path (`ipv4-addr:value`) becomes a single property read.
 *
 * @example
 * const path = { objectType: 'file', steps: [{ kind: 'key', key: 'name' }], pos: 0 } as const;
 * compileProbe(path, (v) => v === 'a.exe')({ type: 'file', name: 'a.exe' }, obs) // true
 */
export function compileProbe(path: ObjectPath, test: ValueTest): RootProbe {
  const steps = path.steps;
  const first = steps[0];
  if (steps.length === 1 && first?.kind === 'key' && !/_(hex|bin)$/.test(first.key)) {
    const read = propertyReader(first.key);
    return (root) => {
      const v = read(root);
      return v !== undefined && test(v);
    };
  }
  const chain = compileStep(steps, 0, test);
  return (root, obs) => chain(root, obs, false);
}
