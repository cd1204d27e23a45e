/**
 * The composition root's product: configuration, home paths, the store adapter, the signing
 * key and the logger, built once and passed to commands and the server.
 */
import type { KeyObject } from 'node:crypto';
import { createPublicKey } from 'node:crypto';
import { publicKeyString } from '../ml/bundle.js';
import type { StoreWithIntel } from '../store/intel-ports.js';
import { openPostgresStore } from '../store/postgres/postgres-store.js';
import { openSqliteStoreWithIntel } from '../store/sqlite/intel-store.js';
import type { Config } from './config.js';
import { ensureHome, homePaths, loadOrCreateSigningKey, type HomePaths } from './home.js';
import { createLogger, type Logger } from './logger.js';

export interface AppContext {
  readonly config: Config;
  readonly paths: HomePaths;
  readonly store: StoreWithIntel;
  readonly signingKey: KeyObject;
  /** This instance's public key (base64url). */
  readonly publicKey: string;
  readonly log: Logger;
  /** Keys whose bundles load without --trust: our own and the ones trusted in the store. */
  trustedKeys(): Promise<Set<string>>;
  close(): Promise<void>;
}

export function openApp(config: Config): AppContext {
  const paths = homePaths(config.home);
  ensureHome(paths);
  const log = createLogger(paths);
  const store = config.databaseUrl
    ? openPostgresStore({ url: config.databaseUrl })
    : openSqliteStoreWithIntel(paths.database);
  const signingKey = loadOrCreateSigningKey(paths);
  const publicKey = publicKeyString(createPublicKey(signingKey));
  return {
    config,
    paths,
    store,
    signingKey,
    publicKey,
    log,
    trustedKeys: async () =>
      new Set([publicKey, ...(await store.keys.list()).map((k) => k.publicKey)]),
    close: () => store.close(),
  };
}
