// 历史申请: a reviewer sees the enterprise's earlier applications of the same kind beside the one in front of them.
// Each kind that has them declares the field with this helper in its own schema (this module knows no kind).
import type { ObjectRef } from '@pothos/core';
import { type BuilderTypes, builder } from '../../platform/builder.ts';
import type { Context } from '../../platform/context.ts';

const EARLIER_APPLICATIONS_LIMIT = 20;

export function defineEarlierApplications<Row extends object>(
  ref: ObjectRef<BuilderTypes, Row>,
  description: string,
  find: (context: Context, row: Row, take: number) => Promise<Row[]>,
): void {
  builder.objectField(ref, 'earlierApplications', (t) =>
    t.field({
      type: [ref],
      description,
      resolve: (row, _args, context) => find(context, row, EARLIER_APPLICATIONS_LIMIT),
    }),
  );
}
