/**
 * Markings: granular markings (STIX 2.1 §7.2.3), whose selectors must name a property or list
 * item present in the marked object (`description`, `kill_chain_phases.[0].phase_name`), and
 * marking definitions themselves (§7.2.1).
 */
import { TLP2_EXTENSION_ID, tlpName, tlpOfMarkingId } from '../../core/stix/tlp.js';
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

/**
 * Marking definitions (STIX 2.1 §7.2.1): they cannot be versioned, so they carry no `modified`
 * or `revoked`; an object that uses an official TLP 2.0 id must say the same level, since
 * recipients act on the id (`effectiveTlp`) and a mismatch means a forged or broken marking.
 *
 * @example checkMarkingDefinition(marking, '$.objects[0]', sink)
 */
export function checkMarkingDefinition(
  o: Readonly<Record<string, unknown>>,
  path: string,
  sink: IssueSink,
): void {
  if (o.type !== 'marking-definition') return;
  for (const p of ['modified', 'revoked']) {
    if (o[p] !== undefined) {
      sink.errors.push(
        issue(
          childPath(path, p),
          `marking definitions cannot be versioned: no ${p} (§7.2.1)`,
          `drop "${p}"`,
        ),
      );
    }
  }
  const level = typeof o.id === 'string' ? tlpOfMarkingId(o.id) : null;
  if (level === null || o.definition_type === 'tlp') return; // TLP 1.0: the schema pins its content
  const extensions = o.extensions;
  const entry =
    extensions !== null && typeof extensions === 'object'
      ? (extensions as Record<string, unknown>)[TLP2_EXTENSION_ID]
      : undefined;
  const value =
    entry !== null && typeof entry === 'object'
      ? (entry as Record<string, unknown>).tlp_2_0
      : undefined;
  if (value !== level) {
    const at = childPath(childPath(childPath(path, 'extensions'), TLP2_EXTENSION_ID), 'tlp_2_0');
    sink.errors.push(
      issue(
        at,
        `the official ${tlpName(level)} id must carry tlp_2_0 "${level}"`,
        'use the marking definition OASIS publishes for this id',
      ),
    );
  }
}
