/**
 * RFC 8785 JSON Canonicalization Scheme (JCS), which STIX 2.1 §2.9 prescribes for the input of
 * deterministic SCO ids. ECMAScript's own serialisation of numbers and strings is what JCS
 * specifies (RFC 8785 §3.2.2), so only the member order needs work: keys sorted by UTF-16 code
 * units, which is what the default `Array.prototype.sort` compares.
 */

/**
 * The canonical JSON text of a JSON value.
 *
 * @example canonicalJson({ b: 1, a: [true, 'x'] }) // '{"a":[true,"x"],"b":1}'
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') {
    return JSON.stringify(value);
  }
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError(`JCS cannot represent the number ${value}`);
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object') {
    const record = value as Record<string, unknown>;
    const parts: string[] = [];
    for (const key of Object.keys(record).sort()) {
      if (record[key] === undefined) continue;
      parts.push(`${JSON.stringify(key)}:${canonicalJson(record[key])}`);
    }
    return `{${parts.join(',')}}`;
  }
  throw new TypeError(`JCS cannot represent a value of type ${typeof value}`);
}
