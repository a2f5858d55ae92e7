/**
 * Remembers the last workbook built and rebuilds only when its input changes. The import templates are public
 * downloads that cost 0.1–0.3 s of CPU to build; their input (the authority and capability lists) rarely changes.
 */
export function lastWorkbookCache<I>(build: (input: I) => Promise<Buffer>): (input: I) => Promise<Buffer> {
  let last: { key: string; bytes: Promise<Buffer> } | null = null;
  return (input) => {
    const key = JSON.stringify(input);
    if (last?.key === key) return last.bytes;
    const entry = { key, bytes: build(input) };
    last = entry;
    entry.bytes.catch(() => {
      if (last === entry) last = null;
    });
    return entry.bytes;
  };
}
