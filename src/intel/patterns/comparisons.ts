/**
 * Comparison expressions compiled to closures over one root object. STIX 2.1 §9.5: the
 * comparisons of an observation expression joined by AND must all hold for the same
 * cyber-observable object, so the whole expression is evaluated per root object and an
 * observation matches when one of its objects satisfies it (OR simply tries each operand).
 * A comparison whose path does not resolve is false, with or without NOT (the reference
 * matcher's reading); NOT negates the operator on each value found.
 */
import type { CyberObservable, Observation } from '../../core/observation.js';
import type { Comparison, ComparisonExpression, Literal } from './ast.js';
import { formatObjectPath } from './format.js';
import { compileProbe } from './paths.js';
import { valueTest } from './values.js';

/** Whether one root object (of its observation) satisfies the expression. */
export type RootTest = (root: CyberObservable, obs: Observation) => boolean;

function compileLeaf(e: Exclude<ComparisonExpression, { kind: 'and' | 'or' }>): RootTest {
  const type = e.path.objectType;
  if (e.kind === 'exists') {
    const probe = compileProbe(e.path, () => true);
    return e.negated
      ? (root, obs) => root.type === type && !probe(root, obs)
      : (root, obs) => root.type === type && probe(root, obs);
  }
  const last = e.path.steps[e.path.steps.length - 1];
  const base = valueTest(e.operator, e.value, {
    addressValue: last?.kind === 'key' && last.key === 'value',
  });
  const test = e.negated ? (v: unknown) => !base(v) : base;
  const probe = compileProbe(e.path, test);
  return (root, obs) => root.type === type && probe(root, obs);
}

/**
 * `p = 'a' OR p = 'b' OR …` on one path → `p IN ('a', 'b', …)`: one hash look-up instead of
 * one closure per value, for indicators that OR together thousands of addresses. Only plain
 * string equalities merge (a CIDR on an address value keeps its own "inside" test).
 */
function mergeEqualities(operands: readonly ComparisonExpression[]): ComparisonExpression[] {
  const groups = new Map<string, Comparison[]>();
  const out: ComparisonExpression[] = [];
  for (const o of operands) {
    const mergeable =
      o.kind === 'comparison' &&
      !o.negated &&
      (o.operator === '=' || o.operator === 'IN') &&
      (Array.isArray(o.value) ? o.value : [o.value as Literal]).every(
        (l) => l.type === 'string' && !l.value.includes('/'),
      );
    if (!mergeable) {
      out.push(o);
      continue;
    }
    const key = formatObjectPath(o.path);
    const group = groups.get(key);
    if (group) group.push(o);
    else {
      groups.set(key, [o]);
      out.push(o);
    }
  }
  return out.map((o) => {
    const group = o.kind === 'comparison' ? groups.get(formatObjectPath(o.path)) : undefined;
    if (!group || group[0] !== o || group.length === 1) return o;
    const value = group.flatMap((c) => (Array.isArray(c.value) ? c.value : [c.value as Literal]));
    return { ...o, operator: 'IN' as const, value };
  });
}

/**
 * Compiles a comparison expression into a test of one root object.
 *
 * @example
 * const test = compileComparison(parsePattern("[file:name = 'a' AND file:size > 1]").expression.comparison);
 */
function compileComparison(e: ComparisonExpression): RootTest {
  if (e.kind === 'comparison' || e.kind === 'exists') return compileLeaf(e);
  const operands = e.kind === 'or' ? mergeEqualities(e.operands) : e.operands;
  if (operands.length === 1) return compileLeaf(operands[0] as Comparison);
  const tests = operands.map(compileComparison);
  if (e.kind === 'and') {
    if (tests.length === 2) {
      const [a, b] = tests as [RootTest, RootTest];
      return (root, obs) => a(root, obs) && b(root, obs);
    }
    return (root, obs) => {
      for (const t of tests) if (!t(root, obs)) return false;
      return true;
    };
  }
  return (root, obs) => {
    for (const t of tests) if (t(root, obs)) return true;
    return false;
  };
}

/**
 * Object types that can satisfy an expression (STIX 2.1 §9.5: OR unites the operands' types,
 * AND intersects them); an empty set means it can never match.
 */
export function satisfyingTypes(e: ComparisonExpression): Set<string> {
  if (e.kind === 'comparison' || e.kind === 'exists') return new Set([e.path.objectType]);
  const sets = e.operands.map(satisfyingTypes);
  if (e.kind === 'or') return new Set(sets.flatMap((s) => [...s]));
  return sets.reduce((acc, s) => new Set([...acc].filter((t) => s.has(t))));
}

/** Whether some object of the observation satisfies the compiled expression. */
export type ObservationTest = (obs: Observation) => boolean;

/**
 * The test of a simple observation expression `[ … ]` against one observation.
 *
 * @example compileObservationTest(expr)(buildObservation({ time: 0, dstIp: '198.51.100.1' }))
 */
export function compileObservationTest(e: ComparisonExpression): ObservationTest {
  const test = compileComparison(e);
  return (obs) => {
    const objects = obs.objects;
    for (let i = 0; i < objects.length; i++) if (test(objects[i]!, obs)) return true;
    return false;
  };
}
