/**
 * STIX bundles, streamed: each element of `objects` is parsed on its own, and STIX 2.0 objects
 * are upgraded to 2.1 one at a time (`upgrade20to21`), so a bundle of any size is read in the
 * memory of one object. The envelope is checked as it goes by (`type` must be "bundle").
 */
import { badInput, isThreatMeshError } from '../../core/errors.js';
import { stixKind } from '../../core/stix/kinds.js';
import type { StixObject } from '../../core/stix/object.js';
import { upgrade20to21 } from '../../intel/stix/index.js';
import type { ByteInput } from './byte-input.js';
import type { BytesProgress, IntelItem } from './intel-items.js';
import { streamJson } from './json-stream.js';

type Obj = Record<string, unknown>;

function isObject(v: unknown): v is Obj {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/**
 * Whether an object needs the 2.0 → 2.1 upgrade: it says 2.0, or it is an SDO, SRO or marking
 * definition without `spec_version` (2.1 requires it there; only SCOs may omit it).
 */
function needsUpgrade(o: Obj, bundleVersion: unknown): boolean {
  if (o.spec_version === '2.1') return false;
  if (o.spec_version === '2.0' || bundleVersion === '2.0') return true;
  return o.spec_version === undefined && typeof o.type === 'string' && stixKind(o.type) !== 'sco';
}

/**
 * The objects of a STIX 2.0 or 2.1 bundle as STIX 2.1 (SCOs lifted out of 2.0 observed-data
 * follow their container, once per id). An element that is not an object is a rejection; a
 * document that is not a bundle, or not JSON, is an error.
 *
 * @throws ThreatMeshError BAD_INPUT for invalid JSON (file:line:column and JSON path), a
 *   truncated file, a document whose `type` is not "bundle" or whose `objects` is not a list.
 * @example
 * for await (const item of readStixBundle(await openIntelFile('attack.json.gz')))
 *   if (item.kind === 'object') console.log(item.object.id);
 */
export async function* readStixBundle(
  input: ByteInput,
  onProgress?: BytesProgress,
): AsyncGenerator<IntelItem> {
  let bundleVersion: unknown;
  let sawType = false;
  let upgraded = 0;
  const lifted = new Set<string>();
  for await (const part of streamJson(input.chunks, { name: input.name, arrayKey: 'objects' })) {
    onProgress?.(input.bytesRead(), input.totalBytes);
    const location = { file: input.name, line: part.line, path: part.path };
    if (part.kind === 'member') {
      if (part.key === 'type') {
        sawType = true;
        if (part.value !== 'bundle') {
          throw badInput(`not a STIX bundle: "type" is ${JSON.stringify(part.value)}`, {
            location,
            hint: 'a bundle is {"type": "bundle", "id": "bundle--<UUID>", "objects": [...]}; for MISP JSON use --format misp',
          });
        }
      } else if (part.key === 'spec_version') {
        bundleVersion = part.value;
      } else if (part.key === 'objects') {
        throw badInput('"objects" must be a list of STIX objects', {
          location,
          hint: 'write "objects": [ {...}, {...} ]',
        });
      }
      continue;
    }
    const o = part.value;
    if (!isObject(o)) {
      yield { kind: 'rejected', location, reason: 'a STIX object must be a JSON object' };
      continue;
    }
    if (!needsUpgrade(o, bundleVersion)) {
      yield { kind: 'object', object: o as StixObject, location };
      continue;
    }
    let result;
    try {
      result = upgrade20to21(o, part.path);
    } catch (e) {
      if (!isThreatMeshError(e)) throw e;
      yield { kind: 'rejected', location: { ...location, ...e.location }, reason: e.message };
      continue;
    }
    upgraded++;
    yield { kind: 'object', object: result.object, location };
    for (const sco of result.observables) {
      if (lifted.has(sco.id)) continue;
      lifted.add(sco.id);
      yield { kind: 'object', object: sco as StixObject, location };
    }
  }
  if (!sawType) {
    throw badInput('not a STIX bundle: it has no "type": "bundle"', {
      location: { file: input.name, path: '$.type' },
      hint: 'a bundle is {"type": "bundle", "id": "bundle--<UUID>", "objects": [...]}',
    });
  }
  if (upgraded > 0) {
    yield { kind: 'note', text: `${input.name}: ${upgraded} STIX 2.0 objects upgraded to 2.1` };
  }
}
