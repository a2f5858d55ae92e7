// The rows of an import a chunk at a time, the next chunk read while the one before is processed: reading a file
// is work on this thread and writing is the database's, so the two overlap.

/** The rows of an import, `total` of them at most, read as they are iterated (once). */
export interface RowSource<Row> {
  total: number;
  rows: Iterable<Row> | AsyncIterable<Row>;
}

/** The source failed to give its next row (a workbook damaged after its header): the rows after it are unknown. */
export class UnreadableRows extends Error {
  constructor(
    /** rows read before the failure */
    readonly read: number,
    cause: unknown,
  ) {
    super(`rows after the ${read}th could not be read: ${(cause as Error)?.message ?? cause}`, { cause });
  }
}

export class ChunkReader<Row> {
  /** rows read from the source so far */
  read = 0;
  private readonly source: AsyncIterator<Row> | Iterator<Row>;
  private ahead: Promise<Row[]> | null = null;
  private failure: UnreadableRows | null = null;
  /** chunks handed out by `next` and not yet marked `processed`, oldest first */
  private readonly pending: Row[][] = [];

  constructor(
    rows: Iterable<Row> | AsyncIterable<Row>,
    private readonly size: number,
  ) {
    this.source = Symbol.asyncIterator in rows ? rows[Symbol.asyncIterator]() : rows[Symbol.iterator]();
  }

  /** Up to `size` rows; the rows read before a failure are given, the failure is thrown by the next take. */
  private async take(): Promise<Row[]> {
    if (this.failure) throw this.failure;
    const chunk: Row[] = [];
    try {
      while (chunk.length < this.size) {
        const next = await this.source.next();
        if (next.done) break;
        chunk.push(next.value);
      }
    } catch (error) {
      this.failure = new UnreadableRows(this.read + chunk.length, error);
      if (chunk.length === 0) throw this.failure;
    }
    this.read += chunk.length;
    return chunk;
  }

  /** The next chunk, or null after the last; the one after it is being read when this returns. */
  private async nextChunk(): Promise<Row[] | null> {
    const chunk = await (this.ahead ?? this.take());
    if (chunk.length === 0) {
      this.ahead = null;
      return null;
    }
    this.ahead = this.take();
    this.ahead.catch(() => undefined); // a failed read surfaces when that chunk is asked for
    return chunk;
  }

  /**
   * The next chunk, or null after the last; the one after it is being read when this returns. Its rows count as
   * not processed (`rest` gives them) until `processed` is called for it.
   */
  async next(): Promise<Row[] | null> {
    const chunk = await this.nextChunk();
    if (chunk !== null) this.pending.push(chunk);
    return chunk;
  }

  /** The oldest chunk handed out and not yet processed is done: its rows are no longer part of `rest`. */
  processed(): void {
    this.pending.shift();
  }

  /** The rows not processed: those handed out but not done, then every row still to read (up to a failure). */
  async rest(): Promise<Row[]> {
    const rest: Row[] = [];
    for (const chunk of this.pending.splice(0)) rest.push(...chunk);
    try {
      for (let chunk = await this.nextChunk(); chunk !== null; chunk = await this.nextChunk()) rest.push(...chunk);
    } catch {
      this.ahead = null;
    }
    return rest;
  }
}
