// Demo data of DESIGN §6. Province thresholds are illustrative configuration, not official figures.
import type { IdentityType } from '@leqi/domain';

export const DEMO_PASSWORD = 'Leqi@2026';

export const AUTHORITIES = [
  { code: '14400000000', name: '国家税务总局广东省税务局', level: 'PROVINCIAL', parentCode: null },
  { code: '13100000000', name: '国家税务总局上海市税务局', level: 'PROVINCIAL', parentCode: null },
  { code: '13300000000', name: '国家税务总局浙江省税务局', level: 'PROVINCIAL', parentCode: null },
  { code: '14401060000', name: '国家税务总局广州市天河区税务局', level: 'LOCAL', parentCode: '14400000000' },
  { code: '14401050000', name: '国家税务总局广州市海珠区税务局', level: 'LOCAL', parentCode: '14400000000' },
  { code: '13101150000', name: '国家税务总局上海市浦东新区税务局', level: 'LOCAL', parentCode: '13100000000' },
  { code: '13301060000', name: '国家税务总局杭州市西湖区税务局', level: 'LOCAL', parentCode: '13300000000' },
] as const;

const rule = (provinceCode: string, scale: number) => ({
  provinceCode,
  minRevenue: 300_000_000 * scale,
  minInvoiceCount: 50_000 * scale,
  minInvoiceAmount: 500_000_000 * scale,
  livelihoodMinRevenue: 50_000_000 * scale,
  livelihoodMinInvoiceCount: 10_000 * scale,
  livelihoodMinInvoiceAmount: 100_000_000 * scale,
  effectiveFrom: new Date('2024-01-01T00:00:00Z'),
});
export const PROVINCE_RULES = [rule('14400000000', 1), rule('13100000000', 1.2), rule('13300000000', 0.8)];

type Facts = {
  uscc: string;
  name: string;
  authority: string;
  credit: string;
  inPilot?: boolean;
  livelihood?: boolean;
  revenue: number;
  invoices: number;
  amount: number;
  /** username, identity, the person's name shown in the header and the audit trail */
  users: [string, IdentityType, string][];
};

export const ENTERPRISES: Record<string, Facts> = {
  yf: {
    uscc: '91440100628194821M',
    name: '广州云帆科技集团有限公司',
    authority: '14401060000',
    credit: 'A',
    revenue: 820_000_000,
    invoices: 126_000,
    amount: 960_000_000,
    users: [
      ['yf.legal', 'LEGAL_REPRESENTATIVE', '张伟'],
      ['yf.finance', 'FINANCE_MANAGER', '王芳'],
      ['yf.clerk', 'TAX_CLERK', '李娜'],
      ['yf.invoice', 'INVOICE_CLERK', '刘洋'],
    ],
  },
  yfwl: {
    uscc: '91440100993518190W',
    name: '广州云帆物流有限公司',
    authority: '14401050000',
    credit: 'A',
    revenue: 210_000_000,
    invoices: 38_000,
    amount: 240_000_000,
    users: [['yfwl.clerk', 'TAX_CLERK', '陈静']],
  },
  yfsh: {
    uscc: '91310000937865797H',
    name: '上海云帆贸易有限公司',
    authority: '13101150000',
    credit: 'B',
    revenue: 150_000_000,
    invoices: 21_000,
    amount: 180_000_000,
    users: [['yfsh.clerk', 'TAX_CLERK', '杨磊']],
  },
  yfhz: {
    uscc: '91330100555979711M',
    name: '杭州云帆软件有限公司',
    authority: '13301060000',
    credit: 'M',
    revenue: 60_000_000,
    invoices: 9_000,
    amount: 70_000_000,
    users: [['yfhz.clerk', 'TAX_CLERK', '赵敏']],
  },
  yfzx: {
    uscc: '91330100471049746R',
    name: '杭州云帆咨询有限公司',
    authority: '13301060000',
    credit: 'C',
    revenue: 20_000_000,
    invoices: 3_000,
    amount: 25_000_000,
    users: [['yfzx.clerk', 'TAX_CLERK', '黄勇']],
  },
  ny: {
    uscc: '91440100787789328C',
    name: '广州南粤小商品有限公司',
    authority: '14401060000',
    credit: 'B',
    inPilot: false,
    revenue: 3_500_000,
    invoices: 1_200,
    amount: 4_000_000,
    users: [['ny.clerk', 'TAX_CLERK', '周杰']],
  },
  sl: {
    uscc: '913100005432319483',
    name: '上海申联数据服务有限公司',
    authority: '13101150000',
    credit: 'A',
    revenue: 640_000_000,
    invoices: 98_000,
    amount: 880_000_000,
    users: [
      ['sl.legal', 'LEGAL_REPRESENTATIVE', '吴霞'],
      ['sl.clerk', 'TAX_CLERK', '徐鹏'],
    ],
  },
  slwl: {
    uscc: '91310000757491186Q',
    name: '上海申联网络科技有限公司',
    authority: '13101150000',
    credit: 'B',
    revenue: 90_000_000,
    invoices: 15_000,
    amount: 110_000_000,
    users: [['slwl.clerk', 'TAX_CLERK', '孙丽']],
  },
  slgz: {
    uscc: '91440100792174218D',
    name: '广州申联信息技术有限公司',
    authority: '14401060000',
    credit: 'A',
    revenue: 70_000_000,
    invoices: 11_000,
    amount: 95_000_000,
    users: [['slgz.clerk', 'TAX_CLERK', '胡军']],
  },
  slrj: {
    uscc: '91310000MA1K3RJ07X',
    name: '上海申联软件开发有限公司',
    authority: '13101150000',
    credit: 'A',
    revenue: 45_000_000,
    invoices: 8_000,
    amount: 60_000_000,
    users: [['slrj.clerk', 'TAX_CLERK', '朱琳']],
  },
  by: {
    uscc: '91440100096792908X',
    name: '广州白云公交集团有限公司',
    authority: '14401060000',
    credit: 'B',
    livelihood: true,
    revenue: 120_000_000,
    invoices: 30_000,
    amount: 200_000_000,
    users: [['by.finance', 'FINANCE_MANAGER', '高峰']],
  },
};

export const OFFICERS: [string, string, string][] = [
  ['th.officer1', '天河区税务局 审核员一', '14401060000'],
  ['th.officer2', '天河区税务局 审核员二', '14401060000'],
  ['hzq.officer1', '海珠区税务局 审核员一', '14401050000'],
  ['hzq.officer2', '海珠区税务局 审核员二', '14401050000'],
  ['pd.officer1', '浦东新区税务局 审核员一', '13101150000'],
  ['pd.officer2', '浦东新区税务局 审核员二', '13101150000'],
  ['xh.officer1', '西湖区税务局 审核员一', '13301060000'],
  ['xh.officer2', '西湖区税务局 审核员二', '13301060000'],
  ['gd.confirmer', '广东省税务局 确认岗', '14400000000'],
  ['sh.confirmer', '上海市税务局 确认岗', '13100000000'],
  ['zj.confirmer', '浙江省税务局 确认岗', '13300000000'],
];

/** Every demo account: the enterprises' users, the officers and the platform admin. */
export const DEMO_USERNAMES: readonly string[] = [
  ...Object.values(ENTERPRISES).flatMap((enterprise) => enterprise.users.map(([username]) => username)),
  ...OFFICERS.map(([username]) => username),
  'platform.admin',
];
