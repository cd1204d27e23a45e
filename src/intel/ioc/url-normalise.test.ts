import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../../test/support/shared-data.js';
import { normaliseUrl } from './url-normalise.js';

/** Blocks of equivalent spellings, the normalised form first (test/fixtures/ioc). */
function equivalenceBlocks(): string[][] {
  const text = readFileSync(`${REPO_ROOT}/test/fixtures/ioc/url-equivalence.txt`, 'utf8');
  return text
    .split(/\n\s*\n/)
    .map((b) => b.split('\n').filter((l) => l.trim() !== '' && !l.startsWith('#')))
    .filter((b) => b.length > 0);
}

describe('normaliseUrl', () => {
  const blocks = equivalenceBlocks();

  it.each(blocks.map((b) => [b[0]!, b.slice(1)] as const))(
    '%s is the normal form of its spellings',
    (normal, spellings) => {
      expect(normaliseUrl(normal)?.url).toBe(normal);
      for (const s of spellings) expect(normaliseUrl(s)?.url, s).toBe(normal);
    },
  );

  it('keeps different requests apart (no two blocks share a normal form)', () => {
    const normals = blocks.map((b) => normaliseUrl(b[0]!)?.url);
    expect(new Set(normals).size).toBe(blocks.length);
  });

  it('reports the host and whether the URL is the bare host', () => {
    expect(normaliseUrl('https://Docs.Google.com/')).toMatchObject({
      host: 'docs.google.com',
      bareHost: true,
    });
    expect(normaliseUrl('https://docs.google.com/d/abc')).toMatchObject({ bareHost: false });
    expect(normaliseUrl('https://docs.google.com/?q=1')).toMatchObject({ bareHost: false });
    expect(normaliseUrl('http://[2001:db8::1]/')).toMatchObject({ host: '2001:db8::1' });
  });

  it('keeps opaque URLs whole and refuses what cannot be parsed', () => {
    expect(normaliseUrl('mailto:Alice@Example.net')?.url).toBe('mailto:Alice@Example.net');
    expect(normaliseUrl('http://')).toBeNull();
    expect(normaliseUrl('http://exa mple.net/')).toBeNull();
    expect(normaliseUrl('http://[::1/')).toBeNull();
  });
});
