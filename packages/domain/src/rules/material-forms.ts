// 材料模板 (manual §2.2): the official forms among the access materials, as the applicant fills them in — what each
// asks for, in its order, and how it is to be filled in. The 项目报告 asks for every part the manual requires of it.
import type { MaterialKind } from './materials.ts';

/** A form: what the applicant fills in (label, and how many lines it takes), then notes; or a table to fill. */
export interface MaterialForm {
  fields: [label: string, lines?: number][];
  table?: string[];
  notes: string[];
}

const SIGNATURE: [string][] = [['法定代表人或财务负责人（签字）'], ['单位（盖章）'], ['日期']];

export const MATERIAL_FORMS: Partial<Record<MaterialKind, MaterialForm>> = {
  ACCESS_INFO_FORM: {
    fields: [
      ['单位名称'],
      ['统一社会信用代码'],
      ['主管税务机关'],
      ['接入方式', 1],
      ['联系人'],
      ['联系电话'],
      ['电子邮箱'],
      ['注册地址'],
      ['经营范围', 2],
      ['应用系统名称'],
      ['系统版本'],
      ['开发单位（自主研发或建设单位名称）'],
      ['部署地点'],
      ['网络地址'],
      ['系统说明', 3],
      ...SIGNATURE,
    ],
    notes: ['接入方式填写“乐企自用”。', '所填信息应与在线填写的接入申请一致。'],
  },
  SERVICE_AGREEMENT: {
    fields: [
      ['甲方（税务机关）'],
      ['乙方（直连单位）名称'],
      ['乙方统一社会信用代码'],
      ['服务内容', 3],
      ['双方权利与义务', 4],
      ['数据安全与保密', 4],
      ['协议期限', 1],
      ['违约责任', 3],
      ...SIGNATURE,
    ],
    notes: ['协议书一式两份，甲乙双方各执一份，双方签章后生效。'],
  },
  PROJECT_REPORT: {
    fields: [
      ['一、业务部分：接入应用的开发项目说明', 4],
      ['一、业务部分：项目规划', 3],
      ['一、业务部分：业务量（开票、收票等预计年业务量）', 3],
      ['二、技术部分：网络环境', 3],
      ['二、技术部分：安全方案', 4],
      ['二、技术部分：硬件环境', 3],
      ['二、技术部分：系统设计', 4],
      ['二、技术部分：技术实现', 4],
      ['三、管理部分：技术支撑管理', 3],
      ['三、管理部分：安全管理', 3],
      ['三、管理部分：运维管理', 3],
      ...SIGNATURE,
    ],
    notes: ['项目报告应包括业务部分、技术部分、管理部分，每部分至少包括所列内容。', '篇幅不够可另附页并加盖公章。'],
  },
  POWER_OF_ATTORNEY: {
    fields: [
      ['委托单位（直连单位）名称'],
      ['委托单位统一社会信用代码'],
      ['受托单位名称'],
      ['受托单位统一社会信用代码'],
      ['受托单位与委托单位的关系（关联企业或第三方企业）'],
      ['委托事项（建设、管理乐企直连平台）', 3],
      ['委托期限'],
      ['受托单位（盖章）'],
      ...SIGNATURE,
    ],
    notes: ['直连单位授权其关联企业建设、管理平台，或授权不具关联关系的第三方企业承担建设责任时提供。'],
  },
  NETWORK_ADDRESS_FORM: {
    fields: [['单位名称'], ['统一社会信用代码'], ['应用系统名称'], ...SIGNATURE],
    table: ['序号', '网络地址（IP 或域名）', '端口', '用途', '部署位置', '备注'],
    notes: ['每个对接乐企的出口地址填写一行；地址变更时应重新备案。'],
  },
};
