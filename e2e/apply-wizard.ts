// 云帆's 办税员 goes through the 接入申请 wizard in the browser; shared by the e2e files that need a submitted case.
import type { Page } from 'playwright-core';
import { requiredAccessMaterials } from '../packages/domain/src/index.ts';

export const YUNFAN = '91440100628194821M';
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');

/**
 * From 企业概览 to 提交成功: unit facts confirmed, verification passed, contact and system filled in, every required
 * material uploaded as a PDF. `stage` is called after each step (screenshots).
 */
export async function submitAccessApplication(
  clerk: Page,
  baseUrl: string,
  stage: (name: 'unit-info' | 'verified' | 'form' | 'submitted') => Promise<void> = async () => undefined,
): Promise<void> {
  // enterprises land on 企业概览; the application is one menu item away
  await clerk.getByTestId('dashboard').waitFor();
  await clerk.goto(`${baseUrl}/access/application`);
  await clerk.getByTestId('apply-button').click();
  await clerk.getByTestId('unit-facts').waitFor();
  await stage('unit-info');
  await clerk.getByTestId('wizard-livelihood-no').click();
  await clerk.getByTestId('wizard-confirm-unit-info').click();
  await clerk.getByTestId('wizard-next').click();
  await clerk.getByTestId('verification-passed').waitFor();
  await stage('verified');

  await clerk.getByTestId('field-basicInfo.contactName').fill('李会计');
  await clerk.getByTestId('field-basicInfo.contactPhone').fill('020-88886666');
  await clerk.getByTestId('field-basicInfo.contactEmail').fill('li@yunfan.example');
  await clerk.getByTestId('field-systemInfo.systemName').fill('云帆财务中台');
  await clerk.getByTestId('field-systemInfo.developerName').fill('广州云帆科技集团有限公司');
  await clerk.getByTestId('field-systemInfo.networkAddress').fill('10.1.2.3');
  for (const kind of requiredAccessMaterials({ builtByThirdParty: false })) {
    const [chooser] = await Promise.all([
      clerk.waitForEvent('filechooser'),
      clerk.getByTestId(`upload-${kind}`).click(),
    ]);
    await chooser.setFiles({ name: `${kind}.pdf`, mimeType: 'application/pdf', buffer: PDF });
    await clerk.getByTestId(`material-file-${kind}`).waitFor();
  }
  // everything is kept on the draft as the user goes: a reload (or coming back later) finds it at the form, files and all
  await clerk.getByTestId('autosave-state').getByText('所有修改均已保存到草稿').waitFor();
  await clerk.reload();
  await clerk.getByTestId('draft-resumed').waitFor();
  for (const kind of requiredAccessMaterials({ builtByThirdParty: false }))
    await clerk.getByTestId(`material-file-${kind}`).waitFor();
  if ((await clerk.getByTestId('field-systemInfo.networkAddress').inputValue()) !== '10.1.2.3')
    throw new Error('the draft lost an edit across a reload');
  await stage('form');
  await clerk.getByTestId('wizard-submit').click();
  await clerk.getByTestId('submit-success').waitFor();
  await stage('submitted');
}
