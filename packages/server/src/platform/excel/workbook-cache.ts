/**
 * Remembers the workbooks last built, keyed by their input (the lists they show), and rebuilds only an input it
 * no longer holds. The templates cost 0.1–0.3 s of CPU to build and are downloaded by anyone (the generic one)
 * or behind signed links whose lists differ per DCU: with one entry, a user alternating two links would rebuild
 * on every download. A few entries, least recently used dropped first, bound the memory.
 */
export function workbookCache<I>(build: (input: I) => Promise<Buffer>, entries = 8): (input: I) => Promise<Buffer> {
  const held = new Map<string, Promise<Buffer>>();
  return (input) => {
    const key = JSON.stringify(input);
    const found = held.get(key);
    if (found) {
      // a Map iterates in insertion order: re-inserting makes this the most recently used
      held.delete(key);
      held.set(key, found);
      return found;
    }
    const bytes = build(input);
    held.set(key, bytes);
    if (held.size > entries) held.delete(held.keys().next().value as string);
    bytes.catch(() => {
      if (held.get(key) === bytes) held.delete(key);
    });
    return bytes;
  };
}
