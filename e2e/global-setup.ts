// vitest globalSetup of the end-to-end suite: the web UI is built once and the database images made once per
// run (not once per test file).
import { createDatabaseImages } from '../packages/server/test/database-images.ts';
import { buildWebUi } from './web-build.ts';

export default async function setup(): Promise<() => Promise<void>> {
  buildWebUi();
  return createDatabaseImages();
}
