/**
 * Granular markings (STIX 2.1 §7.2.3): every selector must name a property or list item that
 * is present in the marked object, e.g. `description`, `kill_chain_phases.[0].phase_name`.
 */
import { childPath, issue } from './issues.js';
import type { IssueSink } from './issues.js';

const INDEX = /^\[(\d+)\]$/;

/** True when the selector leads to a value in `object`. */
function resolves(object: unknown, selector: string): boolean {
  let node: unknown = object;
  for (const step of selector.split('.')) {
    const index = INDEX.exec(step);
    if (index) {
      if (!Array.isArray(node)) return false;
      node = node[Number(index[1])];
    } else {
      if (node === null || typeof node !== 'object' || Array.isArray(node)) return false;
      node = (node as Record<string, unknown>)[step];
    }
    if (node === undefined) return false;
  }
  return true;
}

/**
 * Reports selectors of `granular_markings` that select nothing.
 *
 * @example checkGranularSelectors(object, '$.objects[1]', sink)
 */
export function checkGranularSelectors(
  o: Readonly<Record<string, unknown>>,
  path: string,
  sink: IssueSink,
): void {
  const markings = o.granular_markings;
  if (!Array.isArray(markings)) return;
  markings.forEach((m: unknown, i) => {
    const selectors =
      m !== null && typeof m === 'object' ? (m as { selectors?: unknown }).selectors : undefined;
    if (!Array.isArray(selectors)) return;
    selectors.forEach((s: unknown, j) => {
      if (typeof s === 'string' && !resolves(o, s)) {
        const at = childPath(
          childPath(childPath(childPath(path, 'granular_markings'), i), 'selectors'),
          j,
        );
        sink.errors.push(
          issue(
            at,
            `selector '${s}' selects nothing in this object`,
            'use the path of a property or list item that is present',
          ),
        );
      }
    });
  });
}
