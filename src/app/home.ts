/**
 * The instance's home directory (THREATMESH_HOME): database, signing key, logs. Two instances
 * with different homes share nothing.
 */
import { generateKeyPairSync, createPrivateKey, type KeyObject } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ThreatMeshError } from '../core/errors.js';

export interface HomePaths {
  readonly root: string;
  readonly database: string;
  readonly signingKey: string;
  readonly logDir: string;
  readonly logFile: string;
}

export function homePaths(home: string): HomePaths {
  return {
    root: home,
    database: join(home, 'threatmesh.db'),
    signingKey: join(home, 'keys', 'instance-ed25519.pem'),
    logDir: join(home, 'logs'),
    logFile: join(home, 'logs', 'threatmesh.log'),
  };
}

export function ensureHome(paths: HomePaths): void {
  try {
    mkdirSync(paths.root, { recursive: true });
    mkdirSync(paths.logDir, { recursive: true });
    mkdirSync(join(paths.root, 'keys'), { recursive: true, mode: 0o700 });
  } catch (e) {
    throw new ThreatMeshError('BAD_INPUT', `cannot create THREATMESH_HOME at ${paths.root}`, {
      cause: e,
      hint: 'set THREATMESH_HOME to a directory you can write',
    });
  }
}

/**
 * The instance's Ed25519 signing key, created on first use (written to a temp file and renamed,
 * mode 0600, so a crash never leaves half a key).
 */
export function loadOrCreateSigningKey(paths: HomePaths): KeyObject {
  if (existsSync(paths.signingKey)) {
    try {
      return createPrivateKey(readFileSync(paths.signingKey));
    } catch (e) {
      throw new ThreatMeshError('INTEGRITY', `the signing key ${paths.signingKey} is unreadable`, {
        cause: e,
        hint: 'restore it from a backup; models signed with it cannot be verified otherwise',
      });
    }
  }
  const { privateKey } = generateKeyPairSync('ed25519');
  const pem = privateKey.export({ type: 'pkcs8', format: 'pem' });
  const tmp = `${paths.signingKey}.${process.pid}.tmp`;
  writeFileSync(tmp, pem, { mode: 0o600 });
  chmodSync(tmp, 0o600);
  renameSync(tmp, paths.signingKey);
  return privateKey;
}
