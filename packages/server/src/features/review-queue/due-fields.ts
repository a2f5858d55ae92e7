import { DUE_STATES } from '@leqi/domain';
import { builder } from '../../platform/builder.ts';
import { ReviewCaseRef } from '../cases/review-case.ts';
import { caseDue } from './due.ts';

const DueStateEnum = builder.enumType('DueState', {
  values: DUE_STATES,
  description: 'ON_TIME 按时 / DUE_SOON 即将到期 / OVERDUE 已超期, against the configured limit of the step',
});

/** Age and due date in the current step; null when the case waits at no bureau step. */
builder.interfaceFields(ReviewCaseRef, (t) => ({
  ageInWorkingDays: t.int({
    nullable: true,
    description: 'working days (China: weekends, holidays and 调休 from the configured calendar) in the current step',
    resolve: (row, _args, context) => caseDue(context.app.config.queue, row)?.ageInWorkingDays ?? null,
  }),
  dueLimitDays: t.int({
    nullable: true,
    description: 'working days the current step may take (QUEUE_DUE_DAYS, QUEUE_DUE_DAYS_PER_STEP)',
    resolve: (row, _args, context) => caseDue(context.app.config.queue, row)?.limitDays ?? null,
  }),
  dueAt: t.field({
    type: 'DateTime',
    nullable: true,
    description: 'end of the last working day the current step may take',
    resolve: (row, _args, context) => caseDue(context.app.config.queue, row)?.dueAt ?? null,
  }),
  dueState: t.field({
    type: DueStateEnum,
    nullable: true,
    resolve: (row, _args, context) => caseDue(context.app.config.queue, row)?.dueState ?? null,
  }),
}));
