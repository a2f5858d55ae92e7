import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { graphql, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { accessApplication, check, eligibilityReport, enterpriseViewer } from '../../test/fixtures.ts';
import { myApplicationsHandler, success } from '../../test/handlers.ts';
import { renderApp } from '../../test/render.tsx';
import { server } from '../../test/server.ts';

const viewer = enterpriseViewer();

function eligibility(report: ReturnType<typeof eligibilityReport>, seen: unknown[] = []) {
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
      check({ code: 'CREDIT', label: '纳税信用等级', passed: true, actual: 'B', required: 'A、B' }),
      check({
        code: 'REVENUE',
        label: '上一年度营业收入合计',
        passed: false,
        actual: '120万元',
        required: '≥ 5000万元',
        message: '营业收入合计未达到本省要求',
      }),
    ]);
    server.use(myApplicationsHandler([]), eligibility(report, seen));
    renderApp('/access/application/apply', { viewer });
    const user = userEvent.setup();
    await confirmUnitInfo(user, true);

    expect(await screen.findByTestId('verification-failed')).toBeTruthy();
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
    const draft = accessApplication({ id: 'app-5', version: 2 });
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
    await confirmUnitInfo(user);
    await screen.findByTestId('verification-passed');
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

    // the first save (step 1) keeps the draft's fields; the second carries the edit; submit uses the saved version
    const [first, second, submit] = calls;
    expect(first?.op).toBe('save');
    expect(second?.variables.input).toMatchObject({
      id: 'app-7',
      expectedVersion: 5,
      basicInfo: { contactPhone: '12345', contactName: '张三' },
      useUnits: [{ uscc: '91440100993518190W', name: '广州云帆物流有限公司', relationship: 'PARENT_SUBSIDIARY' }],
    });
    expect(JSON.stringify(second?.variables)).not.toContain('__typename');
    expect(submit).toEqual({ op: 'submit', variables: { input: { id: 'app-7', expectedVersion: 6 } } });
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
    await confirmUnitInfo(user);
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
                  code: 'INVOICES',
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
    await confirmUnitInfo(user);
    await user.click(await screen.findByTestId('wizard-submit'));
    const problem = await screen.findByTestId('submit-problem');
    expect(problem.textContent).toContain('不符合接入条件');
    expect(within(problem).getByText('开受票量不足')).toBeTruthy();
  });
});

describe('上传材料', () => {
  it('uploads a file as GraphQL multipart and shows its name; a new upload replaces it', async () => {
    const uploads: { kind: unknown; name: unknown }[] = [];
    const saves: Record<string, unknown>[] = [];
    server.use(
      myApplicationsHandler([accessApplication({ id: 'app-3', version: 1 })]),
      eligibility(eligibilityReport([check()])),
      graphql.mutation('SaveAccessApplicationDraft', ({ variables }) => {
        saves.push(variables.input as Record<string, unknown>);
        return HttpResponse.json({
          data: { saveAccessApplicationDraft: success(accessApplication({ id: 'app-3', version: saves.length + 1 })) },
        });
      }),
      graphql.mutation('UploadMaterial', ({ variables }) => {
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
      }),
    );
    renderApp('/access/application/apply', { viewer });
    const user = userEvent.setup();
    await confirmUnitInfo(user);
    const slot = await screen.findByTestId('material-slot-PROJECT_REPORT');
    // rc-upload re-creates its <input type=file> after each upload: look it up every time
    const fileInput = () => slot.querySelector('input[type="file"]') as HTMLInputElement;
    await user.upload(fileInput(), new File(['%PDF'], '项目报告.pdf', { type: 'application/pdf' }));
    expect((await within(slot).findByTestId('material-file-PROJECT_REPORT')).textContent).toContain('项目报告.pdf');
    expect(within(slot).getByTestId('upload-PROJECT_REPORT').textContent).toContain('重新上传');

    await user.upload(fileInput(), new File(['%PDF2'], '项目报告v2.pdf', { type: 'application/pdf' }));
    await waitFor(() =>
      expect(within(slot).getByTestId('material-file-PROJECT_REPORT').textContent).toContain('项目报告v2.pdf'),
    );
    expect(uploads).toEqual([
      { kind: 'PROJECT_REPORT', name: '项目报告.pdf' },
      { kind: 'PROJECT_REPORT', name: '项目报告v2.pdf' },
    ]);

    await user.click(screen.getByTestId('wizard-save-draft'));
    await waitFor(() => expect(saves).toHaveLength(2));
    expect(saves[1]?.materialIds).toEqual(['mat-2']);
  });
});
