// An import record's row `results` are a connection (an import may have 100,000 rows): tests that check every row
// read the record once per page and see `results` as the plain list of rows.

/** The `results` selection of a record query that declares `$after: String`: one page of rows with `fields`. */
export const resultsPage = (fields: string) =>
  `results(first: 100, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { ${fields} } } }`;

interface PagedResults {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  edges: { node: unknown }[];
}

/**
 * The record `read` returns for the first page, with `results` replaced by every row of every page (`read` is
 * called with each page's `after`); null when the record is not found.
 */
export async function withAllResults(
  read: (after: string | null) => Promise<{ status?: string; results: PagedResults } | null | undefined>,
): Promise<any> {
  const record = await read(null);
  if (!record) return null;
  const rows = record.results.edges.map((edge) => edge.node);
  let page = record.results;
  while (page.pageInfo.hasNextPage) {
    const next = await read(page.pageInfo.endCursor);
    if (!next) throw new Error('the record went away between pages');
    page = next.results;
    rows.push(...page.edges.map((edge) => edge.node));
  }
  // a finished import's rows no longer change: every page together holds them all (while the import runs, a chunk
  // may commit between a page's rows and its count)
  const finished = typeof record.status === 'string' && record.status !== 'PROCESSING';
  if (finished && rows.length !== page.totalCount) throw new Error(`read ${rows.length} rows of ${page.totalCount}`);
  return { ...record, results: rows };
}
