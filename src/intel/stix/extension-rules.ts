/**
 * Extensions (STIX 2.1 §7.3, §11.3) beyond what the schemas check: a predefined `…-ext`
 * extension only on the SCO type that defines it; a `new-sdo`/`new-sco`/`new-sro` extension
 * only on a type the spec does not define, and with the common properties of its kind; the
 * extension type used must be one its extension-definition declares, when that definition is
 * in the same bundle. Other `…-ext` keys are the deprecated STIX 2.0 custom extensions: kept,
 * with a warning.
 */
import { isStixType } from '../../core/stix/kinds.js';
import { childPath, issue } from './issues.js';
import type { IssueSink } from './issues.js';

type Obj = Readonly<Record<string, unknown>>;

/** Predefined extension name → the SCO type that defines it (§6). */
const PREDEFINED: Readonly<Record<string, string>> = {
  'archive-ext': 'file',
  'ntfs-ext': 'file',
  'pdf-ext': 'file',
  'raster-image-ext': 'file',
  'windows-pebinary-ext': 'file',
  'http-request-ext': 'network-traffic',
  'icmp-ext': 'network-traffic',
  'socket-ext': 'network-traffic',
  'tcp-ext': 'network-traffic',
  'windows-process-ext': 'process',
  'windows-service-ext': 'process',
  'unix-account-ext': 'user-account',
};

/** Extension-definition id → its `extension_types`, for the definitions a bundle carries. */
export type ExtensionDefinitions = ReadonlyMap<string, readonly string[]>;

function checkDefinedExtension(
  o: Obj,
  type: string,
  key: string,
  entry: Obj,
  at: string,
  definitions: ExtensionDefinitions,
  path: string,
  sink: IssueSink,
): void {
  const kind = entry.extension_type;
  if (typeof kind !== 'string') return; // the schema reports a missing extension_type
  const declared = definitions.get(key);
  if (declared !== undefined && !declared.includes(kind)) {
    sink.errors.push(
      issue(
        childPath(at, 'extension_type'),
        `'${kind}' is not among the extension_types of ${key} (${declared.join(', ')})`,
        'use an extension type the definition declares',
      ),
    );
  }
  if (kind === 'new-sdo' || kind === 'new-sco' || kind === 'new-sro') {
    if (isStixType(type)) {
      sink.errors.push(
        issue(
          childPath(at, 'extension_type'),
          `a ${kind} extension defines a new object type; '${type}' is defined by STIX 2.1`,
          'use property-extension to add properties to a predefined type',
        ),
      );
    }
    if (kind !== 'new-sco') {
      for (const p of ['created', 'modified']) {
        if (o[p] === undefined) {
          sink.errors.push(
            issue(
              childPath(path, p),
              `required property is missing (a ${kind} object)`,
              `add "${p}"`,
            ),
          );
        }
      }
    }
  }
}

/**
 * Checks an object's `extensions` against the rules above.
 *
 * @example checkExtensions(object, '$.objects[0]', new Map(), sink)
 */
export function checkExtensions(
  o: Obj,
  path: string,
  definitions: ExtensionDefinitions,
  sink: IssueSink,
): void {
  const extensions = o.extensions;
  if (extensions === null || typeof extensions !== 'object' || Array.isArray(extensions)) return;
  const type = typeof o.type === 'string' ? o.type : '';
  const base = childPath(path, 'extensions');
  for (const [key, value] of Object.entries(extensions as Obj)) {
    const at = childPath(base, key);
    if (key.startsWith('extension-definition--')) {
      if (value !== null && typeof value === 'object') {
        checkDefinedExtension(o, type, key, value as Obj, at, definitions, path, sink);
      }
      continue;
    }
    const owner = PREDEFINED[key];
    if (owner !== undefined && owner !== type) {
      sink.errors.push(
        issue(
          at,
          `${key} is defined for ${owner} objects only`,
          'move it to the right object or drop it',
        ),
      );
    } else if (owner === undefined && key.endsWith('-ext')) {
      sink.warnings.push(
        issue(
          at,
          'custom -ext extensions are deprecated in STIX 2.1 (§11.3)',
          'define it with an extension-definition',
        ),
      );
    }
  }
}
