/**
 * The checks every imported object passes before it is stored: STIX 2.1 validation (the
 * official schemas and the rules they cannot express, `intel/stix`) and, for STIX-pattern
 * indicators, the patterning language's own validation (`intel/patterns`: the schemas see a
 * pattern as any string). A failed check is a rejection with the object's location.
 */
import { isThreatMeshError } from '../core/errors.js';
import type { StixObject } from '../core/stix/object.js';
import { compilePattern } from '../intel/patterns/index.js';
import type { StixValidator } from '../intel/stix/index.js';

/** Why an object is refused, or null when it may be stored. */
export type CheckResult = string | null;

export interface ObjectChecker {
  check(object: StixObject, path: string | undefined): CheckResult;
}

/** Accepts everything: for the bundled starter intel, which a test validates in full. */
export const TRUST_ALL: ObjectChecker = { check: () => null };

/**
 * Checks with the validator.
 *
 * @example objectChecker(validator).check(indicator, '$.objects[3]') // null, or "…: why"
 */
export function objectChecker(validator: StixValidator): ObjectChecker {
  return {
    check(object, path) {
      const r = validator.validateObject(object, { path: path ?? '$' });
      if (!r.valid) {
        return r.errors
          .slice(0, 3)
          .map((e) => `${e.path}: ${e.message}${e.hint ? ` (${e.hint})` : ''}`)
          .join('; ');
      }
      if (
        object.type === 'indicator' &&
        object.pattern_type === 'stix' &&
        typeof object.pattern === 'string'
      ) {
        try {
          compilePattern(object.pattern, { path: `${path ?? '$'}.pattern` });
        } catch (e) {
          if (!isThreatMeshError(e)) throw e;
          const where =
            e.location?.line !== undefined
              ? ` at ${e.location.line}:${e.location.column ?? 1} of the pattern`
              : '';
          return `${path ?? '$'}.pattern: ${e.message}${where}${e.hint ? ` (${e.hint})` : ''}`;
        }
      }
      return null;
    },
  };
}
