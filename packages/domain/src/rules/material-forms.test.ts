import { describe, expect, it } from 'vitest';
import { MATERIAL_FORMS } from './material-forms.ts';
import { MATERIAL_KINDS, requiredAccessMaterials } from './materials.ts';

describe('材料模板 forms', () => {
  it('are forms of access materials only, and each ends with signature, stamp and date', () => {
    const access = new Set([...requiredAccessMaterials({ builtByThirdParty: true }), 'OTHER']);
    for (const [kind, form] of Object.entries(MATERIAL_FORMS)) {
      expect(MATERIAL_KINDS).toContain(kind);
      expect(access.has(kind as never), kind).toBe(true);
      expect(form?.fields.slice(-3).map(([label]) => label)).toEqual([
        '法定代表人或财务负责人（签字）',
        '单位（盖章）',
        '日期',
      ]);
    }
    // the copyright proof is a certificate, not a form
    expect(MATERIAL_FORMS.SOFTWARE_COPYRIGHT).toBeUndefined();
  });

  it('the 项目报告 asks for every part the manual requires (业务, 技术, 管理)', () => {
    const labels = MATERIAL_FORMS.PROJECT_REPORT?.fields.map(([label]) => label).join(' ') ?? '';
    const required = ['开发项目说明', '项目规划', '业务量', '网络环境', '安全方案', '硬件环境', '系统设计', '技术实现'];
    for (const part of [...required, '技术支撑管理', '安全管理', '运维管理']) expect(labels).toContain(part);
  });
});
