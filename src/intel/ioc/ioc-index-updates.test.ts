import { describe, expect, it } from 'vitest';
import { IocIndex } from './ioc-index.js';
import type { IocEntry, IocType } from './types.js';

/** An index holding `entries` (forced, so that documentation addresses can stand in). */
function indexOf(entries: [IocType, string, string][]): IocIndex {
  const index = new IocIndex();
  for (const [type, value, indicatorId] of entries)
    index.addIndicator({ type, value, indicatorId }, { force: true });
  return index;
}

describe('IocIndex sanity rules', () => {
  it('keeps flagged values from matching unless forced, and says why', () => {
    const index = new IocIndex();
    const r = index.addIndicator({ type: 'ipv4', value: '10.1.2.3', indicatorId: 'internal' });
    expect(r).toMatchObject({
      normalized: '10.1.2.3',
      indexedAs: 'ipv4',
      added: true,
      active: false,
    });
    expect(r.warnings.map((w) => w.code)).toEqual(['private']);
    expect(index.lookup('10.1.2.3')).toEqual([]);
    expect(index.explain('10.1.2.3')).toEqual([
      {
        indicatorId: 'internal',
        type: 'ipv4',
        normalized: '10.1.2.3',
        active: false,
        forced: false,
        warnings: ['private'],
      },
    ]);
    const again = index.addIndicator(
      { type: 'ipv4', value: '10.1.2.3', indicatorId: 'internal' },
      { force: true },
    );
    expect(again).toMatchObject({ added: false, active: true });
    expect(index.lookup('10.1.2.3')).toEqual(['internal']);
    expect(index.explain('10.1.2.3')[0]).toMatchObject({
      forced: true,
      active: true,
      warnings: ['private'],
    });
    expect(index.entryCount).toBe(1);
  });

  it('flags 0.0.0.0/0 and benign domains, which would otherwise match everything', () => {
    const index = new IocIndex();
    expect(
      index.addIndicator({ type: 'cidr4', value: '0.0.0.0/0', indicatorId: 'all' }).active,
    ).toBe(false);
    expect(
      index.addIndicator({ type: 'domain', value: 'google.com', indicatorId: 'g' }).active,
    ).toBe(false);
    expect(index.lookup('45.33.32.156')).toEqual([]);
    expect(index.lookup('mail.google.com')).toEqual([]);
    expect(index.explain('mail.google.com').map((d) => d.indicatorId)).toEqual(['g']);
  });

  it('takes its rule options from the index options', () => {
    const index = new IocIndex({ sanity: { ignore: ['private'] } });
    expect(index.addIndicator({ type: 'ipv4', value: '10.1.2.3', indicatorId: 'x' }).active).toBe(
      true,
    );
    expect(index.lookup('10.1.2.3')).toEqual(['x']);
  });
});

describe('IocIndex updates', () => {
  const entry = (type: IocType, value: string, indicatorId: string): IocEntry => ({
    type,
    value,
    indicatorId,
  });

  it('removes a revoked indicator with all its values, and only it', () => {
    const index = indexOf([
      ['ipv4', '45.33.32.156', 'x'],
      ['domain', 'evil-domain.xyz', 'x'],
      ['cidr4', '45.33.32.0/24', 'x'],
      ['ipv4', '45.33.32.156', 'y'],
    ]);
    expect(index.removeIndicator('x')).toBe(3);
    expect(index.removeIndicator('x')).toBe(0);
    expect(index.lookup('45.33.32.156')).toEqual(['y']);
    expect(index.lookup('45.33.32.1')).toEqual([]);
    expect(index.lookup('evil-domain.xyz')).toEqual([]);
    expect(index.entriesOf('x')).toEqual([]);
    expect([index.indicatorCount, index.entryCount]).toEqual([1, 1]);
  });

  it('removes one value of an indicator', () => {
    const index = indexOf([
      ['ipv4', '45.33.32.156', 'x'],
      ['ipv4', '45.33.32.157', 'x'],
    ]);
    expect(index.removeEntry(entry('ipv4', '45.33.32.156', 'x'))).toBe(true);
    expect(index.removeEntry(entry('ipv4', '45.33.32.156', 'x'))).toBe(false);
    expect(index.removeEntry(entry('ipv4', '45.33.32.157', 'nobody'))).toBe(false);
    expect(index.lookup('45.33.32.156')).toEqual([]);
    expect(index.lookup('45.33.32.157')).toEqual(['x']);
    expect(index.removeEntry(entry('ipv4', '45.33.32.157', 'x'))).toBe(true);
    expect(index.indicatorCount).toBe(0);
  });

  it('replaces an indicator’s values as one step, and not at all when a new value is bad', () => {
    const index = indexOf([['ipv4', '45.33.32.156', 'x']]);
    const results = index.replaceIndicator('x', [
      entry('domain', 'evil-domain.xyz', 'x'),
      entry('cidr4', '45.33.33.0/24', 'x'),
    ]);
    expect(results.map((r) => r.indexedAs)).toEqual(['domain', 'cidr4']);
    expect(index.lookup('45.33.32.156')).toEqual([]);
    expect(index.lookup('45.33.33.9')).toEqual(['x']);
    expect(() =>
      index.replaceIndicator('x', [
        entry('ipv4', '45.33.34.1', 'x'),
        entry('ipv4', 'nonsense', 'x'),
      ]),
    ).toThrow(expect.objectContaining({ code: 'BAD_INPUT', location: { path: '$[1].value' } }));
    expect(() => index.replaceIndicator('x', [entry('ipv4', '45.33.34.1', 'y')])).toThrow(
      /belongs to y/,
    );
    expect(index.lookup('45.33.33.9')).toEqual(['x']);
    expect(index.lookup('45.33.34.1')).toEqual([]);
  });

  it('refuses bad input without changing anything', () => {
    const index = new IocIndex();
    expect(() =>
      index.addIndicator(entry('ipv4', '45.33.32.999', 'x'), {
        location: { file: 'feed.txt', line: 7 },
      }),
    ).toThrow(
      expect.objectContaining({ code: 'BAD_INPUT', location: { file: 'feed.txt', line: 7 } }),
    );
    expect(() => index.addIndicator(entry('ipv4', '45.33.32.1', ''))).toThrow(/indicator id/);
    expect([index.indicatorCount, index.entryCount]).toEqual([0, 0]);
  });

  it('stays exact through many additions and removals (filter rebuilds, slot reuse, arena compaction)', () => {
    const index = new IocIndex();
    const n = 20_000;
    const ip = (i: number) => `45.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`;
    for (let i = 0; i < n; i++) {
      index.addIndicator(entry('ipv4', ip(i), `ip-${i}`));
      index.addIndicator(entry('domain', `host-${i}.evil-domain.xyz`, `dom-${i}`));
      index.addIndicator(entry('sha1', (i + 1).toString(16).padStart(40, '0'), `h-${i}`));
    }
    for (let i = 0; i < n; i++)
      if (i % 4 !== 0) {
        index.removeIndicator(`ip-${i}`);
        index.removeIndicator(`dom-${i}`);
        index.removeIndicator(`h-${i}`);
      }
    for (let i = 0; i < n; i += 7) {
      const kept = i % 4 === 0;
      expect(index.lookup(ip(i))).toEqual(kept ? [`ip-${i}`] : []);
      expect(index.lookup(`www.host-${i}.evil-domain.xyz`)).toEqual(kept ? [`dom-${i}`] : []);
      expect(index.lookup((i + 1).toString(16).padStart(40, '0'))).toEqual(kept ? [`h-${i}`] : []);
    }
    expect(index.indicatorCount).toBe(3 * (n / 4));
  });
});
