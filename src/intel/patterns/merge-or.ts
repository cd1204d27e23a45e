/**
 * `[A] OR [B]` → `[A OR B]`: an observation-level OR of unqualified simple observation
 * expressions is satisfied by exactly the observations the comparison-level OR accepts, so
 * indicators written one value per observation expression (as some converters do) get the
 * single-observation fast path and the set look-up of ORed equalities.
 */
import type { ComparisonExpression, ObservationExpression } from './ast.js';

/**
 * The expression with every OR's simple operands merged into one (recursively).
 *
 * @example mergeSimpleOr(parsePattern("[a-b:c = 1] OR [a-b:c = 2]").expression)
 * // the tree of "[a-b:c = 1 OR a-b:c = 2]"
 */
export function mergeSimpleOr(e: ObservationExpression): ObservationExpression {
  if (e.kind === 'observation') return e;
  if (e.kind === 'qualified') return { ...e, expression: mergeSimpleOr(e.expression) };
  const operands = e.operands.map(mergeSimpleOr);
  if (e.kind !== 'OR') return { ...e, operands };
  const simple = operands.filter((o) => o.kind === 'observation');
  if (simple.length < 2) return { ...e, operands };
  const comparisons: ComparisonExpression[] = simple.flatMap((o) =>
    o.comparison.kind === 'or' ? o.comparison.operands : [o.comparison],
  );
  const merged: ObservationExpression = {
    kind: 'observation',
    comparison: { kind: 'or', operands: comparisons, pos: simple[0]!.pos },
    pos: simple[0]!.pos,
  };
  const rest = operands.filter((o) => o.kind !== 'observation');
  return rest.length === 0 ? merged : { ...e, operands: [merged, ...rest] };
}
