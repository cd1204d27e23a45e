import { describe, expect, it } from 'vitest';
import { readConfig } from './config.js';

describe('readConfig: THREATMESH_DATABASE_URL', () => {
  it('is SQLite under the home when unset or empty', () => {
    expect(readConfig({}, '/pkg').databaseUrl).toBeNull();
    expect(readConfig({ THREATMESH_DATABASE_URL: ' ' }, '/pkg').databaseUrl).toBeNull();
  });

  it('takes a postgres:// or postgresql:// URL', () => {
    const url = 'postgresql://tm:pw@db.example.org:5432/threatmesh';
    expect(readConfig({ THREATMESH_DATABASE_URL: url }, '/pkg').databaseUrl).toBe(url);
  });

  it('refuses another scheme without echoing the value', () => {
    const env = { THREATMESH_DATABASE_URL: 'mysql://root:hunter2@localhost/x' };
    expect(() => readConfig(env, '/pkg')).toThrow(
      expect.objectContaining({ code: 'USAGE', message: expect.not.stringContaining('hunter2') }),
    );
  });
});
