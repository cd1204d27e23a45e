/**
 * Hyper-parameter specifications: each model declares its parameters once (name, type, range,
 * default, description); `--param name=value` strings and API bodies are checked against them,
 * and bad values get a message that says what is allowed.
 */
import { badInput } from '../core/errors.js';

export type ParamSpec =
  | {
      readonly name: string;
      readonly type: 'int' | 'float';
      readonly default: number;
      readonly min?: number;
      readonly max?: number;
      /** `min` itself is not allowed (for example a learning rate > 0). */
      readonly exclusiveMin?: boolean;
      readonly description: string;
    }
  | {
      readonly name: string;
      readonly type: 'enum';
      readonly default: string;
      readonly values: readonly string[];
      readonly description: string;
    }
  | {
      readonly name: string;
      readonly type: 'bool';
      readonly default: boolean;
      readonly description: string;
    }
  | {
      readonly name: string;
      /** Free text with a syntax of its own, such as a list of layer sizes ("64,64"). */
      readonly type: 'string';
      readonly default: string;
      /** Throws a BAD_INPUT `ThreatMeshError` that points into a malformed value. */
      readonly check: (value: string, modelName: string) => void;
      readonly description: string;
    };

export type ParamValue = number | string | boolean;

export type Params = Readonly<Record<string, ParamValue>>;

/**
 * Parse `name=value` strings (from `--param`) against the specs and fill in defaults.
 *
 * @example
 * resolveParams(DT_PARAMS, ['maxDepth=8', 'criterion=entropy'])
 */
export function resolveParams(
  specs: readonly ParamSpec[],
  assignments: readonly string[] | Readonly<Record<string, unknown>>,
  modelName = 'model',
): Params {
  const given: Record<string, unknown> = {};
  if (Array.isArray(assignments)) {
    for (const a of assignments as readonly string[]) {
      const eq = a.indexOf('=');
      if (eq <= 0) {
        throw badInput(`--param "${a}" is not of the form name=value`, {
          hint: `for example --param ${specs[0]?.name ?? 'name'}=${String(specs[0]?.default ?? 'value')}`,
        });
      }
      given[a.slice(0, eq).trim()] = a.slice(eq + 1).trim();
    }
  } else {
    Object.assign(given, assignments);
  }
  const out: Record<string, ParamValue> = {};
  for (const spec of specs) out[spec.name] = spec.default;
  for (const [name, raw] of Object.entries(given)) {
    const spec = specs.find((s) => s.name === name);
    if (!spec) {
      throw badInput(`${modelName} has no parameter "${name}"`, {
        hint: `its parameters are: ${specs.map((s) => s.name).join(', ') || '(none)'}`,
      });
    }
    out[name] = checkParam(spec, raw, modelName);
  }
  return out;
}

function checkParam(spec: ParamSpec, raw: unknown, modelName: string): ParamValue {
  const where = `${modelName} parameter ${spec.name}=${String(raw)}`;
  switch (spec.type) {
    case 'int':
    case 'float': {
      const v = typeof raw === 'number' ? raw : Number(String(raw));
      if (typeof raw === 'string' && raw.trim() === '') throw badInput(`${where}: empty value`);
      if (!Number.isFinite(v)) throw badInput(`${where}: not a number`, { hint: spec.description });
      if (spec.type === 'int' && !Number.isInteger(v)) {
        throw badInput(`${where}: must be a whole number`, { hint: spec.description });
      }
      if (
        spec.min !== undefined &&
        (v < spec.min || (spec.exclusiveMin === true && v === spec.min))
      ) {
        const rel = spec.exclusiveMin === true ? '>' : '≥';
        throw badInput(`${where}: must be ${rel} ${spec.min}`, { hint: spec.description });
      }
      if (spec.max !== undefined && v > spec.max) {
        throw badInput(`${where}: must be ≤ ${spec.max}`, { hint: spec.description });
      }
      return v;
    }
    case 'enum': {
      const v = String(raw);
      if (!spec.values.includes(v)) {
        throw badInput(`${where}: must be one of ${spec.values.join(', ')}`, {
          hint: spec.description,
        });
      }
      return v;
    }
    case 'bool': {
      if (raw === true || raw === 'true' || raw === '1') return true;
      if (raw === false || raw === 'false' || raw === '0') return false;
      throw badInput(`${where}: must be true or false`, { hint: spec.description });
    }
    case 'string': {
      if (typeof raw !== 'string' && typeof raw !== 'number') {
        throw badInput(`${where}: must be text`, { hint: spec.description });
      }
      const v = String(raw);
      spec.check(v, modelName);
      return v;
    }
  }
}

export function numParam(p: Params, name: string): number {
  const v = p[name];
  if (typeof v !== 'number') throw new TypeError(`parameter ${name} is not a number`);
  return v;
}

export function strParam(p: Params, name: string): string {
  const v = p[name];
  if (typeof v !== 'string') throw new TypeError(`parameter ${name} is not a string`);
  return v;
}

export function boolParam(p: Params, name: string): boolean {
  const v = p[name];
  if (typeof v !== 'boolean') throw new TypeError(`parameter ${name} is not a boolean`);
  return v;
}
