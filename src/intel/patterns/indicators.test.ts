import { describe, expect, it } from 'vitest';
import { extractSimpleIndicators } from './indicators.js';

const MD5 = 'cead3f77f6cda6ec00f57d76c9a6879f';

describe('extractSimpleIndicators', () => {
  it('lists the values of equality tests joined by OR on indexable paths, normalised', () => {
    expect(
      extractSimpleIndicators(
        `[ipv4-addr:value = '198.51.100.7' OR ipv4-addr:value = '198.51.100.0/24' OR ipv4-addr:value = '203.0.113.9/32' OR ipv6-addr:value = '2001:DB8::1' OR ipv6-addr:value = '2001:db8::/32' OR domain-name:value = 'Evil.Example.' OR url:value = 'http://x.example/a' OR email-addr:value = 'Bad@Example.com' OR file:hashes.MD5 = '${MD5.toUpperCase()}' OR file:hashes.'SHA-1' = '${'a'.repeat(40)}' OR file:hashes.sha256 = '${'b'.repeat(64)}']`,
      ),
    ).toEqual([
      { type: 'ipv4', value: '198.51.100.7', path: 'ipv4-addr:value' },
      { type: 'cidr4', value: '198.51.100.0/24', path: 'ipv4-addr:value' },
      { type: 'ipv4', value: '203.0.113.9', path: 'ipv4-addr:value' },
      { type: 'ipv6', value: '2001:db8::1', path: 'ipv6-addr:value' },
      { type: 'cidr6', value: '2001:db8::/32', path: 'ipv6-addr:value' },
      { type: 'domain', value: 'evil.example', path: 'domain-name:value' },
      { type: 'url', value: 'http://x.example/a', path: 'url:value' },
      { type: 'email', value: 'bad@example.com', path: 'email-addr:value' },
      { type: 'md5', value: MD5, path: 'file:hashes.MD5' },
      { type: 'sha1', value: 'a'.repeat(40), path: "file:hashes.'SHA-1'" },
      { type: 'sha256', value: 'b'.repeat(64), path: 'file:hashes.sha256' },
    ]);
  });

  it('reads IN sets, reference paths, and drops duplicates; keeps host bits for the index to judge', () => {
    expect(
      extractSimpleIndicators(
        "[network-traffic:dst_ref.value IN ('10.1.2.3/8', 'c2.example.net', '10.1.2.3/8') OR email-message:from_ref.value = 'x@y.example']",
      ),
    ).toEqual([
      { type: 'cidr4', value: '10.1.2.3/8', path: 'network-traffic:dst_ref.value' },
      { type: 'domain', value: 'c2.example.net', path: 'network-traffic:dst_ref.value' },
      { type: 'email', value: 'x@y.example', path: 'email-message:from_ref.value' },
    ]);
  });

  it('reads an OR of simple observation expressions like one expression', () => {
    expect(
      extractSimpleIndicators(
        "[ipv4-addr:value = '10.0.0.1'] OR ([domain-name:value = 'a.example'] OR [url:value = 'u'])",
      ),
    ).toEqual([
      { type: 'ipv4', value: '10.0.0.1', path: 'ipv4-addr:value' },
      { type: 'domain', value: 'a.example', path: 'domain-name:value' },
      { type: 'url', value: 'u', path: 'url:value' },
    ]);
  });

  it.each([
    ["[file:name = 'a' AND file:size = 1]", 'AND'],
    ["[ipv4-addr:value != '10.0.0.1']", 'another operator'],
    ["[ipv4-addr:value NOT = '10.0.0.1']", 'NOT'],
    ["[domain-name:value LIKE '%.example']", 'LIKE'],
    ["[ipv4-addr:value = '10.0.0.1'] WITHIN 5 SECONDS", 'a qualifier'],
    ["[ipv4-addr:value = '10.0.0.1'] AND [ipv4-addr:value = '10.0.0.2']", 'two observations'],
    [
      "[ipv4-addr:value = '10.0.0.1'] OR [ipv4-addr:value = '10.0.0.2'] WITHIN 5 SECONDS",
      'a qualified operand',
    ],
    ["[file:name = 'a.exe']", 'a path the index does not hold'],
    ["[file:hashes.'SHA-512' = '" + 'a'.repeat(128) + "']", 'a hash the index does not hold'],
    ["[ipv4-addr:value = 'not an address']", 'a value invalid for its path'],
    ["[file:hashes.MD5 = 'f00']", 'a malformed hash'],
    ["[domain-name:value = 'domain autuo.xicp.net']", 'white space in a domain'],
    ["[ipv4-addr:value = 'a' OR file:name = 'b']", 'one operand not indexable'],
    ['[x-a:n = 1]', 'a number'],
  ])('%s needs the full evaluator (%s)', (pattern) => {
    expect(extractSimpleIndicators(pattern)).toBeNull();
  });
});
