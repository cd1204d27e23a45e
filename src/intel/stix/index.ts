/**
 * STIX 2.1 logic: validation against the official schemas plus the rules they cannot express,
 * and the STIX 2.0 → 2.1 upgrade. Everything other layers use is exported from here; the
 * typed object model and TLP helpers are in `core/stix`.
 */
export type { StixIssue } from './issues.js';
export type {
  BundleValidation,
  ObjectValidation,
  StixValidator,
  ValidateObjectOptions,
} from './validator.js';
export { createStixValidator, loadStixValidator } from './validator.js';
export type { StixSchemaDocuments } from './schema-documents.js';
export { readStixSchemaDocuments } from './schema-documents.js';
export type { ExtensionDefinitions } from './extension-rules.js';
export type { RulePolicy } from './object-rules.js';
export type { UpgradeResult } from './upgrade/upgrade-object.js';
export { upgrade20to21 } from './upgrade/upgrade-object.js';
export { upgradeBundle20to21 } from './upgrade/upgrade-bundle.js';
