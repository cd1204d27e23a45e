/**
 * MISP JSON files in every shape MISP writes them: one event (`{"Event": {...}}`, or the bare
 * event object), a collection of events (`{"response": [{"Event": ...}, ...]}` or a list of
 * them, streamed one event at a time), and collections of attributes (`{"response":
 * {"Attribute": [...]}}`) or objects (`{"response": [{"Object": ...}]}`).
 */
import { badInput } from '../../core/errors.js';
import type { ByteInput } from './byte-input.js';
import type { BytesProgress, IntelItem } from './intel-items.js';
import { streamJson } from './json-stream.js';
import { asList, asObject } from './misp-context.js';
import {
  mapMispCollection,
  mapMispEvent,
  type MispEventOptions,
  type MispPart,
} from './misp-event.js';

type Obj = Record<string, unknown>;

/** Keys of a bare event object (an event without the `{"Event": ...}` wrapper). */
const EVENT_KEYS = ['Attribute', 'Object', 'info', 'Orgc', 'uuid', 'date', 'Tag'];

function notMisp(file: string, path: string): Error {
  return badInput(
    'not MISP JSON: expected {"Event": {...}}, {"response": [...]} or a list of events',
    {
      location: { file, path },
      hint: 'export events from MISP as JSON (or use --format stix / csv for other files)',
    },
  );
}

/** Items of one element of a `response` list or a root list. */
function element(
  value: unknown,
  path: string,
  file: string,
  options: MispEventOptions,
): IntelItem[] {
  const o = asObject(value);
  const event = asObject(o?.Event);
  if (event !== undefined) return mapMispEvent(event, `${path}.Event`, file, options);
  const object = asObject(o?.Object);
  if (object !== undefined)
    return mapMispCollection([], [{ value: object, path: `${path}.Object` }], file, options);
  const attribute = asObject(o?.Attribute);
  if (attribute !== undefined) {
    return mapMispCollection([{ value: attribute, path: `${path}.Attribute` }], [], file, options);
  }
  if (o !== undefined && 'uuid' in o && ('Attribute' in o || 'info' in o))
    return mapMispEvent(o, path, file, options);
  return [
    {
      kind: 'rejected',
      location: { file, path },
      reason: 'expected {"Event": {...}}, {"Object": {...}} or {"Attribute": {...}}',
    },
  ];
}

/**
 * The STIX items of a MISP JSON file.
 *
 * @throws ThreatMeshError BAD_INPUT for invalid JSON or a document that is not MISP JSON.
 * @example for await (const item of readMispJson(await openIntelFile('event.json'), {})) …
 */
export async function* readMispJson(
  input: ByteInput,
  options: MispEventOptions,
  onProgress?: BytesProgress,
): AsyncGenerator<IntelItem> {
  const file = input.name;
  const bare: Obj = {};
  let recognised = false;
  for await (const part of streamJson(input.chunks, { name: file, arrayKey: 'response' })) {
    onProgress?.(input.bytesRead(), input.totalBytes);
    if (part.kind === 'element') {
      recognised = true;
      yield* element(part.value, part.path, file, options);
      continue;
    }
    if (part.key === 'Event') {
      const event = asObject(part.value);
      if (event === undefined)
        throw badInput('"Event" must be an object', { location: { file, path: part.path } });
      recognised = true;
      yield* mapMispEvent(event, part.path, file, options);
    } else if (part.key === 'response') {
      const r = asObject(part.value);
      if (r === undefined) throw notMisp(file, part.path);
      recognised = true;
      const list = (key: string): MispPart[] =>
        asList(r[key]).map((value, i) => ({ value, path: `${part.path}.${key}[${i}]` }));
      yield* mapMispCollection(list('Attribute'), list('Object'), file, options);
    } else if (part.key !== null) {
      bare[part.key] = part.value;
    }
  }
  if (recognised) return;
  if (EVENT_KEYS.filter((k) => k in bare).length >= 2 && 'uuid' in bare) {
    yield* mapMispEvent(bare, '$', file, options);
    return;
  }
  throw notMisp(file, '$');
}
