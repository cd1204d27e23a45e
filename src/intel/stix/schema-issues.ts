/**
 * ajv's errors → our issues: JSON pointers become JSON paths under the object's own path, the
 * official schemas' regular expressions become sentences a person can act on, and the
 * combinator noise (`oneOf`/`anyOf`/`if` failing because a branch failed) is dropped whenever
 * a more specific error says what is wrong.
 */
import type { ErrorObject } from 'ajv/dist/2020.js';
import { closestBranches, markingErrors } from './schema-branches.js';
import { childPath, issue } from './issues.js';
import type { StixIssue } from './issues.js';

const COMBINATORS = new Set(['oneOf', 'anyOf', 'if', 'allOf']);
const RESERVED = ['severity', 'action', 'username', 'phone_numbers'];
const PROPERTY_NAME = /^([a-z0-9_]{3,250}|id)$/;
/** A schema path inside a branch of anyOf/oneOf: [1] = up to the combinator, [2] = branch. */
const ALTERNATIVE = /^(.*\/(?:anyOf|oneOf))\/(\d+)\//;

const TIMESTAMP_HINT =
  "use RFC 3339 in UTC with a 'Z', e.g. 2024-01-31T12:00:00.000Z (created and modified need milliseconds)";

/** JSON pointer (`/extensions/archive-ext/0`) → JSON path, using the data to tell arrays apart. */
function pointerToPath(base: string, pointer: string, data: unknown): string {
  if (pointer === '') return base;
  let path = base;
  let node: unknown = data;
  for (const raw of pointer.slice(1).split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(node)) {
      const index = Number(key);
      path = childPath(path, index);
      node = node[index];
    } else {
      path = childPath(path, key);
      node =
        node !== null && typeof node === 'object'
          ? (node as Record<string, unknown>)[key]
          : undefined;
    }
  }
  return path;
}

function describePattern(e: ErrorObject, at: string): StixIssue {
  const pattern = String(e.params.pattern);
  const name = at.slice(at.lastIndexOf('.') + 1);
  if (pattern.includes('\\.\\d{3,}Z')) {
    return issue(at, `${name} needs millisecond precision`, TIMESTAMP_HINT);
  }
  if (e.schemaPath.includes('timestamp.json') || pattern.startsWith('^[0-9]{4}-')) {
    return issue(at, 'not an RFC 3339 timestamp in UTC', TIMESTAMP_HINT);
  }
  if (e.schemaPath.includes('identifier.json')) {
    return issue(
      at,
      'not a STIX identifier',
      'use <object-type>--<RFC 4122 UUID>, all lower case type',
    );
  }
  const prefix = /^\^([a-z0-9-]+--)$/.exec(pattern);
  if (prefix)
    return issue(at, `must start with '${prefix[1]}'`, 'the id prefix is the object type');
  return issue(
    at,
    `does not match the pattern ${pattern}`,
    'see the STIX 2.1 definition of this property',
  );
}

function describe(e: ErrorObject, base: string, data: unknown): StixIssue {
  const at = pointerToPath(base, e.instancePath, data);
  switch (e.keyword) {
    case 'required':
      return issue(
        childPath(at, String(e.params.missingProperty)),
        'required property is missing',
        `add "${String(e.params.missingProperty)}"`,
      );
    case 'additionalProperties': {
      const name = String(e.params.additionalProperty);
      const custom = !PROPERTY_NAME.test(name);
      return issue(
        childPath(at, name),
        custom ? 'not a valid property name' : 'property not allowed here',
        custom
          ? 'property names use only a-z, 0-9 and _, 3 to 250 characters (STIX 2.1 §3.1)'
          : 'remove it, or move it into an extension',
      );
    }
    case 'pattern':
      return describePattern(e, at);
    case 'enum':
      return issue(
        at,
        `must be one of: ${(e.params.allowedValues as unknown[]).join(', ')}`,
        'use one of the listed values',
      );
    case 'const':
      return issue(at, `must be ${JSON.stringify(e.params.allowedValue)}`, 'use that value');
    case 'type':
      return issue(at, `must be ${String(e.params.type)}`, `give a JSON ${String(e.params.type)}`);
    case 'format':
      return issue(
        at,
        `not a valid ${String(e.params.format)}`,
        `give a valid ${String(e.params.format)}`,
      );
    case 'minItems':
      return issue(at, `needs at least ${String(e.params.limit)} item(s)`, 'omit an empty list');
    case 'minProperties':
      return issue(
        at,
        `needs at least ${String(e.params.limit)} propert(ies)`,
        'omit an empty object',
      );
    case 'not': {
      const object = data !== null && typeof data === 'object' ? data : {};
      const used = RESERVED.filter((p) => p in object);
      if (used.length > 0 && e.instancePath === '') {
        return issue(
          childPath(at, used[0]!),
          'reserved property name (STIX 2.1 §3.1)',
          'rename it, e.g. with an x_ prefix',
        );
      }
      return issue(
        at,
        'has a value the schema forbids here',
        'see the STIX 2.1 definition of this property',
      );
    }
    case 'oneOf':
      return issue(
        at,
        'matches none or more than one of the allowed forms',
        'see the STIX 2.1 definition of this object',
      );
    case 'anyOf':
      return issue(
        at,
        'matches none of the allowed forms',
        'see the STIX 2.1 definition of this object',
      );
    default:
      return issue(
        at,
        e.message ?? `fails the ${e.keyword} rule`,
        'see the STIX 2.1 definition of this property',
      );
  }
}

/**
 * The issues of one failed schema validation, deduplicated, most specific first.
 *
 * @example schemaIssues(validate.errors ?? [], '$.objects[3]', object)
 */
export function schemaIssues(
  errors: readonly ErrorObject[],
  base: string,
  data: unknown,
): StixIssue[] {
  const specific = closestBranches(
    markingErrors(
      errors.filter((e) => !COMBINATORS.has(e.keyword)),
      data,
    ),
  );
  const chosen = specific.length > 0 ? specific : errors.filter((e) => e.keyword !== 'if');
  const out: StixIssue[] = [];
  const seen = new Set<string>();
  const alternatives = new Map<string, { at: string; branches: Map<string, string[]> }>();
  for (const e of chosen) {
    const branch = e.keyword === 'required' ? ALTERNATIVE.exec(e.schemaPath) : null;
    if (branch) {
      // "required" inside anyOf/oneOf: any one branch would do, so say so once.
      const key = `${e.instancePath}\u0000${branch[1]!}`;
      let group = alternatives.get(key);
      if (group === undefined) {
        group = { at: pointerToPath(base, e.instancePath, data), branches: new Map() };
        alternatives.set(key, group);
      }
      const missing = group.branches.get(branch[2]!) ?? [];
      missing.push(String(e.params.missingProperty));
      group.branches.set(branch[2]!, missing);
      continue;
    }
    const d = describe(e, base, data);
    // One pattern message per value: a timestamp without a 'Z' also lacks the milliseconds.
    const key = e.keyword === 'pattern' ? `${d.path}\u0000pattern` : `${d.path}\u0000${d.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(d);
  }
  for (const { at, branches } of alternatives.values()) {
    const options = [...branches.values()].map((names) => names.join(' and '));
    if (options.length > 1) {
      out.push(issue(at, `needs one of: ${options.join(' | ')}`, 'add one of them'));
      continue;
    }
    for (const name of [...branches.values()][0]!) {
      const path = childPath(at, name);
      const key = `${path}\u0000required property is missing`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(issue(path, 'required property is missing', `add "${name}"`));
    }
  }
  return out;
}
