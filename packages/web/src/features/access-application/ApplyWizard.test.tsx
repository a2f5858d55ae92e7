import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { graphql, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { accessApplication, check, eligibilityReport, enterpriseViewer } from '../../test/fixtures.ts';
import { myApplicationsHandler, success } from '../../test/handlers.ts';
import { renderApp } from '../../test/render.tsx';
import { chooseOption } from '../../test/select.ts';
import { server } from '../../test/server.ts';

const viewer = enterpriseViewer();

type ReportAnswer = ReturnType<typeof eligibilityReport> & {
  ruleApplied?: { provinceCode: string; effectiveFrom: string };
};

function eligibility(report: ReportAnswer, seen: unknown[] = []) {
  return graphql.query('EligibilityCheck', ({ variables }) => {
    seen.push(variables);
    return HttpResponse.json({ data: { eligibilityCheck: report } });
  });
}

async function confirmUnitInfo(user: ReturnType<typeof userEvent.setup>, livelihood = false) {
  await screen.findByTestId('unit-facts');
  if (livelihood) await user.click(screen.getByTestId('wizard-livelihood-yes'));
  await user.click(screen.getByTestId('wizard-confirm-unit-info'));
  await user.click(screen.getByTestId('wizard-next'));
}

describe('我要申请 wizard', () => {
  it('requires 我已确认单位信息 before verifying', async () => {
    const seen: unknown[] = [];
    server.use(myApplicationsHandler([]), eligibility(eligibilityReport([check()]), seen));
    renderApp('/access/application/apply', { viewer });
    const user = userEvent.setup();
    await screen.findByTestId('unit-facts');
    expect(screen.getByTestId('unit-facts').textContent).toContain('广州市天河区税务局');
    await user.click(screen.getByTestId('wizard-next'));
    expect(await screen.findByText('请勾选我已确认单位信息')).toBeTruthy();
    expect(seen).toHaveLength(0);
  });

  it('shows every failed check when verification fails and stops there', async () => {
    const seen: unknown[] = [];
    const report = eligibilityReport([
      check({ code: 'IN_PILOT', passed: false, actual: '否', required: '是', message: '未纳入数电票开票试点' }),
      check({ code: 'CREDIT_RATING', label: '纳税信用等级', passed: true, actual: 'B', required: 'A、B' }),
      check({
        code: 'COMBINED_REVENUE',
        label: '上一年度营业收入合计',
        passed: false,
        actual: '120万元',
        required: '≥ 5000万元',
        message: '营业收入合计未达到本省要求',
      }),
    ]);
    server.use(
      myApplicationsHandler([]),
      eligibility({ ...report, ruleApplied: { provinceCode: '14400000000', effectiveFrom: '2024-01-01' } }, seen),
    );
    renderApp('/access/application/apply', { viewer });
    const user = userEvent.setup();
    await confirmUnitInfo(user, true);

    expect(await screen.findByTestId('verification-failed')).toBeTruthy();
    // the rule's date as people write it, not 2024-01-01
    expect(screen.getByTestId('rule-applied').textContent).toBe('核验依据：本省自 2024年1月1日起执行的接入标准');
    const failed = screen.getByTestId('failed-checks');
    expect(within(failed).getByText('未纳入数电票开票试点')).toBeTruthy();
    expect(within(failed).getByText('营业收入合计未达到本省要求')).toBeTruthy();
    expect(failed.textContent).toContain('120万元');
    expect(failed.textContent).toContain('≥ 5000万元');
    expect(within(failed).queryByTestId('check-CREDIT')).toBeNull();
    expect(screen.queryByTestId('wizard-submit')).toBeNull();
    expect(seen).toEqual([{ input: { claimsLivelihood: true, useUnits: [] } }]);

    await user.click(screen.getByTestId('wizard-back'));
    expect(await screen.findByTestId('unit-facts')).toBeTruthy();
  });

  it('verifies a draft with its listed use units (name and relationship) and shows which did not count', async () => {
    const seen: unknown[] = [];
    // a draft saved (through the API) before any verification passed starts at 确认单位信息
    const draft = accessApplication({ id: 'app-5', version: 2, unitInfoConfirmed: false });
    const report = {
      ...eligibilityReport([
        check({ code: 'COMBINED_REVENUE', label: '上一年度营业收入合计', passed: false, message: '合计未达到要求' }),
      ]),
      useUnits: [
        {
          uscc: '91440100993518190W',
          name: '广州云帆物流有限公司',
          counted: false,
          message: '无法计入合并指标（信息不符或不满足条件）',
        },
      ],
    };
    server.use(myApplicationsHandler([draft]), eligibility(report, seen));
    renderApp('/access/application/apply', { viewer });
    const user = userEvent.setup();
    await confirmUnitInfo(user);
    expect(await screen.findByTestId('verification-failed')).toBeTruthy();
    expect(seen).toEqual([
      {
        input: {
          claimsLivelihood: false,
          useUnits: [{ uscc: '91440100993518190W', name: '广州云帆物流有限公司', relationship: 'PARENT_SUBSIDIARY' }],
        },
      },
    ]);
    const outcome = screen.getByTestId('use-unit-outcome-91440100993518190W');
    expect(outcome.textContent).toContain('广州云帆物流有限公司');
    expect(outcome.textContent).toContain('无法计入合并指标（信息不符或不满足条件）');
  });

  it('a first application names its intended use units before verification, which counts them', async () => {
    const seen: unknown[] = [];
    const saves: unknown[] = [];
    server.use(
      myApplicationsHandler([]),
      eligibility(eligibilityReport([check()]), seen),
      graphql.mutation('SaveAccessApplicationDraft', ({ variables }) => {
        saves.push(variables);
        return HttpResponse.json({ data: { saveAccessApplicationDraft: success(accessApplication()) } });
      }),
    );
    renderApp('/access/application/apply', { viewer });
    const user = userEvent.setup();
    await screen.findByTestId('unit-facts');
    const intended = screen.getByTestId('intended-use-units');
    expect(intended.textContent).toContain('直连单位及其使用单位合计');
    await user.click(within(intended).getByTestId('wizard-add-use-unit'));
    await user.type(screen.getByTestId('use-unit-uscc-0'), '91440100993518190w');
    await user.type(screen.getByTestId('use-unit-name-0'), ' 广州云帆物流有限公司 ');
    await chooseOption('use-unit-relationship-0', '母子公司关系');
    await user.click(screen.getByTestId('wizard-confirm-unit-info'));
    await user.click(screen.getByTestId('wizard-next'));
    expect(await screen.findByTestId('verification-passed')).toBeTruthy();
    const unit = { uscc: '91440100993518190W', name: '广州云帆物流有限公司', relationship: 'PARENT_SUBSIDIARY' };
    expect(seen).toEqual([{ input: { claimsLivelihood: false, useUnits: [unit] } }]);
    // the new draft keeps them for the form
    expect(saves).toEqual([{ input: { claimsLivelihood: false, unitInfoConfirmed: true, useUnits: [unit] } }]);
  });

  it('passing verification creates the draft and reaches the form', async () => {
    const saves: unknown[] = [];
    server.use(
      myApplicationsHandler([]),
      eligibility(eligibilityReport([check()])),
      graphql.mutation('SaveAccessApplicationDraft', ({ variables }) => {
        saves.push(variables);
        return HttpResponse.json({ data: { saveAccessApplicationDraft: success(accessApplication()) } });
      }),
    );
    renderApp('/access/application/apply', { viewer });
    const user = userEvent.setup();
    await confirmUnitInfo(user);
    expect(await screen.findByTestId('verification-passed')).toBeTruthy();
    expect(saves).toEqual([{ input: { claimsLivelihood: false, unitInfoConfirmed: true } }]);
    // prefilled from the server's draft
    expect(screen.getByTestId('field-basicInfo.contactName')).toHaveProperty('value', '张三');
    expect(screen.getByTestId('use-unit-uscc-0')).toHaveProperty('value', '91440100993518190W');
    for (const kind of ['ACCESS_INFO_FORM', 'PROJECT_REPORT', 'NETWORK_ADDRESS_FORM', 'OTHER']) {
      expect(screen.getByTestId(`upload-${kind}`)).toBeTruthy();
    }
    expect(screen.queryByTestId('upload-POWER_OF_ATTORNEY')).toBeNull();
    await user.click(screen.getByTestId('field-builtByThirdParty'));
    expect(screen.getByTestId('upload-POWER_OF_ATTORNEY')).toBeTruthy();
  });

  it('submit with a ValidationError shows each issue', async () => {
    const draft = accessApplication({ id: 'app-7', version: 4 });
    const calls: { op: string; variables: Record<string, unknown> }[] = [];
    server.use(
      myApplicationsHandler([draft]),
      eligibility(eligibilityReport([check()])),
      graphql.mutation('SaveAccessApplicationDraft', ({ variables }) => {
        calls.push({ op: 'save', variables });
        const version = (variables.input as { expectedVersion: number }).expectedVersion + 1;
        return HttpResponse.json({ data: { saveAccessApplicationDraft: success({ ...draft, version }) } });
      }),
      graphql.mutation('SubmitAccessApplication', ({ variables }) => {
        calls.push({ op: 'submit', variables });
        return HttpResponse.json({
          data: {
            submitAccessApplication: {
              __typename: 'ValidationError',
              code: 'VALIDATION_FAILED',
              message: '申请单填写不完整',
              issues: [
                {
                  __typename: 'FieldIssue',
                  field: 'contactPhone',
                  code: 'INVALID',
                  message: '联系电话格式不正确',
                },
                {
                  __typename: 'FieldIssue',
                  field: 'useUnits.0.uscc',
                  code: 'INVALID_USCC',
                  message: '统一社会信用代码校验位错误',
                },
                {
                  __typename: 'FieldIssue',
                  field: 'materials.PROJECT_REPORT',
                  code: 'MATERIALS_MISSING',
                  message: '缺少材料',
                },
              ],
            },
          },
        });
      }),
    );
    renderApp('/access/application/apply', { viewer });
    const user = userEvent.setup();
    await screen.findByTestId('draft-resumed');
    const phone = screen.getByTestId('field-basicInfo.contactPhone');
    await user.clear(phone);
    await user.type(phone, '12345');
    await user.click(screen.getByTestId('wizard-submit'));

    const problem = await screen.findByTestId('submit-problem');
    expect(problem.textContent).toContain('申请单填写不完整');
    expect(within(problem).getByTestId('issue-contactPhone').textContent).toBe('联系电话：联系电话格式不正确');
    expect(within(problem).getByTestId('issue-useUnits.0.uscc').textContent).toContain('统一社会信用代码校验位错误');
    expect(within(problem).getByTestId('issue-materials.PROJECT_REPORT').textContent).toContain('《项目报告》');
    // shown next to the field and the material slot too
    // (the list items read "label：message", so an exact match is the error under the field itself)
    expect(screen.getByText('联系电话格式不正确')).toBeTruthy();
    expect(screen.getByText('统一社会信用代码校验位错误')).toBeTruthy();
    expect(within(screen.getByTestId('material-slot-PROJECT_REPORT')).getByText('缺少材料')).toBeTruthy();
    expect(screen.queryByTestId('submit-success')).toBeNull();

    // the save before submit carries the edit (an autosave may come first, on a slow machine); submit uses the
    // version that save produced
    const at = calls.findIndex((call) => call.op === 'submit');
    const saves = calls.slice(0, at);
    expect(
      saves.map((call) => [call.op, (call.variables.input as { expectedVersion: number }).expectedVersion]),
    ).toEqual(saves.map((_, index) => ['save', 4 + index]));
    const saved = saves.at(-1);
    const submit = calls[at];
    expect(saved?.variables.input).toMatchObject({
      id: 'app-7',
      expectedVersion: 3 + saves.length,
      basicInfo: { contactPhone: '12345', contactName: '张三' },
      useUnits: [{ uscc: '91440100993518190W', name: '广州云帆物流有限公司', relationship: 'PARENT_SUBSIDIARY' }],
    });
    expect(JSON.stringify(saved?.variables)).not.toContain('__typename');
    expect(submit).toEqual({ op: 'submit', variables: { input: { id: 'app-7', expectedVersion: 4 + saves.length } } });
  });

  it('a successful submit reminds to bring the paper materials', async () => {
    const draft = accessApplication({ id: 'app-8', version: 1 });
    server.use(
      myApplicationsHandler([draft]),
      eligibility(eligibilityReport([check()])),
      graphql.mutation('SaveAccessApplicationDraft', () =>
        HttpResponse.json({ data: { saveAccessApplicationDraft: success({ ...draft, version: 2 }) } }),
      ),
      graphql.mutation('SubmitAccessApplication', () =>
        HttpResponse.json({
          data: { submitAccessApplication: success({ ...draft, version: 3, status: 'PENDING_ACCEPTANCE' }) },
        }),
      ),
    );
    renderApp('/access/application/apply', { viewer });
    const user = userEvent.setup();
    await user.click(await screen.findByTestId('wizard-submit'));
    expect(await screen.findByTestId('submit-success')).toBeTruthy();
    expect(screen.getByTestId('paper-reminder').textContent).toBe(
      '乐企接入申请提交成功后，纳税人需到主管税务机关提交接入所需的相关纸质材料。',
    );
  });

  it('shows NotEligibleError checks returned by submit', async () => {
    const draft = accessApplication({ id: 'app-9', version: 1 });
    server.use(
      myApplicationsHandler([draft]),
      eligibility(eligibilityReport([check()])),
      graphql.mutation('SaveAccessApplicationDraft', () =>
        HttpResponse.json({ data: { saveAccessApplicationDraft: success({ ...draft, version: 2 }) } }),
      ),
      graphql.mutation('SubmitAccessApplication', () =>
        HttpResponse.json({
          data: {
            submitAccessApplication: {
              __typename: 'NotEligibleError',
              code: 'NOT_ELIGIBLE',
              message: '不符合接入条件',
              report: eligibilityReport([
                check({
                  code: 'COMBINED_INVOICES',
                  label: '开受票量',
                  passed: false,
                  actual: '10',
                  required: '≥ 1000',
                  message: '开受票量不足',
                }),
              ]),
            },
          },
        }),
      ),
    );
    renderApp('/access/application/apply', { viewer });
    const user = userEvent.setup();
    await user.click(await screen.findByTestId('wizard-submit'));
    const problem = await screen.findByTestId('submit-problem');
    expect(problem.textContent).toContain('不符合接入条件');
    expect(within(problem).getByText('开受票量不足')).toBeTruthy();
  });
});

/** uploadMaterial answering with mat-1, mat-2 … of the uploaded kind; `uploads` records kind and file name. */
function uploadHandler(uploads: { kind: unknown; name: unknown }[]) {
  return graphql.mutation('UploadMaterial', ({ variables }) => {
    const input = variables.input as { file: File; kind: string };
    uploads.push({ kind: input.kind, name: input.file?.name });
    return HttpResponse.json({
      data: {
        uploadMaterial: {
          __typename: 'UploadMaterialSuccess',
          material: {
            __typename: 'Material',
            id: `mat-${uploads.length}`,
            kind: input.kind,
            fileName: input.file?.name ?? '?',
            mimeType: 'application/pdf',
            size: 4,
            createdAt: new Date().toISOString(),
            downloadUrl: `/files/mat-${uploads.length}`,
          },
        },
      },
    });
  });
}

/** saveAccessApplicationDraft answering the draft one version on; `saves` records each input. */
function saveHandler(draft: ReturnType<typeof accessApplication>, saves: Record<string, unknown>[]) {
  return graphql.mutation('SaveAccessApplicationDraft', ({ variables }) => {
    const input = variables.input as Record<string, unknown> & { expectedVersion: number };
    saves.push(input);
    return HttpResponse.json({
      data: { saveAccessApplicationDraft: success({ ...draft, version: input.expectedVersion + 1 }) },
    });
  });
}

const pdf = (name: string) => new File(['%PDF'], name, { type: 'application/pdf' });
// rc-upload re-creates its <input type=file> after each upload: look it up every time
const fileInputOf = (slot: HTMLElement) => slot.querySelector('input[type="file"]') as HTMLInputElement;

describe('上传材料', () => {
  it('a refused file type says which types are accepted, not only that the input was wrong', async () => {
    const draft = accessApplication({ id: 'app-3', version: 1, materials: [] });
    server.use(
      myApplicationsHandler([draft]),
      graphql.mutation('UploadMaterial', () =>
        HttpResponse.json({
          data: {
            uploadMaterial: {
              __typename: 'ValidationError',
              code: 'VALIDATION_FAILED',
              message: '填写内容有误，请检查后重新提交',
              issues: [
                {
                  __typename: 'FieldIssue',
                  field: 'file',
                  code: 'UNSUPPORTED_FILE_TYPE',
                  message: '仅支持 PDF、JPG/PNG、DOC/DOCX、XLS/XLSX 文件（按文件内容识别）',
                },
              ],
            },
          },
        }),
      ),
    );
    renderApp('/access/application/apply', { viewer });
    const slot = await screen.findByTestId('material-slot-PROJECT_REPORT');
    await userEvent.setup().upload(fileInputOf(slot), pdf('项目报告.pdf'));
    const alert = await within(slot).findByRole('alert');
    expect(alert.textContent).toBe('仅支持 PDF、JPG/PNG、DOC/DOCX、XLS/XLSX 文件（按文件内容识别）');
  });

  it('offers each form beside its slot for download (下载模板); slots without a form offer none', async () => {
    const draft = accessApplication({ id: 'app-5', version: 1, materials: [] });
    server.use(myApplicationsHandler([draft]));
    renderApp('/access/application/apply', { viewer });
    const report = await screen.findByTestId('material-template-PROJECT_REPORT');
    expect(report.getAttribute('href')).toBe('/templates/materials/PROJECT_REPORT.xlsx');
    expect(report.textContent).toContain('下载模板');
    expect(
      within(screen.getByTestId('material-slot-ACCESS_INFO_FORM')).getByTestId('material-template-ACCESS_INFO_FORM'),
    ).toBeTruthy();
    expect(within(screen.getByTestId('material-slot-SOFTWARE_COPYRIGHT')).queryByText('下载模板')).toBeNull();
  });

  it('attaches each uploaded file to the draft as soon as its upload finishes; a new upload replaces it', async () => {
    const uploads: { kind: unknown; name: unknown }[] = [];
    const saves: Record<string, unknown>[] = [];
    const draft = accessApplication({ id: 'app-3', version: 1, materials: [] });
    server.use(myApplicationsHandler([draft]), saveHandler(draft, saves), uploadHandler(uploads));
    renderApp('/access/application/apply', { viewer });
    const user = userEvent.setup();
    const slot = await screen.findByTestId('material-slot-PROJECT_REPORT');
    await user.upload(fileInputOf(slot), pdf('项目报告.pdf'));
    expect((await within(slot).findByTestId('material-file-PROJECT_REPORT')).textContent).toContain('项目报告.pdf');
    expect(within(slot).getByTestId('upload-PROJECT_REPORT').textContent).toContain('重新上传');
    // no 保存草稿 clicked: the draft already holds the file
    await waitFor(() => expect(saves).toHaveLength(1));
    expect(saves[0]).toMatchObject({ id: 'app-3', expectedVersion: 1, materialIds: ['mat-1'] });

    const info = screen.getByTestId('material-slot-ACCESS_INFO_FORM');
    await user.upload(fileInputOf(info), pdf('接入信息表.pdf'));
    await user.upload(fileInputOf(slot), pdf('项目报告v2.pdf'));
    await waitFor(() =>
      expect(within(slot).getByTestId('material-file-PROJECT_REPORT').textContent).toContain('项目报告v2.pdf'),
    );
    await waitFor(() => expect(saves).toHaveLength(3));
    // one save after the other, each on the version the previous one produced
    expect(saves.map((save) => save.expectedVersion)).toEqual([1, 2, 3]);
    expect(saves[2]?.materialIds).toEqual(['mat-3', 'mat-2']);
    expect(uploads.map((u) => u.name)).toEqual(['项目报告.pdf', '接入信息表.pdf', '项目报告v2.pdf']);
    expect(screen.queryByTestId('submit-problem')).toBeNull();
  });

  it('clears a slot’s error once it has a file, and the summary keeps only what still stands', async () => {
    const draft = accessApplication({ id: 'app-4', version: 1, materials: [] });
    const required = (field: string) => ({
      __typename: 'FieldIssue',
      field,
      code: 'REQUIRED',
      message: '此项为必填项',
    });
    server.use(
      myApplicationsHandler([draft]),
      saveHandler(draft, []),
      uploadHandler([]),
      graphql.mutation('SubmitAccessApplication', () =>
        HttpResponse.json({
          data: {
            submitAccessApplication: {
              __typename: 'ValidationError',
              code: 'MATERIALS_MISSING',
              message: '缺少必传材料',
              issues: [
                required('materials.ACCESS_INFO_FORM'),
                required('materials.PROJECT_REPORT'),
                required('contactPhone'),
              ],
            },
          },
        }),
      ),
    );
    renderApp('/access/application/apply', { viewer });
    const user = userEvent.setup();
    await user.click(await screen.findByTestId('wizard-submit'));
    const problem = await screen.findByTestId('submit-problem');
    expect(within(problem).getByTestId('issue-materials.PROJECT_REPORT')).toBeTruthy();
    const report = screen.getByTestId('material-slot-PROJECT_REPORT');
    expect(within(report).getByText('此项为必填项')).toBeTruthy();

    await user.upload(fileInputOf(report), pdf('项目报告.pdf'));
    await within(report).findByTestId('material-file-PROJECT_REPORT');
    expect(within(report).queryByText('此项为必填项')).toBeNull();
    const summary = screen.getByTestId('submit-problem');
    expect(within(summary).queryByTestId('issue-materials.PROJECT_REPORT')).toBeNull();
    expect(within(summary).getByTestId('issue-materials.ACCESS_INFO_FORM')).toBeTruthy();
    expect(within(screen.getByTestId('material-slot-ACCESS_INFO_FORM')).getByText('此项为必填项')).toBeTruthy();

    const phoneItem = () => screen.getByTestId('field-basicInfo.contactPhone').closest('.ant-form-item');
    expect(phoneItem()?.className).toContain('ant-form-item-has-error');
    await user.type(screen.getByTestId('field-basicInfo.contactPhone'), '0');
    expect(phoneItem()?.className).not.toContain('ant-form-item-has-error');
    expect(within(screen.getByTestId('submit-problem')).queryByTestId('issue-contactPhone')).toBeNull();
    const info = screen.getByTestId('material-slot-ACCESS_INFO_FORM');
    await user.upload(fileInputOf(info), pdf('接入信息表.pdf'));
    await within(info).findByTestId('material-file-ACCESS_INFO_FORM');
    // nothing left standing: no red summary, no slot error
    expect(screen.queryByTestId('submit-problem')).toBeNull();
    for (const slot of screen.getAllByTestId(/^material-slot-/))
      expect(within(slot).queryByText('此项为必填项')).toBeNull();
  });
});

describe('草稿', () => {
  it('re-entering a verified draft opens the form at once, without ticking or verifying again', async () => {
    const checks: unknown[] = [];
    server.use(
      myApplicationsHandler([accessApplication({ id: 'app-6', version: 3 })]),
      eligibility(eligibilityReport([check()]), checks),
    );
    renderApp('/access/application/apply', { viewer });
    expect((await screen.findByTestId('draft-resumed')).textContent).toContain('提交时系统将再次核验');
    expect(screen.getByTestId('field-basicInfo.contactName')).toHaveProperty('value', '张三');
    expect(screen.queryByTestId('wizard-confirm-unit-info')).toBeNull();
    expect(checks).toHaveLength(0);
    // 上一步 leads back to 确认单位信息, ticked already
    await userEvent.setup().click(screen.getByTestId('wizard-previous'));
    expect(await screen.findByTestId('unit-facts')).toBeTruthy();
    expect(screen.getByRole('checkbox', { name: '我已确认单位信息' })).toHaveProperty('checked', true);
  });

  it('saves edits as the user goes, and asks before the tab is closed while an edit is unsaved', async () => {
    const saves: Record<string, unknown>[] = [];
    const draft = accessApplication({ id: 'app-10', version: 1 });
    server.use(myApplicationsHandler([draft]), saveHandler(draft, saves));
    renderApp('/access/application/apply', { viewer });
    const name = await screen.findByTestId('field-systemInfo.systemName');
    // one edit (a paste): typed key by key, a pause of the autosave delay between two keys on a loaded machine saved
    // the half-typed name first
    fireEvent.change(name, { target: { value: '云帆开票' } });
    expect(screen.getByTestId('autosave-state').textContent).toBe('有修改尚未保存，稍后自动保存');
    const leaving = new Event('beforeunload', { cancelable: true });
    window.dispatchEvent(leaving);
    expect(leaving.defaultPrevented).toBe(true);

    await waitFor(() => expect(saves).toHaveLength(1), { timeout: 5000 });
    expect(saves[0]).toMatchObject({ id: 'app-10', expectedVersion: 1, systemInfo: { systemName: '云帆开票' } });
    await waitFor(() => expect(screen.getByTestId('autosave-state').textContent).toBe('所有修改均已保存到草稿'));
    const later = new Event('beforeunload', { cancelable: true });
    window.dispatchEvent(later);
    expect(later.defaultPrevented).toBe(false);
  });

  it('leaving the form with an unsaved edit saves it', async () => {
    const saves: Record<string, unknown>[] = [];
    const draft = accessApplication({ id: 'app-11', version: 1 });
    server.use(myApplicationsHandler([draft]), saveHandler(draft, saves));
    renderApp('/access/application/apply', { viewer });
    const user = userEvent.setup();
    await user.type(await screen.findByTestId('field-basicInfo.contactEmail'), 'x');
    await user.click(screen.getByTestId('wizard-previous'));
    await screen.findByTestId('unit-facts');
    expect(saves).toHaveLength(1);
    expect(saves[0]?.basicInfo).toMatchObject({ contactEmail: `${draft.basicInfo.contactEmail ?? ''}x` });
  });
});
