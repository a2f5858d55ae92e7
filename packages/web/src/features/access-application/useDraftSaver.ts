import { useEffect, useRef, useState } from 'react';
import { useClient } from 'urql';
import {
  type AccessApplication,
  type AccessApplicationPayload,
  SAVE_DRAFT_MUTATION,
  type SaveDraftInput,
} from './api.ts';

/** What a save sends besides the draft's identity and version, which the saver supplies. */
export type DraftFields = Omit<SaveDraftInput, 'id' | 'expectedVersion'>;

export type SaveOutcome =
  | { ok: true; draft: AccessApplication }
  | { ok: false; payload: AccessApplicationPayload | undefined; error: string | undefined };

/**
 * Saves of one draft, one at a time: an upload's attachment, an autosave and 保存草稿 may overlap, and each must
 * carry the version the previous one produced (two saves with the same version would make the second look stale).
 * The queue outlives the form, so a save started when the user leaves still completes.
 */
export function useDraftSaver(
  draft: AccessApplication,
  { onSaved, onStale }: { onSaved: (draft: AccessApplication) => void; onStale: () => void },
) {
  const client = useClient();
  const version = useRef(draft.version);
  const queue = useRef<Promise<unknown>>(Promise.resolve());
  const mounted = useRef(true);
  const stale = useRef(false);
  /** saves queued or running: the user's work is not on the server yet */
  const pendingCount = useRef(0);
  const [pending, setPending] = useState(0);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  /** Runs `task` after every earlier one; its outcome is its own. */
  const enqueue = <T>(task: () => Promise<T>): Promise<T> => {
    const count = (delta: number) => {
      pendingCount.current += delta;
      if (mounted.current) setPending(pendingCount.current);
    };
    count(1);
    const next = queue.current.then(task, task).finally(() => count(-1));
    queue.current = next.catch(() => undefined);
    return next;
  };

  const save = (fields: DraftFields): Promise<SaveOutcome> =>
    enqueue(async () => {
      // after a conflict the form is reloaded with the current version; saving the old one again would only repeat it
      if (stale.current) return { ok: false, payload: undefined, error: undefined };
      const result = await client
        .mutation(SAVE_DRAFT_MUTATION, { input: { ...fields, id: draft.id, expectedVersion: version.current } })
        .toPromise();
      const payload = result.data?.saveAccessApplicationDraft;
      if (payload?.__typename === 'AccessApplicationSuccess' && payload.accessApplication) {
        version.current = payload.accessApplication.version;
        if (mounted.current) onSaved(payload.accessApplication);
        return { ok: true, draft: payload.accessApplication };
      }
      if (payload?.__typename === 'StaleVersionError') {
        stale.current = true;
        if (mounted.current) onStale();
      }
      return { ok: false, payload, error: result.error?.message };
    });

  return { save, enqueue, version, pending: pending > 0, pendingCount };
}
