// Demo bindings: 上海申联数据's two use units, bound through CONFIRMED invitations with their audit trails.
import { provinceCodeOf } from '@leqi/domain';
import type { Tx } from '../platform/db/database.ts';
import { appendCaseEvent } from '../platform/events/audit.ts';
import type { SeededUsers } from './access-applications.ts';

export /** 上海申联数据 is an ACTIVE DCU with two ACTIVE bindings (DESIGN §6). */
async function seedShenlianBindings(tx: Tx, ids: Map<string, string>, users: SeededUsers) {
  const dcu = ids.get('sl') as string;
  for (const key of ['slwl', 'slgz'] as const) {
    const useUnit = await tx.enterprise.findUniqueOrThrow({ where: { id: ids.get(key) as string } });
    const invitation = await tx.invitation.create({
      data: {
        dcuEnterpriseId: dcu,
        useUnitEnterpriseId: useUnit.id,
        useUnitUscc: useUnit.uscc,
        useUnitName: useUnit.name,
        provinceAuthorityCode: provinceCodeOf(useUnit.competentAuthorityCode),
        relationship: 'PARENT_SUBSIDIARY',
        capabilityCodes: ['202007'],
        status: 'CONFIRMED',
        version: 3,
        liveKey: useUnit.uscc,
        useUnitAuthorityCode: useUnit.competentAuthorityCode,
        createdById: users.get('sl.clerk')?.id ?? null,
      },
    });
    await tx.binding.create({
      data: {
        invitationId: invitation.id,
        dcuEnterpriseId: dcu,
        useUnitEnterpriseId: useUnit.id,
        activeKey: useUnit.id,
      },
    });
    // the trail that led to the binding, so replaying the audit events rebuilds the stored status
    const [officer1, officer2] =
      useUnit.competentAuthorityCode === '14401060000'
        ? ['th.officer1', 'th.officer2']
        : ['pd.officer1', 'pd.officer2'];
    const steps = [
      ['invite', null, 'PENDING_RESPONSE', 'sl.clerk'],
      ['respond', 'PENDING_RESPONSE', 'PENDING_ACCEPTANCE', `${key}.clerk`],
      ['accept', 'PENDING_ACCEPTANCE', 'PENDING_CONFIRMATION', officer1],
      ['confirm', 'PENDING_CONFIRMATION', 'CONFIRMED', officer2],
    ] as const;
    for (const [event, fromStatus, toStatus, username] of steps) {
      const user = users.get(username);
      await appendCaseEvent(tx, {
        caseKind: 'INVITATION',
        caseId: invitation.id,
        event,
        fromStatus,
        toStatus,
        actorUserId: user?.id ?? null,
        actorName: user?.displayName ?? null,
        actorRole: user?.role ?? null,
        enterpriseId: dcu,
        otherEnterpriseId: useUnit.id,
        authorityCode: useUnit.competentAuthorityCode,
        provinceCode: provinceCodeOf(useUnit.competentAuthorityCode),
      });
    }
  }
}
