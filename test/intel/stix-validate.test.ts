/**
 * STIX 2.1 validation on small committed fixtures (test/fixtures/stix): a bundle with every
 * kind of object that must validate, and a bundle of deliberately broken objects, each of
 * which must be rejected at the right JSON path.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../support/shared-data.js';
import { loadStixValidator } from '../../src/intel/stix/validator.js';
import type { StixValidator } from '../../src/intel/stix/validator.js';
import { readStixSchemaDocuments } from '../../src/intel/stix/schema-documents.js';
import { SAFE_PATTERNS } from '../../src/intel/stix/schema-validators.js';
import {
  TLP2_EXTENSION_ID,
  tlp1MarkingDefinitions,
  tlp2MarkingDefinitions,
} from '../../src/core/stix/tlp.js';

const fixture = (name: string): Record<string, unknown> =>
  JSON.parse(readFileSync(join(REPO_ROOT, 'test', 'fixtures', 'stix', name), 'utf8')) as Record<
    string,
    unknown
  >;

let stix: StixValidator;
beforeAll(() => {
  stix = loadStixValidator(join(REPO_ROOT, 'data'));
});

describe('the bundled schemas', () => {
  it('are the 57 official files, all compiled', () => {
    expect(stix.schemaCount).toBe(57);
    const docs = readStixSchemaDocuments(join(REPO_ROOT, 'data'));
    expect(Object.keys(docs.files)).toHaveLength(57);
    expect(docs.source).toMatch(/cti-stix2-json-schemas@3bf9e69dc18d/);
  });

  it('contain the backtracking patterns we replace (so the replacement is not dead)', () => {
    const text = JSON.stringify(readStixSchemaDocuments(join(REPO_ROOT, 'data')).files);
    for (const pattern of SAFE_PATTERNS.keys())
      expect(text).toContain(JSON.stringify(pattern).slice(1, -1));
  });

  it('reject a hostile type name without catastrophic backtracking', () => {
    // With the official pattern this call would run for longer than the universe has existed.
    const r = stix.validateObject({
      type: `${'a'.repeat(80)}_`,
      spec_version: '2.1',
      id: 'x--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f',
      extensions: { [`${'b'.repeat(80)}-ex`]: { x: 1 } },
    });
    expect(r.valid).toBe(false);
    expect(r.errors.map((e) => e.path)).toContain('$.type');
  });
});

describe('a bundle with every kind of object', () => {
  it('validates without errors or warnings', () => {
    const r = stix.validateBundle(fixture('valid-bundle.json'));
    const problems = r.objects.flatMap((o) => [...o.errors, ...o.warnings]);
    expect(problems).toEqual([]);
    expect(r.valid).toBe(true);
    expect(r.objects).toHaveLength(22);
    expect(new Set(r.objects.map((o) => o.type))).toContain('acme-widget');
  });

  it('keeps custom objects and properties as they are (validation does not touch the input)', () => {
    const doc = fixture('valid-bundle.json');
    const before = JSON.stringify(doc);
    stix.validateBundle(doc);
    expect(JSON.stringify(doc)).toBe(before);
  });
});

describe('deliberately broken objects', () => {
  const expected: [index: number, path: string, message: RegExp][] = [
    [0, '$.objects[0].id', /must start with 'indicator--'/],
    [1, '$.objects[1].modified', /must be at or after created/],
    [2, '$.objects[2].valid_from', /not a real date/],
    [3, '$.objects[3].created_by_ref', /must reference identity, not malware/],
    [4, '$.objects[4].pattern', /required property is missing/],
    [5, '$.objects[5].id', /not the deterministic id/],
    [6, '$.objects[6].target_ref', /must reference an SDO or SCO, not marking-definition/],
    [7, '$.objects[7].valid_until', /must be later than valid_from/],
    [8, '$.objects[8].where_sighted_refs[0]', /must reference identity or location, not malware/],
    [9, '$.objects[9].granular_markings[0].selectors[0]', /selects nothing/],
    [10, "$.objects[10]['X-Score']", /not a valid property name/],
    [
      11,
      "$.objects[11].extensions['extension-definition--9c59fd79-4215-4ba2-920d-3e4f320e1e62'].extension_type",
      /new-sdo extension defines a new object type/,
    ],
    [12, '$.objects[12].created', /needs millisecond precision/],
    [13, '$.objects[13].spec_version', /not "2.1"/],
    [14, "$.objects[14].extensions['archive-ext']", /defined for file objects only/],
    [15, '$.objects[15].severity', /reserved property name/],
    [16, '$.objects[16].last_seen', /must be at or after first_seen/],
    [17, '$.objects[17].created', /not an RFC 3339 timestamp/],
  ];
  let result: ReturnType<StixValidator['validateBundle']>;
  beforeAll(() => {
    result = stix.validateBundle(fixture('broken-bundle.json'));
  });

  it.each(expected)('object %i is rejected at %s', (index, path, message) => {
    const o = result.objects[index]!;
    expect(o.valid).toBe(false);
    const at = o.errors.filter((e) => e.path === path);
    expect(at.length, JSON.stringify(o.errors)).toBeGreaterThan(0);
    expect(at.map((e) => e.message).join(' | ')).toMatch(message);
  });

  it('reports each defect once, with a hint, and nothing else wrong with the object', () => {
    for (const [index, path] of expected) {
      const errors = result.objects[index]!.errors;
      expect(
        errors.map((e) => e.path),
        `object ${index}`,
      ).toEqual([path]);
      expect(errors[0]!.hint ?? '', `object ${index}`).not.toBe('');
    }
    expect(result.objects[18]!.valid).toBe(true);
    expect(result.invalidObjects).toBe(18);
    expect(result.valid).toBe(false);
  });

  it('keeps a non-deterministic UUIDv5 SCO id with a warning when the policy says so', () => {
    const lenient = loadStixValidator(join(REPO_ROOT, 'data'), { scoIdMismatch: 'warning' });
    const object = (fixture('broken-bundle.json').objects as unknown[])[5];
    const r = lenient.validateObject(object);
    expect(r.valid).toBe(true);
    expect(r.warnings.map((w) => w.path)).toEqual(['$.id']);
  });

  it('warns (does not reject) an SCO whose id is a UUIDv4', () => {
    const r = stix.validateObject({
      type: 'ipv4-addr',
      spec_version: '2.1',
      id: 'ipv4-addr--1e4ffad7-0b88-41d4-ba4d-77d27490b956',
      value: '198.51.100.3',
    });
    expect(r.valid).toBe(true);
    expect(r.warnings).toEqual([
      expect.objectContaining({
        path: '$.id',
        hint: 'expected ipv4-addr--28bb3599-77cd-5a82-a950-b5bc3caf07c4',
      }),
    ]);
  });
});

describe('the TLP marking definitions of core/stix', () => {
  it('validate against the official schemas, TLP 2.0 and TLP 1.0 alike', () => {
    const all = [
      ...Object.values(tlp2MarkingDefinitions()),
      ...Object.values(tlp1MarkingDefinitions()),
    ];
    for (const marking of all) {
      const r = stix.validateObject(marking);
      expect([...r.errors, ...r.warnings], marking.id).toEqual([]);
    }
  });
});

describe('extensions', () => {
  const objects = (): Record<string, unknown>[] =>
    structuredClone(fixture('valid-bundle.json').objects) as Record<string, unknown>[];
  const bundle = (list: unknown[]): Record<string, unknown> => ({
    type: 'bundle',
    id: 'bundle--0d3a6c4e-5f1b-4a2e-9c8d-7b6a5f4e3d2c',
    objects: list,
  });

  it('must use an extension type their definition in the bundle declares', () => {
    const list = objects();
    const malware = list.find((o) => o.type === 'malware')!;
    const [key] = Object.keys(malware.extensions as object);
    (malware.extensions as Record<string, Record<string, unknown>>)[key!]!.extension_type =
      'toplevel-property-extension';
    const r = stix.validateBundle(bundle(list));
    const index = list.indexOf(malware);
    expect(r.objects[index]!.errors.map((e) => e.path)).toEqual([
      `$.objects[${index}].extensions['${key!}'].extension_type`,
    ]);
  });

  it('list extension_properties only for toplevel-property-extension', () => {
    const list = objects();
    const definition = list.find((o) => o.type === 'extension-definition')!;
    definition.extension_properties = ['family_rank'];
    const r = stix.validateBundle(bundle(list));
    const index = list.indexOf(definition);
    expect(r.objects[index]!.valid).toBe(false);
  });

  it('warn about deprecated custom -ext extensions but keep them', () => {
    const list = objects();
    // On a domain name, whose id does not depend on its extensions (a file's would change).
    const domain = list.find((o) => o.type === 'domain-name')!;
    domain.extensions = { 'x-acme-ext': { sandbox_score: 7 } };
    const r = stix.validateBundle(bundle(list));
    const index = list.indexOf(domain);
    expect(r.objects[index]!.valid).toBe(true);
    expect(r.objects[index]!.warnings.map((w) => w.path)).toEqual([
      `$.objects[${index}].extensions['x-acme-ext']`,
    ]);
  });
});

describe('marking definitions', () => {
  it('cannot be versioned', () => {
    const r = stix.validateObject({
      ...tlp2MarkingDefinitions().green,
      modified: '2023-01-01T00:00:00.000Z',
    });
    expect(r.errors.map((e) => e.path)).toEqual(['$.modified']);
  });

  it('get the errors of the form they claim (statement, TLP 1.0), once each', () => {
    const base = {
      type: 'marking-definition',
      spec_version: '2.1',
      id: 'marking-definition--b67d30ff-02ac-498a-92f9-32f845f448cf',
      created: '2017-01-20T00:00:00.000Z',
    };
    const white = 'marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9';
    const cases: [Record<string, unknown>, string[]][] = [
      [{ ...base, definition_type: 'statement' }, ['$.definition']],
      [
        { ...base, definition_type: 'statement', definition: { statement: 3 } },
        ['$.definition.statement'],
      ],
      [
        {
          ...base,
          id: white,
          definition_type: 'tlp',
          name: 'TLP:WHITE',
          definition: { tlp: 'red' },
        },
        ['$.definition.tlp'],
      ],
      [
        { ...base, definition_type: 'tlp', name: 'TLP:WHITE', definition: { tlp: 'white' } },
        ['$.id'],
      ],
      [{ ...base, definition_type: 'x-acme-level', definition: { level: 3 } }, []],
    ];
    for (const [object, paths] of cases) {
      expect(
        stix.validateObject(object).errors.map((e) => e.path),
        JSON.stringify(object),
      ).toEqual(paths);
    }
  });

  it('with an official TLP 2.0 id must carry that level', () => {
    const forged = structuredClone(tlp2MarkingDefinitions().clear) as Record<string, unknown>;
    (forged.extensions as Record<string, Record<string, unknown>>)[TLP2_EXTENSION_ID]!.tlp_2_0 =
      'red';
    const r = stix.validateObject(forged);
    expect(r.errors.map((e) => e.path)).toEqual([`$.extensions['${TLP2_EXTENSION_ID}'].tlp_2_0`]);
  });
});

describe('the bundle envelope', () => {
  it('reports a 2.0 bundle, a bad id and a non-list', () => {
    const r = stix.validateBundle({
      type: 'bundle',
      id: 'bundle--x',
      spec_version: '2.0',
      objects: {},
    });
    expect(r.errors.map((e) => e.path)).toEqual(['$.id', '$.spec_version', '$.objects']);
    expect(r.valid).toBe(false);
  });

  it('reports a bare object where a bundle was expected', () => {
    const r = stix.validateBundle({ type: 'indicator' });
    expect(r.errors[0]).toMatchObject({ path: '$.type' });
    expect(stix.validateBundle([1, 2]).errors[0]).toMatchObject({ path: '$' });
  });

  it('reports objects that are not objects, or lack a type, at their index', () => {
    const r = stix.validateBundle({
      type: 'bundle',
      id: 'bundle--0d3a6c4e-5f1b-4a2e-9c8d-7b6a5f4e3d2c',
      objects: ['text', { id: 'x' }],
    });
    expect(r.objects.map((o) => o.errors[0]?.path)).toEqual(['$.objects[0]', '$.objects[1].type']);
  });

  it('rejects a bundle nested in a bundle', () => {
    const inner = {
      type: 'bundle',
      id: 'bundle--5a8c2d1e-3f4b-4c6d-8e9f-0a1b2c3d4e5f',
      objects: [],
    };
    const r = stix.validateBundle({
      type: 'bundle',
      id: 'bundle--0d3a6c4e-5f1b-4a2e-9c8d-7b6a5f4e3d2c',
      objects: [inner],
    });
    expect(r.objects[0]!.errors.map((e) => e.path)).toContain('$.objects[0].type');
  });

  it('accepts an empty bundle and warns about a repeated version', () => {
    const empty = { type: 'bundle', id: 'bundle--0d3a6c4e-5f1b-4a2e-9c8d-7b6a5f4e3d2c' };
    expect(stix.validateBundle(empty).valid).toBe(true);
    const doc = fixture('valid-bundle.json');
    const objects = doc.objects as unknown[];
    const r = stix.validateBundle({ ...doc, objects: [...objects, objects[3]] });
    expect(r.valid).toBe(true);
    expect(r.objects[22]!.warnings[0]).toMatchObject({ path: '$.objects[22].id' });
  });
});
