import type { ObjectRef } from '@pothos/core';
import { builder } from './builder.ts';

/**
 * A Relay connection type with `totalCount` beside `edges` and `pageInfo`: the list resolvers return the count
 * on the connection object itself.
 */
// biome-ignore lint/suspicious/noExplicitAny: any node type of the one builder
export function countedConnection<Shape>(type: ObjectRef<any, Shape>, name: string, edgeName: string) {
  return builder.connectionObject(
    {
      type,
      name,
      fields: (t) => ({
        totalCount: t.int({ resolve: (connection) => (connection as unknown as { totalCount: number }).totalCount }),
      }),
    },
    { name: edgeName },
  );
}
