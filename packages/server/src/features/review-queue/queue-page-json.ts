// A queue page built as JSON by PostgreSQL, in the one statement that reads it (`pageSource`): each edge's text in
// the order the query asks for its fields, the cursors, and the total. Node then parses no row and builds no object:
// the response is the database's text between a few keys. The text is what GraphQL execution would answer —
// strings escaped by `to_json` as JSON.stringify escapes them, DateTime as `toISOString` writes it, ids and cursors
// encoded as Pothos and `encodeQueueCursor` encode them (page-json.test.ts holds the two answers byte for byte).
import type { Actor } from '@leqi/domain';
import { Prisma } from '../../generated/prisma/client.ts';
import { type RunPrepared, runSql } from '../../platform/db/driver.ts';
import type { Selected } from './page-plan.ts';
import { ident, orderColumn, pageSource, type QueueTable } from './queue-page.ts';
import { ORDER_KEYS, type QueueRequest } from './service.ts';

/** What the page's JSON shows of a kind's cases. */
export interface JsonNode {
  /** the kind's GraphQL type (__typename, and the first part of each id) */
  typename: string;
  /** statusLabel of each status in the viewer's language */
  labels: Readonly<Record<string, string>>;
}

export interface PageJson {
  /** the edges' JSON texts joined by commas (empty for an empty page) */
  edges: string;
  startCursor: string | null;
  endCursor: string | null;
  hasNextPage: boolean;
  /** the counters' sum, or the matching rows counted up to COUNT_CAP + 1 */
  counted: number;
}

const literal = (text: string) => Prisma.sql`${text}::text`;
/** A JSON string of a non-null text expression. */
const jsonText = (expression: Prisma.Sql) => Prisma.sql`to_json(${expression})::text`;
/** A JSON value of a nullable expression (`to_json` of NULL is NULL, and NULL would end the whole text). */
const orNull = (expression: Prisma.Sql) => Prisma.sql`coalesce(${expression}, 'null')`;
/** Base64 of the expression's UTF-8 bytes, as Buffer's `base64` (PostgreSQL breaks lines every 76 characters). */
const base64 = (expression: Prisma.Sql) =>
  Prisma.sql`translate(encode(convert_to(${expression}, 'UTF8'), 'base64'), E'\\n', '')`;
/** A timestamp(3) column (UTC) as `Date#toISOString` writes it. */
const isoTime = (expression: Prisma.Sql) =>
  Prisma.sql`'"' || to_char(${expression}, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') || '"'`;

/** An object's text from its fields' `"key":value` parts, in the order asked. */
function object(fields: Selected[], value: (field: Selected) => Prisma.Sql): Prisma.Sql {
  if (fields.length === 0) return literal('{}');
  const parts = fields.map((field, index) => {
    const key = `${index === 0 ? '{' : ','}${JSON.stringify(field.key)}:`;
    return Prisma.sql`${literal(key)} || ${value(field)}`;
  });
  return Prisma.sql`(${Prisma.join(parts, ' || ')} || '}')`;
}

function enterpriseValue(field: Selected): Prisma.Sql {
  switch (field.name) {
    case '__typename':
      return literal('"Enterprise"');
    case 'id':
      return Prisma.sql`'"' || ${base64(Prisma.sql`'Enterprise:' || e."id"`)} || '"'`;
    default:
      return jsonText(Prisma.sql`e.${ident(field.name)}`);
  }
}

const statusLabels = new WeakMap<object, Prisma.Sql>();

/** The status's label as a JSON string (the labels are kept per kind and locale, so is their CASE). */
function statusLabelOf(labels: JsonNode['labels']): Prisma.Sql {
  let sql = statusLabels.get(labels);
  if (!sql) {
    const cases = Object.entries(labels).map(
      ([status, label]) => Prisma.sql`WHEN ${status} THEN ${JSON.stringify(label)}`,
    );
    sql =
      cases.length === 0
        ? jsonText(Prisma.sql`c."status"`)
        : Prisma.sql`(CASE c."status" ${Prisma.join(cases, ' ')} ELSE to_json(c."status")::text END)`;
    statusLabels.set(labels, sql);
  }
  return sql;
}

function nodeValue(table: QueueTable, node: JsonNode, field: Selected): Prisma.Sql {
  switch (field.name) {
    case '__typename':
      return literal(JSON.stringify(node.typename));
    case 'id':
      return Prisma.sql`'"' || ${base64(Prisma.sql`${`${node.typename}:`}::text || c."id"`)} || '"'`;
    case 'version':
      return Prisma.sql`c."version"::text`;
    case 'statusLabel':
      return statusLabelOf(node.labels);
    case 'stepEnteredAt':
      return isoTime(Prisma.sql`c."stepEnteredAt"`);
    case 'submittedAt':
      return orNull(isoTime(Prisma.sql`c.${ident(table.submitted.column)}`));
    case 'lastReason':
      return orNull(jsonText(Prisma.sql`c."lastReason"`));
    case 'enterprise':
      return object(field.fields, enterpriseValue);
    default:
      return jsonText(Prisma.sql`c.${ident(field.name)}`);
  }
}

/** The row's cursor as `encodeQueueCursor` makes it: base64url of `<epoch ms>|<id>[|<order flag>]`. */
function cursorOf(table: QueueTable, request: QueueRequest): Prisma.Sql {
  const { flag } = ORDER_KEYS[request.order];
  const at = Prisma.sql`coalesce(floor(extract(epoch FROM ${orderColumn(table, request)}) * 1000)::bigint::text, '')`;
  const text = Prisma.sql`${at} || '|' || c."id"${flag ? Prisma.sql` || ${`|${flag}`}::text` : Prisma.empty}`;
  return Prisma.sql`translate(encode(convert_to(${text}, 'UTF8'), 'base64'), E'+/=\\n', '-_')`;
}

function edgeValue(table: QueueTable, request: QueueRequest, node: JsonNode, field: Selected): Prisma.Sql {
  switch (field.name) {
    case '__typename':
      return literal('"ReviewCaseEdge"');
    case 'cursor':
      return Prisma.sql`'"' || ${cursorOf(table, request)} || '"'`;
    default:
      return object(field.fields, (nodeField) => nodeValue(table, node, nodeField));
  }
}

/**
 * Up to `first` edges of the page as JSON (the `edges` selection's fields), the first and last cursor, whether a
 * next page exists, and the total — one statement.
 */
export async function queuePageJson(
  run: RunPrepared,
  table: QueueTable,
  request: QueueRequest,
  actor: Actor,
  statuses: readonly string[],
  edge: Selected[],
  node: JsonNode,
  counters: () => Prisma.Sql,
): Promise<PageJson> {
  const first = request.first;
  if (statuses.length === 0) return { edges: '', startCursor: null, endCursor: null, hasNextPage: false, counted: 0 };
  const edgeText = object(edge, (field) => edgeValue(table, request, node, field));
  const select = Prisma.sql`${orderColumn(table, request)} AS "o", c."id", ${edgeText} AS "j", ${cursorOf(table, request)} AS "k"`;
  const source = pageSource(table, request, actor, statuses, first + 1, select, counters);
  const [page] = await runSql<{
    counted: number;
    fetched: number;
    edges: string | null;
    startCursor: string | null;
    endCursor: string | null;
  }>(
    run,
    Prisma.sql`WITH page AS (
        SELECT t."n", p."j", p."k", row_number() OVER (ORDER BY ${source.orderBy}) AS "at"
        FROM ${source.from} ORDER BY ${source.orderBy} LIMIT ${first + 1})
      SELECT min("n") AS "counted", count("j")::int AS "fetched",
        string_agg("j", ',' ORDER BY "at") FILTER (WHERE "at" <= ${first}) AS "edges",
        (array_agg("k" ORDER BY "at") FILTER (WHERE "at" <= ${first}))[1] AS "startCursor",
        (array_agg("k" ORDER BY "at" DESC) FILTER (WHERE "at" <= ${first}))[1] AS "endCursor"
      FROM page`,
  );
  return {
    edges: page?.edges ?? '',
    startCursor: page?.startCursor ?? null,
    endCursor: page?.endCursor ?? null,
    hasNextPage: (page?.fetched ?? 0) > first,
    counted: page?.counted ?? 0,
  };
}
