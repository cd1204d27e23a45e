/**
 * Every example object OASIS publishes for STIX 2.1 validates: the 11 bundles of
 * cti-documentation (293 objects) and the examples of cti-stix2-json-schemas (260), plus the
 * STIX 2.1 bundles MITRE (ICS, Mobile ATT&CK) and MISP (misp-stix test fixtures) publish.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  REPO_ROOT,
  SHARED_SKIP_REASON,
  hasSharedData,
  sharedFile,
} from '../support/shared-data.js';
import { loadStixValidator } from '../../src/intel/stix/validator.js';
import type { BundleValidation, StixValidator } from '../../src/intel/stix/validator.js';

function jsonFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => join(dir, f));
}

function read(file: string): Record<string, unknown> {
  return JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
}

function errorsOf(r: BundleValidation): string[] {
  return [
    ...r.errors.map((e) => `${e.path}: ${e.message}`),
    ...r.objects.flatMap((o) => o.errors.map((e) => `${e.path}: ${e.message}`)),
  ];
}

describe.skipIf(!hasSharedData)(
  `OASIS and publisher STIX 2.1 content ${hasSharedData ? '' : SHARED_SKIP_REASON}`,
  () => {
    let stix: StixValidator;
    beforeAll(() => {
      stix = loadStixValidator(join(REPO_ROOT, 'data'));
    });

    it('all 293 objects of the 11 cti-documentation bundles validate', () => {
      const files = jsonFiles(sharedFile('stix2', 'cti-documentation', 'examples', 'example_json'));
      expect(files).toHaveLength(11);
      let objects = 0;
      for (const file of files) {
        const r = stix.validateBundle(read(file));
        expect(errorsOf(r), file).toEqual([]);
        objects += r.objects.length;
      }
      expect(objects).toBe(293);
    });

    it('all 260 example objects of cti-stix2-json-schemas validate', () => {
      const dir = sharedFile('stix2', 'cti-stix2-json-schemas', 'examples');
      let objects = 0;
      for (const file of [...jsonFiles(dir), ...jsonFiles(join(dir, 'threat-reports'))]) {
        const doc = read(file);
        if (doc.type === 'bundle') {
          const r = stix.validateBundle(doc);
          expect(errorsOf(r), file).toEqual([]);
          objects += r.objects.length;
        } else {
          const r = stix.validateObject(doc);
          expect(r.errors, file).toEqual([]);
          objects += 1;
        }
      }
      expect(objects).toBe(260);
    });

    it('MITRE ATT&CK ICS and Mobile (STIX 2.1) validate; a custom _ref holding "" is only a warning', () => {
      for (const file of [
        sharedFile('mitre-attack', 'attack-stix-data', 'ics-attack', 'ics-attack.json'),
        sharedFile('mitre-attack', 'attack-stix-data', 'mobile-attack', 'mobile-attack-17.1.json'),
      ]) {
        const r = stix.validateBundle(read(file));
        expect(errorsOf(r), file).toEqual([]);
        expect(r.objects.length).toBeGreaterThan(1800);
        if (file.includes('ics-attack')) {
          const warned = r.objects.flatMap((o) => o.warnings.map((w) => w.path));
          expect(warned.filter((p) => p.endsWith('.x_mitre_data_source_ref'))).toHaveLength(5);
        }
      }
    });

    it("misp-stix's STIX 2.1 fixtures validate", () => {
      const dir = sharedFile('misp', 'misp-stix-tests');
      const files = readdirSync(dir).filter((f) => f.endsWith('_stix21.json'));
      expect(files.length).toBeGreaterThanOrEqual(5);
      for (const f of files) {
        const r = stix.validateBundle(read(join(dir, f)));
        expect(errorsOf(r), f).toEqual([]);
      }
    });
  },
);
