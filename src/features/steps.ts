/**
 * Preprocessing step specifications: what a pipeline is asked to do, before it sees data.
 *
 * Steps run in three phases, and a list must name them in that order: column steps (`impute`,
 * `log1p`, `drop-constant`) act on the data set's columns; encoders (`onehot`, `ordinal`) turn
 * categorical columns into numeric output columns; scalers (`standard`, `minmax`) act on the
 * numeric output. Within a phase the given order is kept (`log1p,impute` imputes the logged
 * values).
 */
import { badInput } from '../core/errors.js';

export type ImputeStrategy = 'median' | 'mean' | 'zero';

export type StepSpec =
  | { readonly kind: 'impute'; readonly strategy?: ImputeStrategy }
  | { readonly kind: 'log1p'; readonly columns?: readonly string[] }
  | { readonly kind: 'drop-constant' }
  | { readonly kind: 'onehot'; readonly columns?: readonly string[] }
  | { readonly kind: 'ordinal'; readonly columns?: readonly string[] }
  | { readonly kind: 'standard' }
  | { readonly kind: 'minmax' };

export type StepKind = StepSpec['kind'];
export type EncoderKind = 'onehot' | 'ordinal';

export const STEP_KINDS: readonly StepKind[] = [
  'impute',
  'log1p',
  'drop-constant',
  'onehot',
  'ordinal',
  'standard',
  'minmax',
];

const IMPUTE_STRATEGIES: readonly ImputeStrategy[] = ['median', 'mean', 'zero'];

const PHASE: Readonly<Record<StepKind, 0 | 1 | 2>> = {
  impute: 0,
  log1p: 0,
  'drop-constant': 0,
  onehot: 1,
  ordinal: 1,
  standard: 2,
  minmax: 2,
};
const PHASE_NAMES = ['column steps', 'encoders', 'scalers'] as const;

/** Separates column names in a step argument: `log1p:src_bytes+dst_bytes`. */
const COLUMN_SEPARATOR = '+';

const SYNTAX_HINT =
  `steps: ${STEP_KINDS.join(', ')}; for example "impute,onehot,standard" or ` +
  `"impute:mean,log1p:src_bytes+dst_bytes,onehot,minmax"`;

export function isEncoder(step: StepSpec): step is Extract<StepSpec, { kind: EncoderKind }> {
  return step.kind === 'onehot' || step.kind === 'ordinal';
}

export function isScaler(
  step: StepSpec,
): step is Extract<StepSpec, { kind: 'standard' | 'minmax' }> {
  return step.kind === 'standard' || step.kind === 'minmax';
}

/**
 * Parse a comma-separated step list as given on the command line. `impute` takes a strategy
 * (`impute:mean`); `log1p`, `onehot` and `ordinal` take column names joined by `+`.
 *
 * @example
 * parseSteps('impute:mean,log1p:src_bytes+dst_bytes,onehot,minmax');
 * // → [{ kind: 'impute', strategy: 'mean' }, { kind: 'log1p', columns: ['src_bytes', 'dst_bytes'] },
 * //    { kind: 'onehot' }, { kind: 'minmax' }]
 */
export function parseSteps(text: string): StepSpec[] {
  const parts = text.split(',').map((s) => s.trim());
  if (parts.length === 1 && parts[0] === '') {
    throw badInput('empty step list', { hint: SYNTAX_HINT });
  }
  const steps = parts.map((part, i) => parseOne(part, i + 1));
  checkStepOrder(steps);
  return steps;
}

function parseOne(part: string, position: number): StepSpec {
  const colon = part.indexOf(':');
  const name = (colon < 0 ? part : part.slice(0, colon)).trim();
  const arg = colon < 0 ? undefined : part.slice(colon + 1).trim();
  const where = `step ${position} "${part}"`;
  if (!(STEP_KINDS as readonly string[]).includes(name)) {
    throw badInput(`${where}: unknown step "${name}"`, { hint: SYNTAX_HINT });
  }
  const kind = name as StepKind;
  if (arg === undefined) return normalizeStep({ kind } as StepSpec);
  if (arg === '') throw badInput(`${where}: empty argument after ":"`, { hint: SYNTAX_HINT });
  switch (kind) {
    case 'impute':
      if (!(IMPUTE_STRATEGIES as readonly string[]).includes(arg)) {
        throw badInput(`${where}: unknown impute strategy "${arg}"`, {
          hint: `use one of ${IMPUTE_STRATEGIES.join(', ')}`,
        });
      }
      return { kind, strategy: arg as ImputeStrategy };
    case 'log1p':
    case 'onehot':
    case 'ordinal': {
      const columns = arg.split(COLUMN_SEPARATOR).map((c) => c.trim());
      if (columns.some((c) => c === '')) {
        throw badInput(`${where}: empty column name`, { hint: SYNTAX_HINT });
      }
      return { kind, columns };
    }
    default:
      throw badInput(`${where}: "${kind}" takes no argument`, { hint: SYNTAX_HINT });
  }
}

/**
 * The steps the model families want (`ModelSpec.input`): trees take imputed, one-hot data
 * unscaled; distance, linear and probabilistic models also want standard scaling. This is the
 * preprocessing of the reference scripts (`../shared/anchors/common.py`, `Preprocessor`).
 *
 * @example
 * fitPipeline(train, defaultSteps('scaled'));
 */
export function defaultSteps(input: 'raw' | 'scaled'): StepSpec[] {
  const raw: StepSpec[] = [{ kind: 'impute', strategy: 'median' }, { kind: 'onehot' }];
  return input === 'raw' ? raw : [...raw, { kind: 'standard' }];
}

/** The step with its defaults filled in, so that equal meanings give equal states. */
export function normalizeStep(step: StepSpec): StepSpec {
  switch (step.kind) {
    case 'impute':
      return { kind: 'impute', strategy: step.strategy ?? 'median' };
    case 'log1p':
    case 'onehot':
    case 'ordinal':
      return step.columns === undefined
        ? { kind: step.kind }
        : { kind: step.kind, columns: [...step.columns] };
    default:
      return { kind: step.kind };
  }
}

/** Throws BAD_INPUT when a step comes after a step of a later phase. */
export function checkStepOrder(steps: readonly StepSpec[]): void {
  let phase = 0;
  let last: StepKind | undefined;
  for (const step of steps) {
    const p = PHASE[step.kind];
    if (p < phase && last !== undefined) {
      throw badInput(`step "${step.kind}" comes after "${last}"`, {
        hint: `steps run as ${PHASE_NAMES.join(', then ')}; move "${step.kind}" before "${last}"`,
      });
    }
    phase = p;
    last = step.kind;
  }
}

/**
 * Check a step read from JSON (a saved pipeline, an API body); `path` names it in errors.
 * Returns the normalised step.
 */
export function stepFromJson(value: unknown, path: string): StepSpec {
  const fail = (what: string): never => {
    throw badInput(`pipeline state: ${path} ${what}`, { location: { path }, hint: SYNTAX_HINT });
  };
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail('is not an object');
  const v = value as Record<string, unknown>;
  const kind = v['kind'];
  if (typeof kind !== 'string' || !(STEP_KINDS as readonly string[]).includes(kind)) {
    fail(`has an unknown kind ${JSON.stringify(kind)}`);
  }
  const allowed = kind === 'impute' ? ['kind', 'strategy'] : ['kind', 'columns'];
  for (const key of Object.keys(v)) {
    if (!allowed.includes(key) || (key === 'columns' && !hasColumnsOption(kind as StepKind))) {
      fail(`has an unexpected field "${key}"`);
    }
  }
  const strategy = v['strategy'];
  if (strategy !== undefined && !(IMPUTE_STRATEGIES as readonly unknown[]).includes(strategy)) {
    fail(`.strategy must be one of ${IMPUTE_STRATEGIES.join(', ')}`);
  }
  const columns = v['columns'];
  if (columns !== undefined && !isStringArray(columns)) fail('.columns is not a list of strings');
  return normalizeStep(value as StepSpec);
}

function hasColumnsOption(kind: StepKind): boolean {
  return kind === 'log1p' || kind === 'onehot' || kind === 'ordinal';
}

export function isStringArray(v: unknown): v is string[] {
  return Array.isArray(v) && v.every((s) => typeof s === 'string');
}
