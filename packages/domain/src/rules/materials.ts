/** 接入材料 (manual §2.2) and the exit form (§3.6.2). */
export const MATERIAL_KINDS = [
  'ACCESS_INFO_FORM',
  'SERVICE_AGREEMENT',
  'SOFTWARE_COPYRIGHT',
  'PROJECT_REPORT',
  'POWER_OF_ATTORNEY',
  'NETWORK_ADDRESS_FORM',
  'OTHER',
  'RELATIONSHIP_PROOF',
  'EXIT_APPLICATION_FORM',
] as const;
export type MaterialKind = (typeof MATERIAL_KINDS)[number];

export const MATERIAL_KIND_LABELS: Record<MaterialKind, { zh: string; en: string }> = {
  ACCESS_INFO_FORM: { zh: '乐企直连服务接入信息表', en: 'Leqi direct-connect service access information form' },
  SERVICE_AGREEMENT: { zh: '乐企直连服务协议书', en: 'Leqi direct-connect service agreement' },
  SOFTWARE_COPYRIGHT: { zh: '软件著作权或使用权证明', en: 'Software copyright or right-of-use proof' },
  PROJECT_REPORT: { zh: '项目报告', en: 'Project report' },
  POWER_OF_ATTORNEY: { zh: '授权委托书', en: 'Power of attorney' },
  NETWORK_ADDRESS_FORM: { zh: '乐企服务网络地址备案表', en: 'Leqi service network address filing form' },
  OTHER: { zh: '其他材料', en: 'Other materials' },
  RELATIONSHIP_PROOF: { zh: '关系证明材料', en: 'Relationship proof' },
  EXIT_APPLICATION_FORM: { zh: '直连单位退出申请表', en: 'Direct-connect unit exit application form' },
};

export function isMaterialKind(value: string): value is MaterialKind {
  return (MATERIAL_KINDS as readonly string[]).includes(value);
}

/** The power of attorney is only needed when a related or third party builds the system. */
export function requiredAccessMaterials(opts: { builtByThirdParty: boolean }): MaterialKind[] {
  const required: MaterialKind[] = ['ACCESS_INFO_FORM', 'SERVICE_AGREEMENT', 'SOFTWARE_COPYRIGHT', 'PROJECT_REPORT'];
  if (opts.builtByThirdParty) required.push('POWER_OF_ATTORNEY');
  required.push('NETWORK_ADDRESS_FORM');
  return required;
}

export function requiredExitMaterials(): MaterialKind[] {
  return ['EXIT_APPLICATION_FORM'];
}

/** Required kinds not present, in the order required. */
export function missingMaterials(required: readonly MaterialKind[], present: readonly MaterialKind[]): MaterialKind[] {
  const have = new Set(present);
  return [...new Set(required)].filter((kind) => !have.has(kind));
}
