import { type BindingEvent, type BindingStatus, bindingWorkflow as wf } from './binding.ts';
import { describeWorkflowTable, type ExpectedRule } from './test-kit.ts';

const expected: ExpectedRule<BindingStatus, BindingEvent>[] = [
  [null, 'bind', 'ACTIVE', 'SYSTEM', { mutation: 'confirmInvitation', effects: ['authorisePreauthorised'] }],
  [
    'ACTIVE',
    'unbindByDirectUnit',
    'UNBOUND',
    'OWNER_ENTERPRISE',
    { mutation: 'unbindUseUnits', effects: ['revokeBindingAuthorisations', 'markInvitationUnbound'] },
  ],
  [
    'ACTIVE',
    'unbindByUseUnit',
    'UNBOUND',
    'USE_UNIT',
    { mutation: 'unbindDirectUnit', effects: ['revokeBindingAuthorisations', 'markInvitationUnbound'] },
  ],
];

describeWorkflowTable(wf, expected, { statuses: ['UNBOUND'], outgoing: {} });
