/**
 * Store ports: the repository interfaces the services use. Adapters (store/sqlite,
 * store/postgres) implement them; only `app/` and `cli/` choose an adapter. Every method is
 * asynchronous because the PostgreSQL driver is (docs/decisions/0007-async-store-ports.md).
 */
import type { ModelBundle } from '../ml/bundle.js';

export interface StoredModel {
  readonly id: string;
  readonly name: string | null;
  readonly kind: string;
  readonly dataset: string;
  readonly task: string;
  readonly classes: readonly string[];
  readonly sha256: string;
  /** Public key (base64url) that signed the bundle. */
  readonly signer: string;
  readonly createdAt: string;
  readonly fitSeconds: number;
  /** Size of the stored (compressed) bundle in bytes. */
  readonly bytes: number;
}

export interface ModelRegistry {
  /**
   * Store a bundle. `name`, when given, moves to this model (a name points at its newest
   * version); earlier versions stay reachable by id.
   */
  register(bundle: ModelBundle, name?: string): Promise<StoredModel>;
  /** By id, or by name (the newest model with that name). */
  find(idOrName: string): Promise<StoredModel | undefined>;
  /** The bundle document as stored (not yet verified). */
  loadBundle(id: string): Promise<unknown>;
  list(): Promise<StoredModel[]>;
}

export type RunKind = 'train' | 'eval' | 'cv';

export interface RunRecord {
  readonly id: string;
  readonly kind: RunKind;
  /** Model id (train, eval) or the model family (cv). */
  readonly model: string | null;
  readonly dataset: string;
  readonly task: string;
  readonly file: string;
  readonly dataFingerprint: string;
  readonly params: Readonly<Record<string, unknown>>;
  /** Headline numbers: accuracy, macroF1, rocAuc… */
  readonly metrics: Readonly<Record<string, unknown>>;
  /** Bulky detail for reports: confusion matrix, per-class table, curves. */
  readonly details: Readonly<Record<string, unknown>>;
  readonly startedAt: string;
  readonly seconds: number;
}

export type NewRun = Omit<RunRecord, 'id'>;

export interface RunLog {
  record(run: NewRun): Promise<RunRecord>;
  get(id: string): Promise<RunRecord | undefined>;
  /** Newest first. */
  list(filter?: { kind?: RunKind; model?: string; limit?: number }): Promise<RunRecord[]>;
}

export interface TrustedKey {
  readonly publicKey: string;
  readonly label: string;
  readonly addedAt: string;
}

export interface KeyTrust {
  trust(publicKey: string, label: string): Promise<TrustedKey>;
  list(): Promise<TrustedKey[]>;
}

export interface Store {
  readonly models: ModelRegistry;
  readonly runs: RunLog;
  readonly keys: KeyTrust;
  /** Increases on every write; readers poll it to notice changes made by other processes. */
  changeSeq(): Promise<number>;
  close(): Promise<void>;
}
