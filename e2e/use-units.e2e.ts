// Use units end to end (issue 3, "Proof"): 上海申联数据 imports a workbook with good and bad rows and downloads the
// failure report, 上海云帆贸易 responds on a phone, 浦东 accepts and confirms while the DCU's list updates live,
// both sides see the binding, then the DCU unbinds it (and a seeded binding) in one batch.
import { readFileSync } from 'node:fs';
import type { Download, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '../packages/server/test/harness.ts';
import { DESKTOP, ExcelJS, PHONE, screenshot, useProduct } from './support.ts';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');
const HEADERS = ['使用单位统一社会信用代码', '使用单位名称', '省级税务机关代码', '单位关系', '能力预授权'];

const YFSH = { uscc: '91310000937865797H', name: '上海云帆贸易有限公司' }; // 浦东, credit B
const YFHZ = { uscc: '91330100555979711M', name: '杭州云帆软件有限公司' }; // 西湖, credit M
const YFZX = { uscc: '91330100471049746R', name: '杭州云帆咨询有限公司' }; // 西湖, credit C
const YF = { uscc: '91440100628194821M', name: '广州云帆科技集团有限公司' };
const SLWL = { uscc: '91310000757491186Q', name: '上海申联网络科技有限公司' }; // seeded ACTIVE binding of 申联
const PUDONG = '13101150000';

/** The same code with another check character: 18 valid characters, a wrong checksum. */
function withWrongCheckCharacter(uscc: string): string {
  const last = uscc.at(-1);
  return uscc.slice(0, 17) + (last === 'A' ? 'B' : 'A');
}
const BAD_CHECKSUM = withWrongCheckCharacter(YFHZ.uscc);

const GOOD_ROWS = [
  [YFSH.uscc, YFSH.name, '13100000000 国家税务总局上海市税务局', '02 母子公司关系', '202007'],
  [YFHZ.uscc, YFHZ.name, '13300000000', '01', '202007、203059'],
];
const BAD_ROWS: { cells: string[]; reason: RegExp }[] = [
  { cells: [BAD_CHECKSUM, YFHZ.name, '13300000000', '02', ''], reason: /校验位不正确/ },
  { cells: [YFZX.uscc, YFZX.name, '13300000000', '02', ''], reason: /暂不符合使用单位条件/ },
  { cells: [YF.uscc, '广州云帆科技有限公司', '14400000000', '02', ''], reason: /单位名称与登记信息不一致/ },
  // 04 is not an allowed relationship for use units
  { cells: ['91440100993518190W', '广州云帆物流有限公司', '14400000000', '04', ''], reason: /单位关系“04”无效/ },
];

async function downloadBytes(download: Download): Promise<Buffer> {
  const path = await download.path();
  if (!path) throw new Error(`download of ${download.suggestedFilename()} failed: ${await download.failure()}`);
  return readFileSync(path);
}

async function readSheet(bytes: Buffer, sheetName: string): Promise<string[][]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  const sheet = workbook.getWorksheet(sheetName);
  if (!sheet) throw new Error(`no sheet ${sheetName}`);
  const rows: string[][] = [];
  sheet.eachRow((row) => {
    const values = (row.values as unknown[]).slice(1).map((v) => (v === null || v === undefined ? '' : String(v)));
    if (values.some(Boolean)) rows.push(values);
  });
  return rows;
}

/** The page fits the window's width: nothing to scroll sideways. */
async function noHorizontalScroll(page: Page, viewportWidth = PHONE.viewport?.width ?? 375): Promise<void> {
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width).toBeLessThanOrEqual(viewportWidth);
}

describe('use units in the browser: import, phone response, bureau decisions, bindings, batch unbind', () => {
  const product = useProduct();
  let server: TestServer;
  beforeAll(() => {
    server = product.server;
  });
  const pageFor = (username: string, phone = false) => product.pageFor(username, phone ? PHONE : DESKTOP);

  async function invitationIdOf(uscc: string): Promise<string> {
    const result = await server.gql(
      'query($s: String) { sentInvitations(search: $s, first: 20) { edges { node { id useUnitUscc status } } } }',
      { s: uscc },
      await server.signIn('sl.clerk'),
    );
    const live = result.data?.sentInvitations.edges
      .map((e: { node: { id: string; useUnitUscc: string; status: string } }) => e.node)
      .find((n: { useUnitUscc: string; status: string }) => n.useUnitUscc === uscc && n.status !== 'UNBOUND');
    if (!live) throw new Error(`no invitation of ${uscc}: ${JSON.stringify(result)}`);
    return live.id;
  }

  let dcu: Page;
  let phone: Page;
  let yfshInvitationId: string;

  it('the seed leaves the use units of this test free', async () => {
    const db = server.running.app.db;
    for (const uscc of [YFSH.uscc, YFHZ.uscc]) {
      const unit = await db.enterprise.findUniqueOrThrow({ where: { uscc } });
      expect(await db.invitation.count({ where: { useUnitEnterpriseId: unit.id } })).toBe(0);
      expect(await db.binding.count({ where: { useUnitEnterpriseId: unit.id } })).toBe(0);
    }
  });

  it('1. 上海申联数据 imports a workbook with good and bad rows and downloads the failure report', async () => {
    dcu = await pageFor('sl.clerk');
    await dcu.goto(`${server.url}/access/invitations`);
    await dcu.getByTestId('invitation-table').waitFor();
    await dcu.getByTestId('import-invitations-button').click();
    await dcu.waitForURL(/\/access\/invitations\/import$/);
    await dcu.getByTestId('download-template').waitFor();
    await screenshot(dcu, 'use-units-1-import-page');

    // the template is a real workbook with the Chinese headers and no data rows
    const [templateDownload] = await Promise.all([
      dcu.waitForEvent('download'),
      dcu.getByTestId('download-template').click(),
    ]);
    expect(templateDownload.suggestedFilename()).toMatch(/\.xlsx$/);
    const template = await downloadBytes(templateDownload);
    expect(template.subarray(0, 2).toString()).toBe('PK');
    const templateRows = await readSheet(template, '邀请信息');
    expect(templateRows).toEqual([HEADERS]);

    // fill it in: two good rows and four bad ones
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(template as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('邀请信息');
    if (!sheet) throw new Error('template without 邀请信息');
    const rows = [
      GOOD_ROWS[0],
      BAD_ROWS[0]?.cells,
      BAD_ROWS[1]?.cells,
      GOOD_ROWS[1],
      BAD_ROWS[2]?.cells,
      BAD_ROWS[3]?.cells,
    ];
    rows.forEach((cells, index) => {
      const row = sheet.getRow(index + 2);
      cells?.forEach((value, column) => {
        row.getCell(column + 1).value = value;
      });
      row.commit();
    });
    const upload = Buffer.from(await workbook.xlsx.writeBuffer());

    await dcu.getByTestId('import-file').locator('input[type=file]').setInputFiles({
      name: '申联邀请.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: upload,
    });
    expect(await dcu.getByTestId('chosen-file').textContent()).toBe('申联邀请.xlsx');
    await dcu
      .getByTestId('import-proof')
      .locator('input[type=file]')
      .setInputFiles({ name: '股权关系证明.pdf', mimeType: 'application/pdf', buffer: PDF });
    await dcu.locator('[data-testid^="import-proof-file-"]').first().waitFor();
    await screenshot(dcu, 'use-units-2-import-ready');
    await dcu.getByTestId('import-submit').click();

    // the progress bar finishes, the record shows the totals
    const progress = dcu.getByTestId('import-progress');
    await progress.waitFor();
    await expect.poll(() => progress.getAttribute('data-done'), { timeout: 30_000 }).toBe('true');
    await expect
      .poll(() => dcu.getByTestId('import-progress-counts').textContent(), { timeout: 10_000 })
      .toMatch(/^6 \/ 6 · .*2 · .*4$/);
    const record = dcu.locator('tr[data-testid^="import-record-"]');
    await expect.poll(() => record.count(), { timeout: 10_000 }).toBe(1);
    const recordId = ((await record.getAttribute('data-testid')) ?? '').replace('import-record-', '');
    const report = dcu.getByTestId(`failure-report-${recordId}`);
    await report.waitFor({ timeout: 10_000 });
    const cells = await record.locator('td').allTextContents();
    expect(cells).toContain('申联邀请.xlsx');
    expect(cells.slice(2, 6)).toEqual(['6', '2', '4', '已完成']);
    await noHorizontalScroll(dcu, DESKTOP.viewport?.width ?? 1366);
    await screenshot(dcu, 'use-units-3-import-done');

    // the failure report: the same columns plus 失败原因, exactly the bad rows
    const [reportDownload] = await Promise.all([dcu.waitForEvent('download'), report.click()]);
    expect(reportDownload.suggestedFilename()).toMatch(/^失败记录-.*\.xlsx$/);
    const failures = await readSheet(await downloadBytes(reportDownload), '邀请信息');
    expect(failures[0]).toEqual([...HEADERS, '失败原因']);
    const body = failures.slice(1);
    expect(body).toHaveLength(BAD_ROWS.length);
    for (const [index, bad] of BAD_ROWS.entries()) {
      const line = body[index] ?? [];
      expect(line.slice(0, 4)).toEqual(bad.cells.slice(0, 4));
      expect(line[5]).toMatch(bad.reason);
    }

    // the good rows are invitations waiting for the use units' response
    const list = await server.gql(
      '{ sentInvitations(first: 50, status: PENDING_RESPONSE) { edges { node { useUnitUscc channel capabilityCodes } } } }',
      {},
      await server.signIn('sl.clerk'),
    );
    const pending = list.data?.sentInvitations.edges.map(
      (e: { node: { useUnitUscc: string; channel: string; capabilityCodes: string[] } }) => e.node,
    );
    expect(pending).toEqual(
      expect.arrayContaining([
        { useUnitUscc: YFSH.uscc, channel: 'EXCEL', capabilityCodes: ['202007'] },
        { useUnitUscc: YFHZ.uscc, channel: 'EXCEL', capabilityCodes: ['202007', '203059'] },
      ]),
    );
    expect(pending.map((n: { useUnitUscc: string }) => n.useUnitUscc)).not.toContain(YFZX.uscc);
    yfshInvitationId = await invitationIdOf(YFSH.uscc);
  });

  it('2. 上海云帆贸易 responds on a phone-sized screen', async () => {
    phone = await pageFor('yfsh.clerk', true);
    await phone.goto(`${server.url}/m/confirm`);
    await phone.getByTestId('mobile-confirm').waitFor();
    const card = phone.getByTestId(`mobile-card-${yfshInvitationId}`);
    await card.waitFor();
    expect(await card.getAttribute('data-dcu')).toBe('913100005432319483');
    expect(await card.textContent()).toContain('上海申联数据服务有限公司');
    await noHorizontalScroll(phone);
    await screenshot(phone, 'use-units-4-phone-pending');

    await phone.getByTestId(`mobile-respond-${yfshInvitationId}`).tap();
    const form = phone.getByTestId('respond-form');
    await form.waitFor();
    // its own 主管税务机关 (浦东) is proposed; the relationship is the one the DCU declared
    await expect
      .poll(() => phone.getByTestId('respond-authority').textContent(), { timeout: 10_000 })
      .toContain(PUDONG);
    expect(await phone.getByTestId('respond-authority').textContent()).toContain('浦东新区');
    expect(await phone.getByTestId('respond-relationship').textContent()).toContain('母子公司');
    await noHorizontalScroll(phone);
    await screenshot(phone, 'use-units-5-phone-respond-form');

    await phone.getByTestId('respond-submit').tap();
    await phone.getByTestId('respond-result').waitFor();
    expect(await phone.getByTestId('respond-result').textContent()).toContain('待受理');
    await noHorizontalScroll(phone);
    await screenshot(phone, 'use-units-6-phone-responded');

    const responded = await server.gql(
      'query($id: ID!) { invitation(id: $id) { status relationship useUnitAuthority { code } } }',
      { id: yfshInvitationId },
      await server.signIn('yfsh.clerk'),
    );
    expect(responded.data?.invitation).toEqual({
      status: 'PENDING_ACCEPTANCE',
      relationship: 'PARENT_SUBSIDIARY',
      useUnitAuthority: { code: PUDONG },
    });
  });

  it('3. 浦东 accepts and confirms while the DCU list updates live', async () => {
    // 申联's operator keeps 邀请列表 open, filtered to nothing: the row of 上海云帆贸易 changes without a reload
    await dcu.goto(`${server.url}/access/invitations`);
    const dcuRow = dcu.locator(`tr[data-uscc="${YFSH.uscc}"]`);
    await dcuRow.waitFor();
    const dcuStatus = () => dcuRow.locator('[data-status]').getAttribute('data-status');
    expect(await dcuStatus()).toBe('PENDING_ACCEPTANCE');
    let reloads = 0;
    dcu.on('load', () => reloads++);

    const officer1 = await pageFor('pd.officer1');
    await officer1.goto(`${server.url}/workbench/queue/ACCEPTANCE?kind=INVITATION`);
    await officer1.getByTestId('queue-table').waitFor();
    await officer1.getByTestId(`queue-row-${YFSH.uscc}`).waitFor();
    await screenshot(officer1, 'use-units-7-workbench-acceptance-queue');
    await officer1.getByTestId(`queue-row-${YFSH.uscc}`).click();
    await officer1.getByTestId('case-detail').waitFor();
    expect(await officer1.getByTestId('case-enterprise-name').textContent()).toBe(YFSH.name);
    await officer1.getByTestId('action-accept').click();
    await officer1.getByTestId('decision-result').waitFor();
    await expect
      .poll(() => officer1.getByTestId('case-status').getAttribute('data-status'), { timeout: 10_000 })
      .toBe('PENDING_CONFIRMATION');
    await screenshot(officer1, 'use-units-8-workbench-accepted');
    await expect.poll(dcuStatus, { timeout: 15_000 }).toBe('PENDING_CONFIRMATION');

    // four eyes: the officer who accepted cannot confirm
    const officer2 = await pageFor('pd.officer2');
    await officer2.goto(`${server.url}/workbench/queue/CONFIRMATION?kind=INVITATION`);
    await officer2.getByTestId(`queue-row-${YFSH.uscc}`).click();
    await officer2.getByTestId('case-detail').waitFor();
    await officer2.getByTestId('action-confirm').click();
    await officer2.getByTestId('decision-result').waitFor();
    await expect
      .poll(() => officer2.getByTestId('case-status').getAttribute('data-status'), { timeout: 10_000 })
      .toBe('CONFIRMED');
    await screenshot(officer2, 'use-units-9-workbench-confirmed');

    await expect.poll(dcuStatus, { timeout: 15_000 }).toBe('CONFIRMED');
    expect(await dcuRow.textContent()).toContain('确认通过');
    expect(reloads).toBe(0);
    await screenshot(dcu, 'use-units-10-dcu-list-live');
  });

  it('4. both sides see the binding and its authorisations', async () => {
    await dcu.getByTestId(`detail-${yfshInvitationId}`).click();
    const detail = dcu.getByTestId('invitation-detail');
    await detail.waitFor();
    await expect.poll(() => detail.getByTestId('binding-status').textContent()).toBe('已绑定');
    const authorisations = await detail.getByTestId('authorisations').locator('tr.ant-table-row').allTextContents();
    expect(authorisations).toHaveLength(1);
    expect(authorisations[0]).toContain('202007');
    expect(authorisations[0]).toContain('已授权');
    await noHorizontalScroll(dcu, DESKTOP.viewport?.width ?? 1366);
    await screenshot(dcu, 'use-units-11-dcu-binding-detail');
    await dcu.keyboard.press('Escape');
    await detail.waitFor({ state: 'detached' });

    const useUnit = await pageFor('yfsh.clerk');
    await useUnit.goto(`${server.url}/access/responses`);
    await useUnit.getByTestId(`response-open-${yfshInvitationId}`).click();
    await useUnit.getByTestId('response-detail').waitFor();
    await expect.poll(() => useUnit.getByTestId('binding-status').textContent(), { timeout: 10_000 }).toBe('已绑定');
    expect(await useUnit.getByTestId('detail-direct-unit').textContent()).toBe('上海申联数据服务有限公司');
    expect(await useUnit.getByTestId('authorisations').textContent()).toContain('202007');
    await useUnit.getByTestId('bound-actions').waitFor();
    await screenshot(useUnit, 'use-units-12-use-unit-binding');

    await phone.getByTestId('mobile-tab-handled').tap();
    await phone.getByTestId(`mobile-card-${yfshInvitationId}`).waitFor();
    expect(await phone.getByTestId(`mobile-card-${yfshInvitationId}`).textContent()).toContain('确认通过');
    await noHorizontalScroll(phone);
    await screenshot(phone, 'use-units-13-phone-handled');
  });

  it('5. 申联 unbinds the new binding and a seeded one in one batch; authorisations are revoked', async () => {
    const slwlInvitationId = await invitationIdOf(SLWL.uscc);
    await dcu.getByTestId(`select-${yfshInvitationId}`).check();
    await dcu.getByTestId(`select-${slwlInvitationId}`).check();
    expect(await dcu.getByTestId('batch-unbind').textContent()).toContain('2');
    await dcu.getByTestId('batch-unbind').click();
    await dcu.getByTestId('unbind-confirm').waitFor();
    // the dialog has finished its opening animation before the picture is taken
    await dcu.waitForFunction(() => {
      const dialog = document.querySelector('.ant-modal');
      return !!dialog && !dialog.className.includes('-enter') && getComputedStyle(dialog).opacity === '1';
    });
    await screenshot(dcu, 'use-units-14-unbind-confirm');
    await dcu.getByTestId('unbind-confirm').click();
    await dcu.getByTestId('unbind-results').waitFor();
    for (const uscc of [YFSH.uscc, SLWL.uscc]) {
      expect(await dcu.getByTestId(`unbind-result-${uscc}`).textContent()).toContain('已解除');
    }
    for (const uscc of [YFSH.uscc, SLWL.uscc]) {
      await expect
        .poll(() => dcu.locator(`tr[data-uscc="${uscc}"]`).first().textContent(), { timeout: 10_000 })
        .toContain('已解除');
    }
    await noHorizontalScroll(dcu, DESKTOP.viewport?.width ?? 1366);
    await screenshot(dcu, 'use-units-15-unbound');

    const bindings = await server.gql(
      '{ bindings(first: 50) { edges { node { status unboundAt useUnit { uscc } authorisations { capabilityCode status } } } } }',
      {},
      await server.signIn('sl.clerk'),
    );
    const byUscc = new Map(
      bindings.data?.bindings.edges.map(
        (e: {
          node: { status: string; unboundAt: string | null; useUnit: { uscc: string }; authorisations: object[] };
        }) => [e.node.useUnit.uscc + e.node.status, e.node],
      ),
    );
    for (const uscc of [YFSH.uscc, SLWL.uscc]) {
      expect(byUscc.get(`${uscc}ACTIVE`)).toBeUndefined();
      expect(byUscc.get(`${uscc}UNBOUND`)).toMatchObject({
        status: 'UNBOUND',
        unboundAt: expect.any(String),
        authorisations: [{ capabilityCode: '202007', status: 'REVOKED' }],
      });
    }
    // the other seeded binding is untouched
    expect(byUscc.get('91440100792174218DACTIVE')).toMatchObject({
      authorisations: [{ capabilityCode: '202007', status: 'ACTIVE' }],
    });

    // the use unit sees it too
    const seen = await server.gql(
      'query($id: ID!) { invitation(id: $id) { status binding { status } } }',
      { id: yfshInvitationId },
      await server.signIn('yfsh.clerk'),
    );
    expect(seen.data?.invitation).toEqual({ status: 'UNBOUND', binding: { status: 'UNBOUND' } });
  });
});
