// Who runs an import: this instance (INSTANCE_ID, stable across its restarts) and this start of it. After a crash
// the next start of the same instance knows the imports of its previous start are orphaned without waiting for
// their lease to expire.
import { randomBytes } from 'node:crypto';
import type { AppServices } from '../context.ts';

const owners = new WeakMap<AppServices, string>();

/** `<instance id>/<start id>`, the same for every import this app runs. */
export function importOwner(app: AppServices): string {
  let owner = owners.get(app);
  if (!owner) {
    owner = `${instancePrefix(app)}${Date.now().toString(36)}-${randomBytes(4).toString('hex')}`;
    owners.set(app, owner);
  }
  return owner;
}

/** What every owner of this instance starts with, whichever start it belongs to. */
export const instancePrefix = (app: AppServices) => `${app.config.instanceId}/`;
