// 录入邀请 → 下载失败记录 (manual §3.4.1.1, issue 19: 2): a web-form batch with a refused row offers the failed rows as
// the Excel import's failure report; corrected, that file goes through 导入邀请 and the invitation is sent.
import { readFileSync } from 'node:fs';
import type { Download } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { chooseOption, ExcelJS, screenshot, useProduct } from './support.ts';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');
const HEADERS = ['使用单位统一社会信用代码', '使用单位名称', '省级税务机关代码', '单位关系', '能力预授权'];
const YFHZ = { uscc: '91330100555979711M', name: '杭州云帆软件有限公司' }; // 西湖, free in the seed

async function downloadBytes(download: Download): Promise<Buffer> {
  const path = await download.path();
  if (!path) throw new Error(`download of ${download.suggestedFilename()} failed: ${await download.failure()}`);
  return readFileSync(path);
}

describe('录入邀请: the failure record of a web-form batch imports again', () => {
  const product = useProduct();

  it('downloads the refused row, corrects it and imports it', async () => {
    const page = await product.pageFor('sl.clerk');
    await page.goto(`${product.server.url}/access/invitations/new`);
    await page.getByTestId('invite-uscc-0').fill(YFHZ.uscc);
    await page.getByTestId('invite-name-0').fill('杭州云帆软件公司'); // not the registered name
    await chooseOption(
      page,
      page.getByTestId('invite-authority-0'),
      page.locator('.ant-select-item-option[title="国家税务总局浙江省税务局"]'),
    );
    await chooseOption(
      page,
      page.getByTestId('invite-relationship-0'),
      page.locator('.ant-select-item-option[title="母子公司关系"]'),
    );
    await page
      .getByTestId('invite-proof')
      .locator('input[type=file]')
      .setInputFiles({ name: '股权关系证明.pdf', mimeType: 'application/pdf', buffer: PDF });
    await page.locator('[data-testid^="invite-proof-file-"]').first().waitFor();
    await page.getByTestId('invite-submit').click();

    const result = page.getByTestId('invite-result');
    await result.getByTestId('failed-count').waitFor();
    expect(await result.getByTestId('invite-failure-1').textContent()).toMatch(/单位名称与登记信息不一致/);
    await screenshot(page, 'invite-form-failures-1-result');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      result.getByTestId('download-failures').click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^失败记录-新增邀请-\d{8}-\d{4}\.xlsx$/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await downloadBytes(download)) as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('邀请信息');
    if (!sheet) throw new Error('failure record without 邀请信息');
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual([...HEADERS, '失败原因']);
    const refused = (sheet.getRow(2).values as unknown[]).slice(1);
    expect(refused.slice(0, 4)).toEqual([
      YFHZ.uscc,
      '杭州云帆软件公司',
      '13300000000 国家税务总局浙江省税务局',
      '02 母子公司关系',
    ]);
    expect(String(refused[5])).toMatch(/单位名称与登记信息不一致/);

    // corrected in place (失败原因 stays) and imported on 导入邀请
    sheet.getRow(2).getCell(2).value = YFHZ.name;
    const corrected = Buffer.from(await workbook.xlsx.writeBuffer());
    await page.goto(`${product.server.url}/access/invitations/import`);
    await page.getByTestId('import-file').locator('input[type=file]').setInputFiles({
      name: download.suggestedFilename(),
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: corrected,
    });
    await page
      .getByTestId('import-proof')
      .locator('input[type=file]')
      .setInputFiles({ name: '股权关系证明.pdf', mimeType: 'application/pdf', buffer: PDF });
    await page.locator('[data-testid^="import-proof-file-"]').first().waitFor();
    await page.getByTestId('import-submit').click();
    const progress = page.getByTestId('import-progress');
    await progress.waitFor();
    await expect.poll(() => progress.getAttribute('data-done'), { timeout: 30_000 }).toBe('true');
    await expect
      .poll(() => page.getByTestId('import-progress-counts').textContent(), { timeout: 10_000 })
      .toMatch(/^1 \/ 1 · .*1 · .*0$/);

    const sent = await product.server.gql(
      'query($s: String) { sentInvitations(search: $s, first: 5) { edges { node { useUnitName channel status } } } }',
      { s: YFHZ.uscc },
      await product.server.signIn('sl.clerk'),
    );
    expect(sent.data?.sentInvitations.edges.map((e: { node: unknown }) => e.node)).toEqual([
      { useUnitName: YFHZ.name, channel: 'EXCEL', status: 'PENDING_RESPONSE' },
    ]);
  });
});
