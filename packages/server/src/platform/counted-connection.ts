import { type Label, STATUS_QUERY_MAX_PAGE_SIZE, STATUS_QUERY_MIN_PAGE_SIZE } from '@leqi/domain';
import type { ArgBuilder, ObjectRef } from '@pothos/core';
import { type BuilderTypes, builder } from './builder.ts';
import { bilingual } from './described-enum.ts';

/**
 * A Relay connection type with `totalCount` beside `edges` and `pageInfo`: the list resolvers return the count
 * on the connection object itself.
 */
export function countedConnection<Shape>(
  // biome-ignore lint/suspicious/noExplicitAny: any node type of the one builder
  type: ObjectRef<any, Shape>,
  name: string,
  edgeName: string,
  items: Label,
) {
  return builder.connectionObject(
    {
      type,
      name,
      description: bilingual({ zh: `${items.zh}的一页`, en: `A page of ${items.en}` }),
      fields: (t) => ({
        totalCount: t.int({
          description: bilingual({ zh: `符合条件的${items.zh}总数`, en: `How many ${items.en} match, on all pages` }),
          resolve: (connection) => (connection as unknown as { totalCount: number }).totalCount,
        }),
      }),
    },
    { name: edgeName, description: bilingual({ zh: `一页中的一项${items.zh}`, en: `One of ${items.en} on a page` }) },
  );
}

/**
 * The paging arguments of every list: `first` and `after`. Lists are read forward only (keyset pages in one
 * order), so there is no `last`/`before` — a connection field declares these instead of `t.connection`'s four.
 */
export function forwardPageArgs(arg: ArgBuilder<BuilderTypes>) {
  return {
    first: arg.int({
      required: false,
      description: `每页条数，${STATUS_QUERY_MIN_PAGE_SIZE}–${STATUS_QUERY_MAX_PAGE_SIZE}，默认 20；超出范围为 VALIDATION_FAILED（issues 指出 first）\n\nPage size, ${STATUS_QUERY_MIN_PAGE_SIZE}–${STATUS_QUERY_MAX_PAGE_SIZE}, 20 by default; outside that VALIDATION_FAILED (its issues name first)`,
    }),
    after: arg.string({
      required: false,
      description:
        '从此游标之后开始（上一页的 pageInfo.endCursor）；无法解析为 VALIDATION_FAILED（issues 指出 after）\n\nStart after this cursor (the previous page’s pageInfo.endCursor); an unreadable one is VALIDATION_FAILED (its issues name after)',
    }),
  };
}
