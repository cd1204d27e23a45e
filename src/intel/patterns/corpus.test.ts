/**
 * Every STIX pattern of every indicator in the OASIS examples and interop files and in the MISP
 * conversion fixtures (../shared/data) parses, validates, round-trips through the formatter and
 * compiles; the simple ones yield their indicators.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  SHARED_SKIP_REASON,
  hasSharedData,
  sharedFile,
} from '../../../test/support/shared-data.js';
import { compilePattern } from './compile.js';
import { formatPattern } from './format.js';
import { extractSimpleIndicators } from './indicators.js';
import { parsePattern } from './parser.js';

function jsonFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return jsonFiles(p);
    return name.endsWith('.json') ? [p] : [];
  });
}

function indicatorPatterns(value: unknown, out: Set<string>): void {
  if (Array.isArray(value)) value.forEach((v) => indicatorPatterns(v, out));
  else if (value && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    const stix = o.pattern_type === undefined || o.pattern_type === 'stix';
    if (o.type === 'indicator' && typeof o.pattern === 'string' && stix) out.add(o.pattern);
    Object.values(o).forEach((v) => indicatorPatterns(v, out));
  }
}

describe.skipIf(!hasSharedData)(
  `indicator patterns of the shared STIX and MISP data ${hasSharedData ? '' : SHARED_SKIP_REASON}`,
  () => {
    const patterns = new Set<string>();
    if (hasSharedData) {
      for (const dir of [sharedFile('stix2'), sharedFile('misp', 'misp-stix-tests')]) {
        for (const f of jsonFiles(dir)) {
          try {
            indicatorPatterns(JSON.parse(readFileSync(f, 'utf8')), patterns);
          } catch {
            // a file that is not JSON holds no indicators
          }
        }
      }
    }

    it('finds the 50 distinct patterns of the examples and fixtures', () => {
      expect(patterns.size).toBe(50);
    });

    it('parses, validates, compiles and round-trips every one', () => {
      for (const text of patterns) {
        const compiled = compilePattern(text);
        expect(compiled.warnings).toEqual([]);
        const again = parsePattern(formatPattern(compiled.pattern));
        expect(formatPattern(again)).toBe(formatPattern(compiled.pattern));
      }
    });

    it('extracts indicators from the simple ones and leaves the rest to the evaluator', () => {
      const simple = [...patterns].filter((p) => extractSimpleIndicators(p) !== null);
      const complex = [...patterns].filter((p) => extractSimpleIndicators(p) === null);
      // The other 11 (listed by running extractSimpleIndicators over the set): 4 join comparisons
      // with AND, 3 use MATCHES, 3 test file:name, and one domain value holds a space
      // ('domain autuo.xicp.net' in poisonivy.json).
      expect(simple.length).toBe(39);
      expect(complex).toHaveLength(11);
      expect(complex).toContain("[file:name = 'CBricksDoc']");
      expect(complex).toContain(
        "[x509-certificate:issuer = 'CN=WEBMAIL' AND x509-certificate:serial_number = '4c:0b:1d:19:74:86:a7:66:b4:1a:bf:40:27:21:76:28']",
      );
      expect(extractSimpleIndicators("[ipv4-addr:value = '223.166.0.0/15']")).toEqual([
        { type: 'cidr4', value: '223.166.0.0/15', path: 'ipv4-addr:value' },
      ]);
    });
  },
);
