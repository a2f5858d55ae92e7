// Reference data every deployment needs, demo or production: the official capability catalogue (能力编码 and
// names as the platform publishes them). Added when missing, never overwritten: the admin may rename or disable
// a capability, and that choice survives restarts.
import type { Db } from '../platform/db/database.ts';

export const OFFICIAL_CAPABILITIES = [
  { code: '100010', name: '使用单位管理能力', isPublic: true },
  { code: '202007', name: '乐企自用基础版开票能力', isPublic: false },
  { code: '203067', name: '归集能力', isPublic: false },
  { code: '203059', name: '发票查验能力', isPublic: false },
  { code: '203065', name: '增值税抵扣勾选能力', isPublic: false },
  { code: '203057', name: '发票入账能力', isPublic: false },
  { code: '202026', name: '货物运输开票能力', isPublic: false },
  { code: '202044', name: '建筑服务开票能力', isPublic: false },
];

export async function seedReferenceData(db: Db): Promise<void> {
  await db.capability.createMany({ data: OFFICIAL_CAPABILITIES, skipDuplicates: true });
}
