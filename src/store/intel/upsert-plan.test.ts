import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { prepareObject, type PreparedObject } from './prepared-object.js';
import {
  assignKeys,
  keysNeeded,
  planUpsert,
  versionRef,
  type ExistingObject,
} from './upsert-plan.js';

const id = (n: number) => `malware--00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const obj = (n: number, d: number, name = 'x'): PreparedObject =>
  prepareObject(
    {
      type: 'malware',
      id: id(n),
      spec_version: '2.1',
      created: '2024-01-01T00:00:00.000Z',
      modified: `2024-01-${String(d + 1).padStart(2, '0')}T00:00:00.000Z`,
      name,
      is_family: true,
    },
    '$',
  );

describe('planUpsert', () => {
  it('creates new ids, keeps identical content, adds newer and older versions', () => {
    const stored = obj(1, 5);
    const existing = new Map<string, ExistingObject>([
      [
        id(1),
        { latestKey: stored.modifiedKey, versions: new Map([[stored.modifiedKey, stored.hash]]) },
      ],
    ]);
    const plan = planUpsert([obj(1, 5), obj(1, 7), obj(1, 2), obj(2, 0)], existing, 100);
    expect([plan.created, plan.updated, plan.unchanged]).toEqual([1, 2, 1]);
    expect(plan.newObjects.map((o) => o.id)).toEqual([id(2)]);
    expect(
      plan.writes.map((w) => [
        w.object.id,
        w.object.modifiedKey.slice(0, 10),
        w.dateAdded,
        w.replace,
      ]),
    ).toEqual([
      [id(1), '2024-01-08', 100, false],
      [id(1), '2024-01-03', 101, false],
      [id(2), '2024-01-01', 102, false],
    ]);
    expect(plan.latest.map((w) => w.object.modifiedKey.slice(0, 10)).sort()).toEqual([
      '2024-01-01',
      '2024-01-08',
    ]);
  });

  it('replaces a stored version whose content changed, and it stays latest', () => {
    const stored = obj(1, 5, 'a');
    const existing = new Map<string, ExistingObject>([
      [
        id(1),
        { latestKey: stored.modifiedKey, versions: new Map([[stored.modifiedKey, stored.hash]]) },
      ],
    ]);
    const plan = planUpsert([obj(1, 5, 'b')], existing, 1);
    expect(plan.writes).toMatchObject([{ replace: true, dateAdded: 1 }]);
    expect(plan.latest).toHaveLength(1);
  });

  it('keeps only the last content of a version written twice in a batch', () => {
    const plan = planUpsert([obj(1, 1, 'a'), obj(1, 1, 'b'), obj(1, 1, 'b')], new Map(), 10);
    expect([plan.created, plan.updated, plan.unchanged]).toEqual([1, 1, 1]);
    expect(plan.writes).toHaveLength(1);
    expect(plan.writes[0]).toMatchObject({ dateAdded: 11, replace: false });
    expect(plan.writes[0]!.object.body).toContain('"name":"b"');
  });

  it('invariants on random batches: outcomes add up, writes are unique, latest is the newest', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(fc.integer({ min: 0, max: 4 }), fc.integer({ min: 0, max: 5 }), fc.boolean()),
          {
            maxLength: 30,
          },
        ),
        (spec) => {
          const batch = spec.map(([n, d, b]) => obj(n, d, b ? 'a' : 'b'));
          const plan = planUpsert(batch, new Map(), 1);
          expect(plan.created + plan.updated + plan.unchanged).toBe(batch.length);
          expect(plan.created).toBe(new Set(batch.map((o) => o.id)).size);
          const refs = plan.writes.map((w) => versionRef(w.object));
          expect(new Set(refs).size).toBe(refs.length);
          const dates = plan.writes.map((w) => w.dateAdded);
          expect(dates).toEqual([...dates].sort((a, b) => a - b));
          for (const w of plan.latest) {
            const newest = batch
              .filter((o) => o.id === w.object.id)
              .map((o) => o.modifiedKey)
              .sort()
              .pop();
            expect(w.object.modifiedKey).toBe(newest);
          }
        },
      ),
    );
  });

  it('assigns fresh keys to new objects and inserted versions only', () => {
    const stored = obj(1, 5, 'a');
    const existing = new Map<string, ExistingObject>([
      [
        id(1),
        { latestKey: stored.modifiedKey, versions: new Map([[stored.modifiedKey, stored.hash]]) },
      ],
    ]);
    const plan = planUpsert([obj(1, 5, 'b'), obj(1, 6), obj(2, 0)], existing, 1);
    expect(keysNeeded(plan)).toEqual({ objects: 1, versions: 2 });
    const pks = new Map([[id(1), 7]]);
    const vpks = new Map([[versionRef(stored), 70]]);
    assignKeys(plan, pks, vpks, [8], [71, 72]);
    expect(pks.get(id(2))).toBe(8);
    expect(vpks.get(versionRef(stored))).toBe(70);
    expect([...vpks.values()].sort()).toEqual([70, 71, 72]);
  });
});
