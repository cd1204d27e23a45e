import { afterAll, describe } from 'vitest';
import { pgSchemas, pgSkipReason } from '../store/pg-test-env.js';
import { knowledgeQuerySuite } from './knowledge-queries.js';
import { knowledgeImportSuite } from './knowledge-suite.js';

const skip = await pgSkipReason();

describe.skipIf(skip !== null)(`knowledge on postgres${skip === null ? '' : ` ${skip}`}`, () => {
  const pgs = pgSchemas();
  afterAll(() => pgs.dropAll());
  knowledgeImportSuite('postgres', () => pgs.open());
  knowledgeQuerySuite('postgres', () => pgs.open());
});
