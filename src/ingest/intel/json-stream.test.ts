import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ThreatMeshError } from '../../core/errors.js';
import { streamJson, type JsonPart } from './json-stream.js';
import { findJsonSyntaxError } from './json-syntax.js';

async function parts(
  text: string | Uint8Array,
  cuts: readonly number[] = [],
  arrayKey = 'objects',
): Promise<JsonPart[]> {
  const bytes = typeof text === 'string' ? Buffer.from(text, 'utf8') : text;
  const points = [...new Set(cuts.map((c) => Math.min(c, bytes.length)))].sort((a, b) => a - b);
  const chunks: Uint8Array[] = [];
  let at = 0;
  for (const p of [...points, bytes.length]) {
    chunks.push(bytes.subarray(at, p));
    at = p;
  }
  async function* gen(): AsyncGenerator<Uint8Array> {
    yield* chunks;
  }
  const out: JsonPart[] = [];
  for await (const p of streamJson(gen(), { name: 'doc.json', arrayKey })) out.push(p);
  return out;
}

async function failure(text: string, cuts: number[] = []): Promise<ThreatMeshError> {
  try {
    await parts(text, cuts);
  } catch (e) {
    if (e instanceof ThreatMeshError) return e;
    throw e;
  }
  throw new Error('expected an error');
}

describe('streamJson', () => {
  it('delivers root members and the streamed array element by element, with paths and lines', async () => {
    const doc =
      '{\n  "type": "bundle",\n  "objects": [\n    {"a": 1},\n    {"b": "x]}"}\n  ],\n  "id": "b--1"\n}';
    const got = await parts(doc);
    expect(got.map((p) => [p.kind, p.path, p.line, p.value])).toEqual([
      ['member', '$.type', 2, 'bundle'],
      ['element', '$.objects[0]', 4, { a: 1 }],
      ['element', '$.objects[1]', 5, { b: 'x]}' }],
      ['member', '$.id', 7, 'b--1'],
    ]);
    expect(got[1]!.column).toBe(5);
  });

  it('streams a root array, and delivers a member that is not an array whole', async () => {
    expect((await parts('[1, "a", {"x": [true, null]}]')).map((p) => [p.path, p.value])).toEqual([
      ['$[0]', 1],
      ['$[1]', 'a'],
      ['$[2]', { x: [true, null] }],
    ]);
    expect((await parts('{"objects": {"not": "a list"}}')).map((p) => [p.kind, p.value])).toEqual([
      ['member', { not: 'a list' }],
    ]);
    expect(await parts('{"objects": []}')).toEqual([]);
    expect(await parts('[]')).toEqual([]);
  });

  it('gives the same values as JSON.parse for any document cut into any chunks', async () => {
    const element = fc.jsonValue({ maxDepth: 3 });
    await fc.assert(
      fc.asyncProperty(
        fc.array(element, { maxLength: 6 }),
        fc.dictionary(fc.string({ maxLength: 5 }), element, { maxKeys: 3 }),
        fc.array(fc.nat(4000), { maxLength: 8 }),
        fc.boolean(),
        async (objects, extra, cuts, pretty) => {
          const doc = { ...extra, objects };
          delete (doc as Record<string, unknown>)['__proto__'];
          const text = JSON.stringify(doc, null, pretty ? 2 : undefined);
          const got = await parts(text, cuts);
          const elements = got.filter((p) => p.kind === 'element').map((p) => p.value);
          const expected = JSON.parse(JSON.stringify(objects)) as unknown[];
          expect(elements).toEqual(expected);
          const members = Object.fromEntries(
            got.filter((p) => p.kind === 'member').map((p) => [p.key, p.value]),
          );
          const parsedExtra = JSON.parse(text) as Record<string, unknown>;
          delete parsedExtra.objects;
          expect(members).toEqual(parsedExtra);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('handles escaped quotes and backslashes that straddle chunk boundaries', async () => {
    const doc = '{"objects": ["a\\\\", "b\\"c", {"d": "\\\\\\""}]}';
    for (let cut = 0; cut <= doc.length; cut++) {
      const got = await parts(doc, [cut]);
      expect(got.map((p) => p.value)).toEqual(['a\\', 'b"c', { d: '\\"' }]);
    }
  });

  it('locates syntax errors inside an element by line and column', async () => {
    const e = await failure('{"objects": [\n  {"a": 1},\n  {"b": 2,\n   }\n]}');
    expect(e.code).toBe('BAD_INPUT');
    expect(e.location).toMatchObject({
      file: 'doc.json',
      line: 4,
      column: 4,
      path: '$.objects[1]',
    });
    expect(e.message).toMatch(/property name/);
  });

  it('reports a missing comma between elements, a bad closer and trailing content', async () => {
    const missing = await failure('{"objects": [{"a": 1}\n {"b": 2}]}');
    expect(missing.location).toMatchObject({ line: 2, column: 2 });
    expect(missing.message).toMatch(/expected ',' or '\]' after \$\.objects\[0\]/);
    const closer = await failure('{"objects": [{"a": [1}]}');
    expect(closer.message).toMatch(/does not close/);
    expect(closer.location).toMatchObject({ line: 1, column: 22 });
    const trailing = await failure('{"objects": []} x');
    expect(trailing.message).toMatch(/after the end/);
  });

  it('says where a truncated document ends', async () => {
    const e = await failure('{"objects": [{"a": 1}, {"b": "unfinished');
    expect(e.message).toMatch(/ends too early inside \$\.objects\[1\]/);
    expect(e.hint).toMatch(/truncated/);
    const e2 = await failure('{"objects": [{"a": 1}');
    expect(e2.message).toMatch(/ends too early inside \$\.objects\[1\]/);
  });

  it('rejects bytes that are not UTF-8 with the value they are in', async () => {
    const bytes = Buffer.concat([
      Buffer.from('{"objects": ["ok", "'),
      Buffer.from([0xff]),
      Buffer.from('"]}'),
    ]);
    await expect(parts(bytes)).rejects.toMatchObject({
      code: 'BAD_INPUT',
      location: { path: '$.objects[1]' },
    });
  });

  it('refuses a value larger than the limit without holding more than the limit', async () => {
    async function* huge(): AsyncGenerator<Uint8Array> {
      yield Buffer.from('{"objects": ["');
      for (;;) yield Buffer.alloc(1 << 20, 0x61);
    }
    const read: JsonPart[] = [];
    await expect(
      (async () => {
        for await (const p of streamJson(huge(), {
          name: 'x',
          arrayKey: 'objects',
          maxValueBytes: 4 << 20,
        }))
          read.push(p);
      })(),
    ).rejects.toMatchObject({ code: 'BAD_INPUT', location: { path: '$.objects[0]' } });
    expect(read).toEqual([]);
  });
});

describe('findJsonSyntaxError', () => {
  it('finds the first error with an offset', () => {
    expect(findJsonSyntaxError('{"a": 1}')).toBeNull();
    expect(findJsonSyntaxError('{"a": tru}')).toMatchObject({ offset: 6 });
    expect(findJsonSyntaxError('{"a": "x\ny"}')?.message).toMatch(/control character/);
    expect(findJsonSyntaxError('[1 2]')?.offset).toBe(3);
    expect(findJsonSyntaxError('"\\q"')?.message).toMatch(/invalid escape/);
  });
});
