import { describe, expect, it } from 'vitest';
import {
  MATERIAL_KIND_LABELS,
  MATERIAL_KINDS,
  missingMaterials,
  requiredAccessMaterials,
  requiredExitMaterials,
} from './materials.ts';

describe('materials', () => {
  it('are labelled as in the manual', () => {
    expect(MATERIAL_KINDS.map((k) => MATERIAL_KIND_LABELS[k].zh)).toEqual([
      '乐企直连服务接入信息表',
      '乐企直连服务协议书',
      '软件著作权或使用权证明',
      '项目报告',
      '授权委托书',
      '乐企服务网络地址备案表',
      '其他材料',
      '关系证明材料',
      '直连单位退出申请表',
    ]);
  });

  it('require the power of attorney only when a third party builds the system', () => {
    const base = [
      'ACCESS_INFO_FORM',
      'SERVICE_AGREEMENT',
      'SOFTWARE_COPYRIGHT',
      'PROJECT_REPORT',
      'NETWORK_ADDRESS_FORM',
    ];
    expect(requiredAccessMaterials({ builtByThirdParty: false }).sort()).toEqual([...base].sort());
    expect(requiredAccessMaterials({ builtByThirdParty: true }).sort()).toEqual([...base, 'POWER_OF_ATTORNEY'].sort());
    expect(requiredExitMaterials()).toEqual(['EXIT_APPLICATION_FORM']);
  });

  it('lists what is missing', () => {
    const required = requiredAccessMaterials({ builtByThirdParty: true });
    expect(missingMaterials(required, [])).toEqual(required);
    expect(missingMaterials(required, [...required, 'OTHER'])).toEqual([]);
    expect(missingMaterials(required, ['ACCESS_INFO_FORM', 'PROJECT_REPORT', 'OTHER', 'ACCESS_INFO_FORM'])).toEqual([
      'SERVICE_AGREEMENT',
      'SOFTWARE_COPYRIGHT',
      'POWER_OF_ATTORNEY',
      'NETWORK_ADDRESS_FORM',
    ]);
  });
});
