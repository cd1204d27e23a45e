import { describe, expect, it } from 'vitest';
import { childPath, issue, newSink, replaceErrorsAt } from './issues.js';

describe('childPath', () => {
  it('writes JSON paths with dots for names and brackets otherwise', () => {
    expect(childPath('$', 'objects')).toBe('$.objects');
    expect(childPath('$.objects', 3)).toBe('$.objects[3]');
    expect(childPath('$.extensions', 'archive-ext')).toBe("$.extensions['archive-ext']");
    expect(childPath('$', "it's")).toBe("$['it\\'s']");
  });
});

describe('replaceErrorsAt', () => {
  it('drops the errors at the same path only', () => {
    const sink = newSink();
    sink.errors.push(issue('$.a', 'one'), issue('$.b', 'two'), issue('$.a', 'three'));
    replaceErrorsAt(sink, issue('$.a', 'better'));
    expect(sink.errors.map((e) => `${e.path} ${e.message}`)).toEqual(['$.b two', '$.a better']);
  });
});
