import { accessApplicationWorkflow } from '@leqi/domain';
import { registerApplicationQueue } from '../review-queue/application-queue.ts';
import { asCase } from './schema.ts';

registerApplicationQueue('ACCESS_APPLICATION', accessApplicationWorkflow, (app) => app.db.accessApplication, asCase);
