import { parentPort, workerData } from 'node:worker_threads';
import { runTrainingJob, type TrainingJob } from './training-job';

/* A training thread's entry (see `trainInThread`): trains and scores, posts the outcome, ends. */

const { job } = workerData as { job: TrainingJob };
parentPort!.postMessage(runTrainingJob(job));
