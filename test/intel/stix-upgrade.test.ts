/**
 * STIX 2.0 → 2.1: a small committed 2.0 bundle (every property change the upgrade makes), the
 * misp-stix paired 2.0/2.1 fixtures, and MITRE's enterprise ATT&CK (24,771 objects, STIX 2.0).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  REPO_ROOT,
  SHARED_SKIP_REASON,
  hasSharedData,
  sharedFile,
} from '../support/shared-data.js';
import { loadStixValidator } from '../../src/intel/stix/validator.js';
import type { BundleValidation, StixValidator } from '../../src/intel/stix/validator.js';
import { upgradeBundle20to21 } from '../../src/intel/stix/upgrade/upgrade-bundle.js';
import { upgrade20to21 } from '../../src/intel/stix/upgrade/upgrade-object.js';
import { computeScoId, uuidVersion } from '../../src/core/stix/sco-id.js';
import type { StixObject } from '../../src/core/stix/object.js';
import { ThreatMeshError } from '../../src/core/errors.js';

type Obj = Record<string, unknown>;

const fixture = (): Obj =>
  JSON.parse(
    readFileSync(join(REPO_ROOT, 'test', 'fixtures', 'stix', 'stix20-bundle.json'), 'utf8'),
  ) as Obj;

function errorsOf(r: BundleValidation): string[] {
  return [
    ...r.errors.map((e) => `${e.path}: ${e.message}`),
    ...r.objects.flatMap((o) => o.errors.map((e) => `${e.path}: ${e.message}`)),
  ];
}

function byType(objects: readonly StixObject[], type: string): StixObject[] {
  return objects.filter((o) => o.type === type);
}

let stix: StixValidator;
beforeAll(() => {
  stix = loadStixValidator(join(REPO_ROOT, 'data'));
});

describe('upgradeBundle20to21 on the committed 2.0 bundle', () => {
  let objects: readonly StixObject[];
  beforeAll(() => {
    const bundle = upgradeBundle20to21(fixture());
    expect(bundle).not.toHaveProperty('spec_version');
    objects = bundle.objects;
  });

  it('gives a bundle whose every object validates as STIX 2.1', () => {
    const r = stix.validateBundle({
      type: 'bundle',
      id: 'bundle--3e2c4a1b-5d6f-4a8b-9c0d-1e2f3a4b5c6d',
      objects,
    });
    expect(errorsOf(r)).toEqual([]);
    expect(r.objects.flatMap((o) => o.warnings)).toEqual([]);
    expect(objects.every((o) => o.spec_version === '2.1')).toBe(true);
  });

  it('moves the 2.0 labels of malware, tool, threat-actor, indicator and report to their vocabularies', () => {
    const [malware] = byType(objects, 'malware');
    expect(malware).toMatchObject({
      malware_types: ['malware', 'remote-access-trojan'],
      is_family: true,
    });
    expect(malware).not.toHaveProperty('labels');
    expect(byType(objects, 'tool')[0]).toMatchObject({ tool_types: ['tool'] });
    expect(byType(objects, 'threat-actor')[0]).toMatchObject({
      threat_actor_types: ['nation-state'],
    });
    expect(byType(objects, 'indicator')[0]).toMatchObject({
      indicator_types: ['malicious-activity'],
      pattern_type: 'stix',
    });
    expect(byType(objects, 'report')[0]).toMatchObject({ report_types: ['threat-report'] });
  });

  it('keeps created_by_ref, identity_class, revoked, x_mitre_deprecated and custom objects', () => {
    const revoked = objects.find(
      (o) => o.id === 'attack-pattern--2a3f8b7e-0c1d-4e5f-9a6b-7c8d9e0f1a2b',
    )!;
    expect(revoked).toMatchObject({ revoked: true, x_mitre_deprecated: true });
    expect(byType(objects, 'identity')[0]).toMatchObject({ identity_class: 'organization' });
    expect(byType(objects, 'relationship')[0]).toMatchObject({
      created_by_ref: 'identity--c78cb6e5-0c4b-4611-8297-d1b8b55e40b5',
      x_mitre_deprecated: false,
    });
    expect(byType(objects, 'x-mitre-tactic')[0]).toMatchObject({ x_mitre_shortname: 'execution' });
  });

  it('gives created and modified millisecond precision', () => {
    const revoked = objects.find(
      (o) => o.id === 'attack-pattern--2a3f8b7e-0c1d-4e5f-9a6b-7c8d9e0f1a2b',
    )!;
    expect(revoked.created).toBe('2017-05-31T21:30:19.000Z');
    expect(revoked.modified).toBe('2018-01-02T03:04:05.500Z');
  });

  it('lifts observed-data objects into SCOs with deterministic ids and object_refs', () => {
    const [od] = byType(objects, 'observed-data');
    expect(od).not.toHaveProperty('objects');
    const refs = od!.object_refs as string[];
    expect(refs).toHaveLength(9);
    const sender = computeScoId({ type: 'email-addr', value: 'sender@example.com' });
    const mail = objects.find((o) => o.type === 'email-message')!;
    expect(mail.from_ref).toBe(sender);
    expect(mail.id).toBe(computeScoId({ ...mail, type: 'email-message' }));
    const traffic = objects.find((o) => o.type === 'network-traffic')!;
    expect(traffic.dst_ref).toBe(computeScoId({ type: 'ipv4-addr', value: '203.0.113.9' }));
    expect(uuidVersion(traffic.id)).toBe(5);
    for (const id of refs) expect(objects.some((o) => o.id === id)).toBe(true);
  });

  it('renames the SCO properties that changed (created → ctime, binary_ref → image_ref…)', () => {
    const file = objects.find((o) => o.type === 'file')!;
    expect(file).toMatchObject({
      ctime: '2017-05-30T10:01:00Z',
      mtime: '2017-05-30T10:02:00Z',
      atime: '2017-05-30T10:03:00Z',
    });
    expect(file).not.toHaveProperty('created');
    const dir = objects.find((o) => o.type === 'directory')!;
    expect(file.parent_directory_ref).toBe(dir.id);
    const process = objects.find((o) => o.type === 'process')!;
    expect(process).toMatchObject({ created_time: '2017-05-30T10:05:00Z', image_ref: file.id });
    expect(uuidVersion(process.id)).toBe(4);
    expect(process.object_marking_refs).toEqual([
      'marking-definition--fa42a846-8d90-4e51-bc29-71d5b4802168',
    ]);
  });

  it('is deterministic (re-importing the same file changes nothing) and leaves 2.1 alone', () => {
    expect(JSON.stringify(upgradeBundle20to21(fixture()))).toBe(
      JSON.stringify(upgradeBundle20to21(fixture())),
    );
    const once = upgradeBundle20to21(fixture());
    expect(upgradeBundle20to21(once)).toEqual(once);
    const indicator = byType(objects, 'indicator')[0]!;
    expect(upgrade20to21(indicator).object).toBe(indicator);
  });
});

describe('upgrade20to21 on bad input', () => {
  const fails = (f: () => unknown): ThreatMeshError => {
    try {
      f();
    } catch (e) {
      if (e instanceof ThreatMeshError) return e;
      throw e;
    }
    throw new Error('expected a ThreatMeshError');
  };

  it('names the element that is not an object', () => {
    const e = fails(() =>
      upgradeBundle20to21({
        type: 'bundle',
        id: 'bundle--1',
        objects: [{ type: 'identity', id: 'identity--1' }, 7],
      }),
    );
    expect(e.code).toBe('BAD_INPUT');
    expect(e.location?.path).toBe('$.objects[1]');
    expect(e.hint).toBeTruthy();
  });

  it('rejects a cycle among ID-contributing references with its path', () => {
    const od = {
      type: 'observed-data',
      id: 'observed-data--b67d30ff-02ac-498a-92f9-32f845f448cf',
      objects: {
        '0': { type: 'network-traffic', src_ref: '1', protocols: ['tcp'] },
        '1': { type: 'network-traffic', src_ref: '0', protocols: ['tcp'] },
      },
    };
    const e = fails(() => upgrade20to21(od, '$.objects[4]'));
    expect(e.code).toBe('BAD_INPUT');
    expect(e.location?.path).toMatch(/^\$\.objects\[4\]\.objects\['[01]'\]$/);
  });

  it('refuses what is not a bundle', () => {
    expect(
      fails(() => upgradeBundle20to21({ type: 'indicator', id: 'indicator--1' })).location?.path,
    ).toBe('$.type');
    expect(
      fails(() => upgradeBundle20to21({ type: 'bundle', id: 'bundle--1', objects: {} })).location
        ?.path,
    ).toBe('$.objects');
  });
});

describe.skipIf(!hasSharedData)(
  `upgrading published STIX 2.0 ${hasSharedData ? '' : SHARED_SKIP_REASON}`,
  () => {
    it('every object of enterprise ATT&CK (24,771, STIX 2.0) validates after the upgrade, revoked and deprecated kept', () => {
      const file = sharedFile(
        'mitre-attack',
        'mitre-cti',
        'enterprise-attack-assembled-stix2.0.json.gz',
      );
      const doc = JSON.parse(gunzipSync(readFileSync(file)).toString('utf8')) as { objects: Obj[] };
      const revoked = doc.objects.filter((o) => o.revoked === true).length;
      const deprecated = doc.objects.filter((o) => o.x_mitre_deprecated === true).length;
      const bundle = upgradeBundle20to21(doc);
      expect(bundle.objects).toHaveLength(24771);
      const r = stix.validateBundle(bundle);
      expect(r.objects.filter((o) => !o.valid).map((o) => [o.path, o.errors])).toEqual([]);
      expect(r.invalidObjects).toBe(0);
      expect(bundle.objects.filter((o) => o.revoked === true)).toHaveLength(revoked);
      expect(bundle.objects.filter((o) => o.x_mitre_deprecated === true)).toHaveLength(deprecated);
      expect(revoked).toBeGreaterThan(100);
      expect(
        byType(bundle.objects, 'malware').every(
          (m) => m.is_family === true && m.labels === undefined,
        ),
      ).toBe(true);
    });

    it("misp-stix's STIX 2.0 fixtures validate after the upgrade, with the observables of their 2.1 twins", () => {
      const dir = sharedFile('misp', 'misp-stix-tests');
      const files = readdirSync(dir).filter((f) => f.endsWith('_stix20.json'));
      expect(files.length).toBeGreaterThanOrEqual(5);
      const observables = (objects: readonly Obj[]): string[] =>
        objects
          .filter((o) => typeof o.value === 'string' && o.type !== 'indicator')
          .map((o) => `${String(o.type)}=${String(o.value)}`)
          .filter((v, i, all) => all.indexOf(v) === i) // misp-stix repeats an SCO our ids merge
          .sort();
      for (const f of files) {
        const upgraded = upgradeBundle20to21(JSON.parse(readFileSync(join(dir, f), 'utf8')));
        const r = stix.validateBundle(upgraded);
        expect(errorsOf(r), f).toEqual([]);
        const twin = JSON.parse(
          readFileSync(join(dir, f.replace('_stix20', '_stix21')), 'utf8'),
        ) as { objects: Obj[] };
        expect(observables(upgraded.objects), f).toEqual(observables(twin.objects));
      }
    });
  },
);
