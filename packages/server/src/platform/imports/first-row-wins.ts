// Duplicates inside one file (DUPLICATE_IN_BATCH): the first row of a key (a USCC) wins and every later row with
// the same key fails, so what an import does never depends on which chunk a row falls in.

export interface FirstRowWins<Read, Row extends { row: number }> {
  /** a row of the file as the import uses it */
  prepare: (read: Read) => Row;
  /** the row's key, or null for a row that neither wins nor can be a duplicate */
  keyOf: (row: Row) => string | null;
  /** a later row with the key of the row numbered `firstRow`, as it is given instead */
  duplicate: (row: Row, firstRow: number) => Row;
}

/** The rows of a file prepared as they are read, every row with the key of an earlier one given as its duplicate. */
export async function* firstRowWins<Read, Row extends { row: number }>(
  rows: AsyncIterable<Read>,
  { prepare, keyOf, duplicate }: FirstRowWins<Read, Row>,
): AsyncGenerator<Row> {
  const firstRowOf = new Map<string, number>();
  for await (const read of rows) {
    const row = prepare(read);
    const key = keyOf(row);
    const first = key === null ? undefined : firstRowOf.get(key);
    if (first !== undefined) {
      yield duplicate(row, first);
      continue;
    }
    if (key !== null) firstRowOf.set(key, row.row);
    yield row;
  }
}
