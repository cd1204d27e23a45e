import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mintIndicator } from '../ingest/intel/minted-objects.js';
import { mergeMinted } from './minted-merge.js';
import { mergeSco } from './sco-merge.js';

const day = (d: number) => Date.UTC(2024, 0, 1 + d);

describe('mergeMinted', () => {
  it('keeps one report per source, the widest time span and the noisy-OR confidence', () => {
    const value = { type: 'ipv4' as const, value: '45.77.10.20' };
    const a = mintIndicator({
      value,
      source: 'a',
      firstSeen: day(0),
      lastSeen: day(2),
      confidence: 60,
      description: 'scanner',
    });
    const b = mintIndicator({
      value,
      source: 'b',
      firstSeen: day(1),
      lastSeen: day(5),
      confidence: 50,
    });
    const merged = mergeMinted(a, b);
    expect(merged).toMatchObject({
      id: a.id,
      created: new Date(day(0)).toISOString(),
      modified: new Date(day(5)).toISOString(),
      confidence: 80,
      description: 'scanner',
      x_threatmesh_sources: [{ source: 'a' }, { source: 'b' }],
    });
    const older = mintIndicator({
      value,
      source: 'a',
      firstSeen: day(0),
      lastSeen: day(1),
      confidence: 10,
    });
    expect(mergeMinted(merged, older)).toEqual(merged); // an older report of a source does not replace its newer one
  });

  it('gives the same object whatever order the sources arrive in, and merging again changes nothing', () => {
    const report = fc.record({
      source: fc.constantFrom('a', 'b', 'c'),
      first: fc.nat(30),
      span: fc.nat(30),
      confidence: fc.option(fc.integer({ min: 0, max: 100 }), { nil: undefined }),
    });
    fc.assert(
      fc.property(
        fc.uniqueArray(report, { selector: (r) => r.source, minLength: 1, maxLength: 3 }),
        (reports) => {
          const objects = reports.map((r) =>
            mintIndicator({
              value: { type: 'domain', value: 'c2.badhost.top' },
              source: r.source,
              firstSeen: day(r.first),
              lastSeen: day(r.first + r.span),
              ...(r.confidence !== undefined ? { confidence: r.confidence } : {}),
            }),
          );
          const forward = objects.reduce((acc, o) => mergeMinted(acc, o));
          const backward = [...objects].reverse().reduce((acc, o) => mergeMinted(acc, o));
          expect(forward).toEqual(backward);
          expect(mergeMinted(forward, objects[0]!)).toEqual(forward);
        },
      ),
    );
  });
});

describe('mergeSco', () => {
  it('adds what the stored SCO lacks and keeps what it has', () => {
    const stored = {
      type: 'file',
      id: 'file--1',
      hashes: { MD5: 'aa' },
      name: 'a.exe',
      x_misp_entropy: '6.1',
    };
    const incoming = {
      type: 'file',
      id: 'file--1',
      hashes: { MD5: 'aa', 'SHA-256': 'bb' },
      name: 'other.exe',
      object_marking_refs: ['m'],
    };
    expect(mergeSco(stored, incoming)).toEqual({
      type: 'file',
      id: 'file--1',
      hashes: { MD5: 'aa', 'SHA-256': 'bb' },
      name: 'a.exe',
      x_misp_entropy: '6.1',
      object_marking_refs: ['m'],
    });
    const merged = mergeSco(stored, incoming);
    expect(mergeSco(merged, stored)).toEqual(merged);
  });
});
