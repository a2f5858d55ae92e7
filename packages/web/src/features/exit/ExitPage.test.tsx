import type { CaseStatus, DcuStatus } from '@leqi/domain';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { graphql, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import {
  accessApplication,
  enterpriseViewer,
  exitApplication,
  hoursAgo,
  invitationConnection,
  SHENLIAN,
} from '../../test/fixtures.ts';
import {
  exitFormUrlHandler,
  exitPageHandler,
  exitPrecheckHandler,
  invitationHandlers,
  myApplicationsHandler,
} from '../../test/handlers.ts';
import { renderApp } from '../../test/render.tsx';
import { server } from '../../test/server.ts';

const legal = enterpriseViewer({
  accountId: 'user-sl-legal',
  username: 'sl.legal',
  displayName: '申联 法定代表人',
  enterprise: { id: 'ent-sl', uscc: SHENLIAN.uscc, name: SHENLIAN.name },
});

describe('申请退出', () => {
  it('tells a 办税员 that only 法定代表人 or 财务负责人 may exit, with no actions', async () => {
    server.use(exitPageHandler({ canExit: false, identityType: 'TAX_CLERK' }));
    renderApp('/access/exit', { viewer: { ...legal, identityType: 'TAX_CLERK' } });
    const restricted = await screen.findByTestId('exit-identity-restricted');
    expect(restricted.textContent).toContain('只有法定代表人、财务负责人可以申请退出乐企');
    expect(restricted.textContent).toContain('办税员');
    expect(screen.queryByTestId('exit-read-confirm')).toBeNull();
    expect(screen.queryByTestId('exit-notice')).toBeNull();
  });

  it('offers no exit flow when the server does not, even to a legal representative of an ACTIVE DCU', async () => {
    server.use(exitPageHandler({ mayApplyForExit: false }), exitFormUrlHandler, exitPrecheckHandler(0));
    renderApp('/access/exit', { viewer: legal });
    expect(await screen.findByTestId('exit-page')).toBeTruthy();
    expect(screen.queryByTestId('exit-notice')).toBeNull();
    expect(screen.queryByTestId('exit-read-confirm')).toBeNull();
    expect(screen.queryByTestId('exit-identity-restricted')).toBeNull();
  });

  it('offers the exit flow when the server does, whatever the page would read off the last exit', async () => {
    // re-admitted after an earlier exit was confirmed: the server offers exit again
    server.use(
      exitPageHandler({ exits: [exitApplication({ status: 'CONFIRMED' })] }),
      exitFormUrlHandler,
      exitPrecheckHandler(0),
    );
    renderApp('/access/exit', { viewer: legal });
    expect(await screen.findByTestId('exit-read-confirm')).toBeTruthy();
  });

  it('阅读并确认 with bound use units: shows how many and 去解除绑定 opens the 确认通过 invitations', async () => {
    const listed: unknown[] = [];
    server.use(
      exitPageHandler(),
      exitFormUrlHandler,
      exitPrecheckHandler(2),
      ...invitationHandlers,
      graphql.query('SentInvitations', ({ variables }) => {
        listed.push(variables.status);
        return HttpResponse.json({ data: { sentInvitations: invitationConnection([]) } });
      }),
    );
    renderApp('/access/exit', { viewer: legal });
    const notice = await screen.findByTestId('exit-notice');
    expect(notice.textContent).toContain('申请退出前需解除全部已接入的使用单位');
    await waitFor(() =>
      expect(screen.getByTestId('exit-form-download').getAttribute('href')).toContain('exit-application-form.xlsx'),
    );
    const user = userEvent.setup();
    await user.click(screen.getByTestId('exit-read-confirm'));
    const failed = await screen.findByTestId('precheck-failed');
    expect(failed.textContent).toContain('智能校验不成功');
    expect(screen.getByTestId('exit-binding-count').textContent).toContain('当前存在 2 家未解除绑定关系的使用单位');
    expect(screen.queryByTestId('exit-apply')).toBeNull();

    await user.click(screen.getByTestId('go-unbind'));
    await screen.findByTestId('invitation-table');
    await waitFor(() => expect(listed).toContain('CONFIRMED'));
  });

  it('passing: 申请退出, upload the signed form (re-upload replaces it), 提交 sends its materialIds', async () => {
    const uploads: string[] = [];
    let submitted: unknown;
    server.use(
      exitPageHandler(),
      exitFormUrlHandler,
      exitPrecheckHandler(0),
      graphql.mutation('UploadMaterial', ({ variables }) => {
        const input = variables.input as { file: File; kind: string };
        uploads.push(`${input.kind}:${input.file?.name}`);
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
      graphql.mutation('SubmitExitApplication', ({ variables }) => {
        submitted = variables;
        return HttpResponse.json({
          data: {
            submitExitApplication: { __typename: 'ExitApplicationSuccess', exitApplication: exitApplication() },
          },
        });
      }),
    );
    renderApp('/access/exit', { viewer: legal });
    const user = userEvent.setup();
    await user.click(await screen.findByTestId('exit-read-confirm'));
    expect((await screen.findByTestId('precheck-passed')).textContent).toContain('智能校验成功');
    await user.click(screen.getByTestId('exit-apply'));

    // submitting without the form is stopped in the page
    await user.click(await screen.findByTestId('exit-submit'));
    expect((await screen.findByTestId('material-slot-EXIT_APPLICATION_FORM')).textContent).toContain(
      '请上传《直连单位退出申请表》',
    );
    expect(submitted).toBeUndefined();

    const slot = screen.getByTestId('material-slot-EXIT_APPLICATION_FORM');
    const fileInput = () => slot.querySelector('input[type="file"]') as HTMLInputElement;
    await user.upload(fileInput(), new File(['%PDF'], '退出申请表.pdf', { type: 'application/pdf' }));
    await within(slot).findByText('退出申请表.pdf', { exact: false });
    await user.upload(fileInput(), new File(['%PDF2'], '退出申请表-盖章.pdf', { type: 'application/pdf' }));
    await waitFor(() =>
      expect(within(slot).getByTestId('material-file-EXIT_APPLICATION_FORM').textContent).toContain('盖章'),
    );
    expect(uploads).toEqual(['EXIT_APPLICATION_FORM:退出申请表.pdf', 'EXIT_APPLICATION_FORM:退出申请表-盖章.pdf']);

    await user.click(screen.getByTestId('exit-submit'));
    expect((await screen.findByTestId('exit-submitted')).textContent).toContain('直连单位退出申请提交成功');
    expect(submitted).toEqual({ input: { materialIds: ['mat-2'] } });
  });

  it('shows the server refusal when a use unit was bound meanwhile and re-runs the check', async () => {
    let checks = 0;
    server.use(
      exitPageHandler(),
      exitFormUrlHandler,
      graphql.query('ExitPrecheck', () => {
        checks++;
        const count = checks === 1 ? 0 : 1;
        return HttpResponse.json({
          data: {
            exitPrecheck: {
              __typename: 'ExitPrecheck',
              canExit: count === 0,
              activeBindingCount: count,
              identityAllowed: true,
              dcuStatus: 'ACTIVE',
            },
          },
        });
      }),
      graphql.mutation('UploadMaterial', () =>
        HttpResponse.json({
          data: {
            uploadMaterial: {
              __typename: 'UploadMaterialSuccess',
              material: {
                __typename: 'Material',
                id: 'mat-1',
                kind: 'EXIT_APPLICATION_FORM',
                fileName: 'form.pdf',
                mimeType: 'application/pdf',
                size: 4,
                createdAt: new Date().toISOString(),
                downloadUrl: '/files/mat-1',
              },
            },
          },
        }),
      ),
      graphql.mutation('SubmitExitApplication', () =>
        HttpResponse.json({
          data: {
            submitExitApplication: {
              __typename: 'BaseError',
              code: 'EXIT_BLOCKED',
              message: '尚有 1 家未解除绑定关系的使用单位',
            },
          },
        }),
      ),
    );
    renderApp('/access/exit', { viewer: legal });
    const user = userEvent.setup();
    await user.click(await screen.findByTestId('exit-read-confirm'));
    await user.click(await screen.findByTestId('exit-apply'));
    const slot = await screen.findByTestId('material-slot-EXIT_APPLICATION_FORM');
    await user.upload(slot.querySelector('input[type="file"]') as HTMLInputElement, new File(['%PDF'], 'form.pdf'));
    await within(slot).findByTestId('material-file-EXIT_APPLICATION_FORM');
    await user.click(screen.getByTestId('exit-submit'));
    expect((await screen.findByTestId('precheck-failed')).textContent).toContain('1 家');
  });

  const reasons: Record<string, string> = {
    NOT_ACCEPTED: '《直连单位退出申请表》未加盖单位公章。',
    REVIEW_REJECTED: '尚有未结清事项',
    CONFIRMATION_REJECTED: '退出原因说明不充分',
  };
  it.each([
    ['PENDING_ACCEPTANCE', '待受理', '受理'],
    ['NOT_ACCEPTED', '不予受理', '受理'],
    ['PENDING_REVIEW', '待复核', '复核'],
    ['REVIEW_REJECTED', '复核不通过', '复核'],
    ['PENDING_CONFIRMATION', '待确认', '确认'],
    ['CONFIRMED', '确认通过', '确认'],
    ['CONFIRMATION_REJECTED', '确认不通过', '确认'],
  ])('status %s shows %s on the %s step', async (status, text, step) => {
    const rejected = status in reasons;
    const inFlight = status.startsWith('PENDING');
    const dcuStatus: DcuStatus = inFlight ? 'EXITING' : status === 'CONFIRMED' ? 'EXITED' : 'ACTIVE';
    server.use(
      exitFormUrlHandler,
      exitPageHandler({
        enterprise: { ...SHENLIAN, dcuStatus },
        exits: [
          exitApplication({
            status: status as CaseStatus,
            lastReason: reasons[status] ?? null,
            decidedAt: inFlight ? null : hoursAgo(1),
            auditTrail: [
              {
                id: 'ev-1',
                cursor: '1',
                event: 'submit',
                fromStatus: null,
                toStatus: 'PENDING_ACCEPTANCE',
                actorName: '申联 法定代表人',
                actorRole: 'ENTERPRISE',
                reason: null,
                createdAt: hoursAgo(3),
              },
            ],
          }),
        ],
      }),
    );
    renderApp('/access/exit', { viewer: legal });
    const tag = await screen.findByTestId('exit-status');
    expect(tag.textContent).toBe(text);
    const steps = screen.getByTestId('exit-steps');
    const current = steps.querySelector(
      '.ant-steps-item-process, .ant-steps-item-error, .ant-steps-item-finish:last-child',
    );
    expect(current?.textContent).toContain(step);
    expect(screen.getByTestId('audit-timeline').textContent).toContain('申联 法定代表人');
    expect(screen.getByTestId('material-list').textContent).toContain('直连单位退出申请表.pdf');
    if (rejected) {
      expect(screen.getByTestId('exit-reason').textContent).toContain(reasons[status]);
      expect(screen.getByTestId('exit-keeps-qualification').textContent).toContain('仍保留直连资格');
      // an ACTIVE DCU again: it may apply to exit again
      expect(screen.getByTestId('exit-read-confirm')).toBeTruthy();
    } else {
      expect(screen.queryByTestId('exit-reason')).toBeNull();
      expect(screen.queryByTestId('exit-read-confirm')).toBeNull();
    }
    if (inFlight) expect(screen.getByTestId('exit-in-progress').textContent).toContain('不允许新增邀请使用单位');
    if (status === 'CONFIRMED') {
      expect(screen.getByTestId('exited-notice').textContent).toContain('不再是直连单位');
      expect(screen.getByTestId('apply-again').textContent).toContain('我要申请');
    } else {
      expect(screen.queryByTestId('exited-notice')).toBeNull();
    }
  });

  it('after 确认通过 我要申请 reaches the wizard even though the last access application was confirmed', async () => {
    const exited = { ...SHENLIAN, dcuStatus: 'EXITED' as const };
    server.use(
      exitPageHandler({ enterprise: exited, exits: [exitApplication({ status: 'CONFIRMED' })] }),
      myApplicationsHandler([accessApplication({ status: 'CONFIRMED', enterprise: exited })], exited),
    );
    renderApp('/access/exit', { viewer: legal });
    await userEvent.setup().click(await screen.findByTestId('apply-again'));
    expect(await screen.findByTestId('unit-facts')).toBeTruthy();
  });

  it('the 接入申请 page of an ACTIVE DCU offers 申请退出; an exited one offers 我要申请', async () => {
    server.use(myApplicationsHandler([accessApplication({ status: 'CONFIRMED', enterprise: SHENLIAN })], SHENLIAN));
    const { unmount } = renderApp('/access/application', { viewer: legal });
    expect((await screen.findByTestId('exit-button')).textContent).toContain('申请退出');
    unmount();

    const exited = { ...SHENLIAN, dcuStatus: 'EXITED' as const };
    server.use(myApplicationsHandler([accessApplication({ status: 'CONFIRMED', enterprise: exited })], exited));
    renderApp('/access/application', { viewer: legal });
    expect((await screen.findByTestId('exited-card')).textContent).toContain('已退出乐企');
    expect(screen.getByTestId('apply-button').textContent).toContain('我要申请');
    expect(screen.queryByTestId('exit-button')).toBeNull();
  });

  it('speaks English when switched', async () => {
    server.use(exitPageHandler(), exitFormUrlHandler, exitPrecheckHandler(2));
    renderApp('/access/exit', { viewer: legal, lang: 'en' });
    expect((await screen.findByTestId('exit-read-confirm')).textContent).toContain('Read and confirm');
    expect(screen.getByTestId('exit-form-download').textContent).toContain('Download the exit application form');
    await userEvent.setup().click(screen.getByTestId('exit-read-confirm'));
    expect((await screen.findByTestId('exit-binding-count')).textContent).toContain('2 use units are still bound');
    expect(screen.getByTestId('go-unbind').textContent).toContain('Go and unbind');
  });
});
