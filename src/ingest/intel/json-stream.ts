/**
 * A JSON document read as a stream of its parts (json-scanner.ts): the members of the root
 * object, except one named array member delivered element by element (a bundle's `objects`, a
 * MISP `response`), or the elements of a root array. Memory holds one element at a time.
 */
import { JsonStreamScanner, type JsonPart, type JsonStreamOptions } from './json-scanner.js';

export type { JsonPart, JsonStreamOptions } from './json-scanner.js';

/**
 * The parts of a JSON document, read from chunks as they come.
 *
 * @throws ThreatMeshError BAD_INPUT (with file, line, column and JSON path) for invalid JSON,
 *   an incomplete document or invalid UTF-8.
 * @example
 * for await (const part of streamJson(input.chunks, { name: input.name, arrayKey: 'objects' }))
 *   if (part.kind === 'element') console.log(part.path, (part.value as { id: string }).id);
 */
export async function* streamJson(
  chunks: AsyncIterable<Uint8Array>,
  options: JsonStreamOptions,
): AsyncGenerator<JsonPart> {
  const scanner = new JsonStreamScanner(options);
  const out: JsonPart[] = [];
  for await (const chunk of chunks) {
    scanner.feed(chunk, out);
    for (const part of out) yield part;
    out.length = 0;
  }
  scanner.end();
}
