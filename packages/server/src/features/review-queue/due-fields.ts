import { DUE_STATE_LABELS, DUE_STATES } from '@leqi/domain';
import { builder } from '../../platform/builder.ts';
import { describedEnum } from '../../platform/described-enum.ts';
import { ReviewCaseRef } from '../cases/review-case.ts';
import { caseDue } from './due.ts';

const DueStateEnum = describedEnum('DueState', {
  description: {
    zh: '办理时限状态：按当前环节配置的时限（工作日）判断；距时限不超过配置的天数（默认 1 个工作日）为即将到期',
    en: 'Due state against the configured limit of the step (working days); within the configured days of it (1 working day by default) is due soon',
  },
  values: DUE_STATES,
  label: (state) => DUE_STATE_LABELS[state],
});

/** Age and due date in the current step; null when the case waits at no bureau step. */
builder.interfaceFields(ReviewCaseRef, (t) => ({
  ageInWorkingDays: t.int({
    nullable: true,
    description:
      '在当前环节已等待的工作日数（按配置的工作日历，扣除周末、法定节假日并计入调休上班日）；不在审核环节时为 null\n\n' +
      'Working days in the current step (by the configured calendar: weekends and public holidays excluded, make-up working days counted); null when the case waits at no review step',
    resolve: (row, _args, context) => caseDue(context.app.config.queue, row)?.ageInWorkingDays ?? null,
  }),
  dueLimitDays: t.int({
    nullable: true,
    description:
      '当前环节的办理时限（工作日，由 QUEUE_DUE_DAYS、QUEUE_DUE_DAYS_PER_STEP 配置）；不在审核环节时为 null\n\n' +
      'Working days the current step may take (QUEUE_DUE_DAYS, QUEUE_DUE_DAYS_PER_STEP); null when the case waits at no review step',
    resolve: (row, _args, context) => caseDue(context.app.config.queue, row)?.limitDays ?? null,
  }),
  dueAt: t.field({
    type: 'DateTime',
    nullable: true,
    description:
      '当前环节的到期时间：时限最后一个工作日的结束；不在审核环节时为 null\n\n' +
      'End of the last working day the current step may take; null when the case waits at no review step',
    resolve: (row, _args, context) => caseDue(context.app.config.queue, row)?.dueAt ?? null,
  }),
  dueState: t.field({
    type: DueStateEnum,
    nullable: true,
    description:
      '按时、即将到期或已超期；不在审核环节（草稿、已办结）时为 null\n\n' +
      'On time, due soon or overdue; null when the case waits at no review step (a draft, a decided case)',
    resolve: (row, _args, context) => caseDue(context.app.config.queue, row)?.dueState ?? null,
  }),
}));
