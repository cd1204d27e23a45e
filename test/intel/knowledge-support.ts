/**
 * What the knowledge tests share: the fixtures folder, one STIX validator per test process
 * (compiling the official schemas takes a second or two), and scratch directories.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadStixValidator, type StixValidator } from '../../src/intel/stix/index.js';
import { REPO_ROOT } from '../support/shared-data.js';

export const FIXTURES = join(REPO_ROOT, 'test', 'fixtures', 'intel');

let compiled: StixValidator | undefined;

/** The validator over the bundled official schemas, compiled once. */
export function validator(): StixValidator {
  compiled ??= loadStixValidator(join(REPO_ROOT, 'data'));
  return compiled;
}

/** A new empty directory under the system's temporary folder. */
export function scratchDir(): string {
  return mkdtempSync(join(tmpdir(), 'tm-intel-test-'));
}
