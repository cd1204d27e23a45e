/**
 * Which of a failed schema's errors to report. A STIX schema that offers alternatives
 * (`anyOf`/`oneOf`) fails with the errors of every alternative; only the alternative the object
 * was meant to be says something useful.
 */
import type { ErrorObject } from 'ajv/dist/2020.js';
import { TLP1_MARKING_IDS } from '../../core/stix/tlp.js';

/** The `depth`-th anyOf/oneOf branch on a schema path: where the combinator is, which branch. */
function branchAt(schemaPath: string, depth: number): { at: string; branch: string } | null {
  const re = /\/(?:anyOf|oneOf)\/(\d+)/g;
  let m: RegExpExecArray | null = null;
  for (let i = 0; i <= depth; i++) {
    m = re.exec(schemaPath);
    if (m === null) return null;
  }
  return { at: schemaPath.slice(0, m!.index), branch: m![1]! };
}

/**
 * Where the errors come from several branches of one anyOf/oneOf, keeps the branch with the
 * fewest (the form the object was closest to, as Python jsonschema's best_match does); on a
 * tie all stay, so that "one of these is required" can name every alternative.
 *
 * @example closestBranches(validate.errors ?? [])
 */
export function closestBranches(errors: readonly ErrorObject[]): readonly ErrorObject[] {
  let kept = errors;
  for (let depth = 0; depth < 8; depth++) {
    const counts = new Map<string, Map<string, number>>();
    for (const e of kept) {
      const b = branchAt(e.schemaPath, depth);
      if (b === null) continue;
      const perBranch = counts.get(b.at) ?? new Map<string, number>();
      perBranch.set(b.branch, (perBranch.get(b.branch) ?? 0) + 1);
      counts.set(b.at, perBranch);
    }
    if (counts.size === 0) break;
    const best = new Map<string, string>();
    for (const [at, perBranch] of counts) {
      const sorted = [...perBranch].sort((x, y) => x[1] - y[1]);
      if (sorted.length > 1 && sorted[0]![1] < sorted[1]![1]) best.set(at, sorted[0]![0]);
    }
    kept = kept.filter((e) => {
      const b = branchAt(e.schemaPath, depth);
      return b === null || !best.has(b.at) || best.get(b.at) === b.branch;
    });
  }
  return kept;
}

const TLP1_FORMS = new Map<string, ReadonlySet<string>>(
  Object.entries(TLP1_MARKING_IDS).map(([level, id]) => [
    id,
    new Set([id, `TLP:${level.toUpperCase()}`, level]),
  ]),
);

/**
 * The marking-definition schema is `oneOf` [a statement or other marking, a TLP 1.0 marking],
 * and its parts `$ref` definitions whose errors ajv reports without the branch in their schema
 * path. So the form is chosen by what the object says it is (`definition_type`), and of the
 * four TLP 1.0 definitions only the one its id names is kept.
 *
 * @example markingErrors(validate.errors ?? [], markingDefinition)
 */
export function markingErrors(
  errors: readonly ErrorObject[],
  data: unknown,
): readonly ErrorObject[] {
  const o = data !== null && typeof data === 'object' ? (data as Record<string, unknown>) : {};
  if (o.type !== 'marking-definition') return errors;
  const fromTlpDefinition = (e: ErrorObject): boolean =>
    e.keyword === 'enum' &&
    /^#\/(definitions\/tlp_\w+\/)?properties\/(id|name|definition)\//.test(e.schemaPath);
  const fromStatement = (e: ErrorObject): boolean =>
    e.instancePath.startsWith('/definition') && !e.schemaPath.startsWith('#/oneOf/');
  if (o.definition_type !== 'tlp') {
    return errors.filter(
      (e) =>
        !e.schemaPath.startsWith('#/oneOf/1') &&
        !fromTlpDefinition(e) &&
        !(o.definition_type === 'statement' && e.schemaPath.startsWith('#/oneOf/0/oneOf/1')),
    );
  }
  const forms = typeof o.id === 'string' ? TLP1_FORMS.get(o.id) : undefined;
  const kept = errors.filter((e) => {
    if (e.schemaPath.startsWith('#/oneOf/0') || (fromStatement(e) && !fromTlpDefinition(e))) {
      return false;
    }
    if (!fromTlpDefinition(e)) return true;
    const allowed = (e.params.allowedValues as unknown[] | undefined)?.[0];
    return forms === undefined ? false : forms.has(String(allowed));
  });
  if (forms !== undefined) return kept;
  // Not one of the four TLP 1.0 ids: one message that lists them.
  const idError = errors.find((e) => fromTlpDefinition(e) && e.instancePath === '/id');
  if (idError === undefined) return kept;
  return [...kept, { ...idError, params: { allowedValues: [...TLP1_FORMS.keys()] } }];
}
