import { join } from 'node:path';
import { openSqliteStoreWithIntel } from '../../src/store/sqlite/intel-store.js';
import { knowledgeQuerySuite } from './knowledge-queries.js';
import { knowledgeImportSuite } from './knowledge-suite.js';
import { scratchDir } from './knowledge-support.js';

const open = async () => openSqliteStoreWithIntel(join(scratchDir(), 'threatmesh.db'));
knowledgeImportSuite('sqlite', open);
knowledgeQuerySuite('sqlite', open);
