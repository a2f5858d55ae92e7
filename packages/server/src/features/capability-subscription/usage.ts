import { DCU_STATUS_LABELS, type DcuStatus, type Locale } from '@leqi/domain';
import type { Db } from '../../platform/db/database.ts';

export interface CapabilityUsability {
  usable: boolean;
  reason: string | null;
}

const REFUSALS = {
  NOT_AUTHORISED: { zh: '本单位未获得该能力的授权', en: 'Your enterprise holds no authorisation for this capability' },
  DCU_NOT_ACTIVE: {
    zh: '授权方直连单位当前状态为{status}，能力暂停使用',
    en: 'The authorising direct-connect unit is {status}; the capability cannot be used',
  },
} as const;

/**
 * May the enterprise call a capability now? Only through an ACTIVE authorisation within its validity whose
 * DCU is still ACTIVE: once the DCU has submitted its exit, capability use is refused (manual §3.6.1).
 */
export async function capabilityUsability(
  db: Db,
  enterpriseId: string,
  capabilityCode: string,
  locale: Locale,
): Promise<CapabilityUsability> {
  const now = new Date();
  const capability = await db.capability.findUnique({ where: { code: capabilityCode } });
  const authorisations = await db.capabilityAuthorisation.findMany({
    where: {
      holderEnterpriseId: enterpriseId,
      capabilityCode,
      status: 'ACTIVE',
      validFrom: { lte: now },
      validTo: { gt: now },
    },
    include: { dcu: { select: { dcuStatus: true } } },
  });
  const usable = authorisations.find((authorisation) => authorisation.dcu.dcuStatus === 'ACTIVE');
  if (usable) return { usable: true, reason: null };
  const text = (refusal: { zh: string; en: string }) => (locale === 'en' ? refusal.en : refusal.zh);
  const blocked = authorisations[0];
  if (blocked) {
    const label = DCU_STATUS_LABELS[blocked.dcu.dcuStatus as DcuStatus];
    return {
      usable: false,
      reason: text(REFUSALS.DCU_NOT_ACTIVE).replace('{status}', locale === 'en' ? label.en : label.zh),
    };
  }
  if (capability?.isPublic) {
    const self = await db.enterprise.findUnique({ where: { id: enterpriseId }, select: { dcuStatus: true } });
    if (self?.dcuStatus === 'ACTIVE') return { usable: true, reason: null };
  }
  return { usable: false, reason: text(REFUSALS.NOT_AUTHORISED) };
}
