import { useEffect, useRef, useState } from 'react';

/**
 * Live queues without rows jumping under the cursor: after a live refresh, rows already shown keep their place
 * (updated in place, or gone when decided), and new arrivals wait until the officer asks to see them.
 */
export function mergeLive<T extends { id: string }>(
  shown: readonly T[],
  latest: readonly T[],
): { rows: T[]; arrivals: T[] } {
  const byId = new Map(latest.map((row) => [row.id, row]));
  const rows = shown.flatMap((row) => {
    const current = byId.get(row.id);
    return current ? [current] : [];
  });
  const shownIds = new Set(shown.map((row) => row.id));
  return { rows, arrivals: latest.filter((row) => !shownIds.has(row.id)) };
}

interface Shown<T> {
  key: string;
  rows: T[];
  arrivals: T[];
}

/** `key` names the query (kind, step, filter): a new key shows its rows as they come. */
export function useStableRows<T extends { id: string }>(latest: T[] | undefined, key: string) {
  const [shown, setShown] = useState<Shown<T> | null>(null);
  const live = useRef(false);
  useEffect(() => {
    if (!latest) return;
    setShown((previous) => {
      if (!previous || previous.key !== key || !live.current) return { key, rows: latest, arrivals: [] };
      return { key, ...mergeLive(previous.rows, latest) };
    });
  }, [latest, key]);
  const current = shown && shown.key === key ? shown : null;
  return {
    rows: current?.rows ?? latest ?? [],
    arrivals: current?.arrivals ?? [],
    /** the next data comes from a live event: merge it instead of replacing */
    markLive: () => {
      live.current = true;
    },
    /** show the queue as it is now, new arrivals included */
    reveal: () => {
      live.current = false;
      if (latest) setShown({ key, rows: latest, arrivals: [] });
    },
  };
}
