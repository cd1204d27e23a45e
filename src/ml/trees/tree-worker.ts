/**
 * Entry script of the tree learners' worker threads (started by tree-pool.ts from the built
 * `tree-worker.js`): the jobs they serve.
 */
import { serveJobs } from '../parallel/job-server.js';
import { BOOST_SERVE_JOB, serveBoostSteps } from './boost-steps.js';
import { FOREST_TREES_JOB, growForestTrees } from './forest-fit.js';
import {
  FOREST_PREDICT_JOB,
  FOREST_PREPARE_JOB,
  predictRange,
  prepareRunner,
} from './parallel-predict.js';

serveJobs({
  [BOOST_SERVE_JOB]: serveBoostSteps,
  [FOREST_TREES_JOB]: growForestTrees,
  [FOREST_PREDICT_JOB]: predictRange,
  [FOREST_PREPARE_JOB]: prepareRunner,
});
