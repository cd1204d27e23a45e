import { describe, expect, it } from 'vitest';
import { domainSuffixes, normaliseDomain } from './domain-name.js';

describe('normaliseDomain', () => {
  it.each([
    ['Evil.Example', 'evil.example'],
    ['evil.example.', 'evil.example'],
    ['_dmarc.evil.example', '_dmarc.evil.example'],
    ['Bücher.DE.', 'xn--bcher-kva.de'],
    ['xn--bcher-kva.de', 'xn--bcher-kva.de'],
    ['faß.de', 'xn--fa-hia.de'],
    ['ｅｖｉｌ．example', 'evil.example'],
    ['evil。example', 'evil.example'],
    ['localhost', 'localhost'],
    [`${'a'.repeat(63)}.example`, `${'a'.repeat(63)}.example`],
  ])('%s → %s', (input, expected) => expect(normaliseDomain(input)).toBe(expected));

  it.each([
    '',
    '.',
    'evil..example',
    '.evil.example',
    '*.evil.example',
    'evil example',
    'evil.example/path',
    'ex%41mple.net',
    'user@evil.example',
    'evil.example:80',
    `${'a'.repeat(64)}.example`,
    `${'a.'.repeat(127)}ab`,
    '198.51.100.7',
    'evil.123',
    'bü cher.de',
  ])('refuses %j', (input) => expect(normaliseDomain(input)).toBeNull());
});

describe('domainSuffixes', () => {
  it('lists the name and its parents, longest first', () => {
    expect(domainSuffixes('a.b.evil.example')).toEqual([
      'a.b.evil.example',
      'b.evil.example',
      'evil.example',
      'example',
    ]);
    expect(domainSuffixes('localhost')).toEqual(['localhost']);
  });
});
