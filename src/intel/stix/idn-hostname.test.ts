import { describe, expect, it } from 'vitest';
import { isIdnHostname } from './idn-hostname.js';

describe('isIdnHostname', () => {
  it('accepts ASCII and internationalised host names', () => {
    for (const h of [
      'example.com',
      'c2.example.net',
      'a-b.example',
      'xn--bcher-kva.example',
      'bücher.example',
      '例子.测试',
    ]) {
      expect(isIdnHostname(h), h).toBe(true);
    }
  });

  it('rejects what RFC 1034/5890 does not allow', () => {
    const long = `${'a'.repeat(63)}.`.repeat(4) + 'com';
    for (const h of [
      '',
      'exa mple.com',
      '-lead.example',
      'trail-.example',
      'a..b',
      'under_score.example',
      `${'a'.repeat(64)}.com`,
      long,
      'xn--zz.example',
    ]) {
      expect(isIdnHostname(h), h).toBe(false);
    }
  });
});
