// vitest globalSetup of the server suite: this run's migrated (and seeded) database images, made once.
import { createDatabaseImages } from './database-images.ts';

export default async function setup(): Promise<() => Promise<void>> {
  return createDatabaseImages();
}
