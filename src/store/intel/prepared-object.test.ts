import { describe, expect, it } from 'vitest';
import { prepareObject } from './prepared-object.js';
import { parseSearch, searchWords } from './search-text.js';

const base = {
  type: 'sighting',
  spec_version: '2.1',
  id: 'sighting--00000000-0000-4000-8000-000000000001',
  created: '2024-01-01T00:00:00Z',
  modified: '2024-01-02T00:00:00Z',
  sighting_of_ref: 'indicator--00000000-0000-4000-8000-000000000002',
  where_sighted_refs: ['identity--00000000-0000-4000-8000-000000000003'],
  object_marking_refs: ['marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da'],
  labels: ['a', 'a', 'b'],
};

describe('prepareObject', () => {
  it('derives version key, canonical body, hash, TLP, labels and edges', () => {
    const p = prepareObject(base, '$[0]');
    expect(p.modifiedKey).toBe('2024-01-02T00:00:00.000000000Z');
    expect(p.body.startsWith('{"created":')).toBe(true);
    expect(p.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(p.tlp).toBe('green');
    expect(p.labels).toEqual(['a', 'b']);
    expect(p.edges.map((e) => e.type)).toEqual(['sighting-of', 'where-sighted']);
    const reordered = Object.fromEntries(Object.entries(base).reverse()) as typeof base;
    expect(prepareObject(reordered, '$').hash).toBe(p.hash);
  });

  it('names the JSON path of what is wrong', () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ ...base, id: 'sighting--1' }, '$[0].id'],
      [{ ...base, type: 'indicator' }, '$[0].type'],
      [{ ...base, modified: 'soon' }, '$[0].modified'],
      [{ ...base, labels: [1] }, '$[0].labels'],
      [{ ...base, where_sighted_refs: ['x'] }, '$[0].where_sighted_refs[0]'],
    ];
    for (const [o, path] of cases) {
      expect(() => prepareObject(o as typeof base, '$[0]')).toThrow(
        expect.objectContaining({ code: 'BAD_INPUT', location: { path } }),
      );
    }
  });

  it('has no edges for a revoked SRO', () => {
    expect(prepareObject({ ...base, revoked: true }, '$').edges).toEqual([]);
  });
});

describe('search words', () => {
  it('are letters and digits, lower case, without diacritics', () => {
    expect(searchWords('Cobalt-Strike T1059.001')).toBe('cobalt strike t1059 001');
    expect(searchWords('Café «Crème»')).toBe('cafe creme');
  });

  it('query words become phrases; a trailing * is a prefix', () => {
    expect(parseSearch('T1059.001 spear*')).toEqual([
      { tokens: ['t1059', '001'], prefix: false },
      { tokens: ['spear'], prefix: true },
    ]);
  });
});
