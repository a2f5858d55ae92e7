import { type BindingEvent, type BindingStatus, bindingWorkflow as wf } from './binding.ts';
import { describeWorkflowTable, type ExpectedRule } from './test-kit.ts';

const expected: ExpectedRule<BindingStatus, BindingEvent>[] = [
  [
    null,
    'bind',
    'ACTIVE',
    'SYSTEM',
    { mutation: 'confirmInvitation', effects: ['createBinding', 'authorisePreauthorised'] },
  ],
  [
    'ACTIVE',
    'unbindByDirectUnit',
    'UNBOUND',
    'OWNER_ENTERPRISE',
    { mutation: 'unbindUseUnits', effects: ['revokeAuthorisations', 'markInvitationUnbound'] },
  ],
  [
    'ACTIVE',
    'unbindByUseUnit',
    'UNBOUND',
    'USE_UNIT',
    { mutation: 'unbindDirectUnit', effects: ['revokeAuthorisations', 'markInvitationUnbound'] },
  ],
];

describeWorkflowTable(wf, expected, { statuses: ['UNBOUND'], outgoing: {} });
