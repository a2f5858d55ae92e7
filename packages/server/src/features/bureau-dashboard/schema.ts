// GraphQL of the bureau dashboard (工作台概览); clients refresh it on queueChanges events.
import { builder } from '../../platform/builder.ts';
import { refusalError } from '../../platform/graphql-errors.ts';
import { signedIn, unauthenticated } from '../../platform/signed-in.ts';
import { ReviewKindEnum, ReviewStepEnum } from '../cases/review-case.ts';
import { type BureauDashboard, bureauDashboard, type DayCount, type QueueSize } from './service.ts';

const QueueSizeRef = builder.objectRef<QueueSize>('QueueSize').implement({
  description: 'cases waiting at one step of one kind in the jurisdiction',
  fields: (t) => ({
    kind: t.field({ type: ReviewKindEnum, resolve: (size) => size.kind }),
    step: t.field({ type: ReviewStepEnum, resolve: (size) => size.step }),
    count: t.exposeInt('count'),
    dueSoonCount: t.exposeInt('dueSoonCount'),
    overdueCount: t.exposeInt('overdueCount'),
  }),
});

const DayCountRef = builder.objectRef<DayCount>('DayCount').implement({
  fields: (t) => ({
    date: t.exposeString('date', { description: 'YYYY-MM-DD, China time' }),
    count: t.exposeInt('count'),
  }),
});

const AgeBucketRef = builder.objectRef<{ label: string; count: number }>('AgeBucket').implement({
  fields: (t) => ({
    label: t.exposeString('label', { description: 'working days in the current step, e.g. 0-1, 2-3, >10' }),
    count: t.exposeInt('count'),
  }),
});

const BureauDashboardRef = builder.objectRef<BureauDashboard>('BureauDashboard').implement({
  description: "工作台概览: queue sizes, decisions per day (30 days) and ages in the viewer's jurisdiction",
  fields: (t) => ({
    generatedAt: t.expose('generatedAt', { type: 'DateTime' }),
    queues: t.field({ type: [QueueSizeRef], resolve: (board) => board.queues }),
    decisionsPerDay: t.field({ type: [DayCountRef], resolve: (board) => board.decisionsPerDay }),
    ageBuckets: t.field({ type: [AgeBucketRef], resolve: (board) => board.ageBuckets }),
    dueSoonCount: t.exposeInt('dueSoonCount'),
    overdueCount: t.exposeInt('overdueCount'),
  }),
});

builder.queryField('bureauDashboard', (t) =>
  t.field({
    type: BureauDashboardRef,
    authScopes: { officer: true, admin: true },
    resolve: signedIn(unauthenticated.asError, async (_root, _args, context) => {
      const result = await bureauDashboard(context.app, context.viewer);
      if (!result.ok) throw refusalError(result.error, context.locale);
      return result.value;
    }),
  }),
);
