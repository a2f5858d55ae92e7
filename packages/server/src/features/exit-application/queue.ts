import { exitApplicationWorkflow } from '@leqi/domain';
import { registerApplicationQueue } from '../review-queue/application-queue.ts';
import { asExitCase } from './schema.ts';

registerApplicationQueue('EXIT_APPLICATION', exitApplicationWorkflow, (app) => app.db.exitApplication, asExitCase);
