import { describe, expect, it } from 'vitest';
import {
  buildObservation,
  canonicalHashName,
  makeObservation,
  observationFromObservedData,
  toEpochMs,
} from './observation.js';

describe('buildObservation', () => {
  it('turns flow fields into address objects referenced by network-traffic', () => {
    const o = buildObservation({
      time: '2024-01-01T00:00:00Z',
      lastTime: 1704067205000,
      srcIp: '10.0.0.5',
      dstIp: '2001:db8::1',
      srcPort: 51000,
      dstPort: 443,
      protocol: 'TCP',
      srcBytes: 100,
      dstBytes: 2000,
      raw: { row: 7 },
    });
    expect(o.time).toBe(1704067200000);
    expect(o.lastTime).toBe(1704067205000);
    expect(o.count).toBe(1);
    expect(o.raw).toEqual({ row: 7 });
    expect(o.objects.map((x) => x.type)).toEqual(['ipv4-addr', 'ipv6-addr', 'network-traffic']);
    const nt = o.objects[2]!;
    expect(nt).toMatchObject({
      src_port: 51000,
      dst_port: 443,
      protocols: ['tcp'],
      src_byte_count: 100,
      dst_byte_count: 2000,
    });
    expect(o.byRef.get(nt.src_ref as string)?.value).toBe('10.0.0.5');
    expect(o.byRef.get(nt.dst_ref as string)?.value).toBe('2001:db8::1');
  });

  it('adds the other key shapes as their STIX objects, hashes under their vocabulary names', () => {
    const o = buildObservation({
      time: 0,
      domain: 'example.com',
      url: 'http://example.com/a',
      hashes: { sha256: 'ab', md5: 'cd' },
      fileName: 'a.exe',
      user: 'root',
      email: 'x@example.com',
      processName: 'cmd.exe',
      commandLine: 'cmd /c',
      extra: [{ type: 'windows-registry-key', key: 'HKLM\\Run' }],
    });
    expect(o.objects).toEqual([
      { type: 'domain-name', id: '0', value: 'example.com' },
      { type: 'url', id: '1', value: 'http://example.com/a' },
      { type: 'file', id: '2', hashes: { 'SHA-256': 'ab', MD5: 'cd' }, name: 'a.exe' },
      { type: 'user-account', id: '3', user_id: 'root' },
      { type: 'email-addr', id: '4', value: 'x@example.com' },
      { type: 'process', id: '5', name: 'cmd.exe', command_line: 'cmd /c' },
      { type: 'windows-registry-key', key: 'HKLM\\Run', id: '6' },
    ]);
  });

  it('refuses a time it cannot read', () => {
    expect(() => buildObservation({ time: 'yesterday' })).toThrow(RangeError);
    expect(toEpochMs(new Date(5))).toBe(5);
  });
});

describe('canonicalHashName', () => {
  it.each([
    ['md5', 'MD5'],
    ['sha1', 'SHA-1'],
    ['SHA256', 'SHA-256'],
    ['sha-256', 'SHA-256'],
    ['sha3_256', 'SHA3-256'],
    ['x-custom', 'x-custom'],
  ])('%s → %s', (raw, name) => expect(canonicalHashName(raw)).toBe(name));
});

describe('observationFromObservedData', () => {
  it('reads a STIX 2.0 objects dictionary, keys as references', () => {
    const o = observationFromObservedData({
      type: 'observed-data',
      id: 'observed-data--1',
      first_observed: '2015-12-21T19:00:00Z',
      last_observed: '2015-12-21T19:00:10Z',
      number_observed: 3,
      objects: {
        '0': { type: 'ipv4-addr', value: '198.51.100.3' },
        '1': { type: 'network-traffic', dst_ref: '0', dst_port: 80 },
      },
    })!;
    expect(o.count).toBe(3);
    expect(o.lastTime - o.time).toBe(10_000);
    expect(o.id).toBe('observed-data--1');
    expect(o.byRef.get('0')?.value).toBe('198.51.100.3');
  });

  it('follows STIX 2.1 object_refs, and the references of what it finds', () => {
    const bundle = new Map<string, unknown>([
      [
        'network-traffic--a',
        { type: 'network-traffic', id: 'network-traffic--a', dst_ref: 'ipv4-addr--b' },
      ],
      ['ipv4-addr--b', { type: 'ipv4-addr', id: 'ipv4-addr--b', value: '203.0.113.1' }],
    ]);
    const o = observationFromObservedData(
      {
        type: 'observed-data',
        first_observed: '2020-01-01T00:00:00Z',
        object_refs: ['network-traffic--a', 'missing--x'],
      },
      (id) => bundle.get(id),
    )!;
    expect(o.objects.map((x) => x.id)).toEqual(['network-traffic--a', 'ipv4-addr--b']);
    expect(o.count).toBe(1);
  });

  it('returns undefined for anything else', () => {
    expect(observationFromObservedData({ type: 'indicator' })).toBeUndefined();
    expect(
      observationFromObservedData({ type: 'observed-data', first_observed: 'soon' }),
    ).toBeUndefined();
  });

  it('makeObservation keeps the interval ordered', () => {
    const o = makeObservation([], 10, { lastTime: 5 });
    expect([o.time, o.lastTime]).toEqual([10, 10]);
  });
});
