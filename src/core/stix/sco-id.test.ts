import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { computeScoId, scoIdContributions, uuidVersion, uuidv5 } from './sco-id.js';

describe('uuidv5', () => {
  it('matches RFC 4122 name-based UUIDs (Python uuid.uuid5(NAMESPACE_DNS, "python.org"))', () => {
    expect(uuidv5('6ba7b810-9dad-11d1-80b4-00c04fd430c8', 'python.org')).toBe(
      '886313e1-3b8a-5372-9b90-0c9aee199e5d',
    );
  });
});

describe('computeScoId', () => {
  it('gives the ids of the OASIS examples (sighting-of-observed-data.json)', () => {
    expect(
      computeScoId({
        type: 'file',
        spec_version: '2.1',
        hashes: {
          MD5: '1717b7fff97d37a1e1a0029d83492de1',
          'SHA-1': 'c79a326f8411e9488bdc3779753e1e3489aaedea',
        },
        size: 83968,
        name: 'resume.pdf',
      }),
    ).toBe('file--364fe3e5-b1f4-5ba3-b951-ee5983b3538d');
    expect(
      computeScoId({
        type: 'windows-registry-key',
        key: 'HKEY_LOCAL_MACHINE\\SYSTEM\\ControlSet001\\Services\\WSALG2',
      }),
    ).toBe('windows-registry-key--16b80d14-d574-5620-abad-10ff304b1c26');
  });

  it('ignores properties that do not contribute', () => {
    const a = computeScoId({ type: 'ipv4-addr', value: '198.51.100.3' });
    expect(a).toBe('ipv4-addr--28bb3599-77cd-5a82-a950-b5bc3caf07c4');
    expect(
      computeScoId({ type: 'ipv4-addr', value: '198.51.100.3', defanged: true, x_seen: 3 }),
    ).toBe(a);
    expect(computeScoId({ type: 'ipv4-addr', value: '198.51.100.4' })).not.toBe(a);
  });

  it('uses one hash, in the order MD5, SHA-1, SHA-256, SHA-512, else the first', () => {
    expect(
      scoIdContributions({ type: 'file', hashes: { 'SHA-256': 'aa', 'SHA-1': 'bb' } }),
    ).toEqual({ hashes: { 'SHA-1': 'bb' } });
    expect(scoIdContributions({ type: 'file', hashes: { TLSH: 't1', SSDEEP: 's' } })).toEqual({
      hashes: { TLSH: 't1' },
    });
  });

  it('is null when there is nothing to hash (process, custom, all absent)', () => {
    expect(computeScoId({ type: 'process', pid: 4 })).toBeNull();
    expect(computeScoId({ type: 'x-custom-observable', value: 'a' })).toBeNull();
    expect(computeScoId({ type: 'file', size: 10 })).toBeNull();
  });

  it('produces version-5 UUIDs', () => {
    const id = computeScoId({ type: 'url', value: 'https://example.com/a' })!;
    expect(uuidVersion(id)).toBe(5);
    expect(uuidVersion('indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f')).toBe(4);
    expect(uuidVersion('indicator--not-a-uuid')).toBeNull();
  });

  it('depends on the contributing values only, not on key order or other properties', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), fc.integer(), (value, other, port) => {
        const a = computeScoId({ type: 'url', value });
        const b = computeScoId({ x_note: other, value, type: 'url', defanged: true });
        expect(b).toBe(a);
        const t1 = computeScoId({ type: 'network-traffic', protocols: ['tcp'], dst_port: port });
        const t2 = computeScoId({ dst_port: port, type: 'network-traffic', protocols: ['tcp'] });
        expect(t2).toBe(t1);
        expect(uuidVersion(a!)).toBe(5);
      }),
    );
  });
});
