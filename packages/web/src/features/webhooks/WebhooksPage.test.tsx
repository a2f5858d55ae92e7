import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { graphql, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { enterpriseViewer, hoursAgo } from '../../test/fixtures.ts';
import { renderApp } from '../../test/render.tsx';
import { chooseOption } from '../../test/select.ts';
import { server } from '../../test/server.ts';
import type { WebhookDelivery, WebhookEndpoint } from './api.ts';

const slLegal = enterpriseViewer({
  accountId: 'user-sl-legal',
  username: 'sl.legal',
  displayName: '吴霞',
  enterprise: { id: 'ent-sl', uscc: '913100005432319483', name: '上海申联数据服务有限公司' },
});
const slClerk = enterpriseViewer({
  ...slLegal,
  accountId: 'user-sl-clerk',
  username: 'sl.clerk',
  identityType: 'TAX_CLERK',
});

const EVENT_TYPES = ['INVITATION.invite', 'INVITATION.accept', 'INVITATION.confirm', 'CAPABILITY_SUBSCRIPTION.apply'];

function endpoint(overrides: Partial<WebhookEndpoint> = {}) {
  return {
    __typename: 'WebhookEndpoint' as const,
    id: 'ep-1',
    url: 'https://erp.example.com/leqi/hooks',
    description: 'ERP 生产环境',
    eventTypes: [] as string[],
    signWithSm3: false,
    status: 'ENABLED' as WebhookEndpoint['status'],
    disabledReason: null as WebhookEndpoint['disabledReason'],
    previousSecretValidUntil: null as string | null,
    version: 1,
    createdAt: hoursAgo(72),
    updatedAt: hoursAgo(72),
    ...overrides,
  };
}

function delivery(overrides: Partial<WebhookDelivery> = {}) {
  return {
    __typename: 'WebhookDelivery' as const,
    id: 'dl-1',
    webhookId: 'msg_dl-1',
    eventType: 'INVITATION.accept',
    cursor: '9000000001',
    status: 'DELIVERED' as WebhookDelivery['status'],
    attempts: 1,
    lastStatusCode: 200,
    lastLatencyMs: 38,
    lastError: null as string | null,
    nextAttemptAt: null as string | null,
    deliveredAt: hoursAgo(2),
    createdAt: hoursAgo(2),
    ...overrides,
  };
}

function connection<Node>(typename: string, nodes: Node[], endCursor: string | null = null, totalCount = nodes.length) {
  return {
    __typename: `${typename}Connection`,
    totalCount,
    pageInfo: { __typename: 'PageInfo', hasNextPage: endCursor !== null, endCursor },
    edges: nodes.map((node) => ({ __typename: `${typename}Edge`, node })),
  };
}

/** webhookEndpoints as the server answers it, from a list the test changes as mutations succeed. */
function endpointsHandler(current: () => ReturnType<typeof endpoint>[]) {
  return graphql.query('WebhookEndpoints', () =>
    HttpResponse.json({
      data: { webhookEventTypes: EVENT_TYPES, webhookEndpoints: connection('WebhookEndpoint', current()) },
    }),
  );
}

const refusal = (code: string, message: string) => ({ __typename: 'BaseError', code, message });

/** The error text antd shows under the form item holding the element `testId`. */
function fieldError(testId: string): string {
  const item = screen.getByTestId(testId).closest('.ant-form-item');
  return item?.querySelector('.ant-form-item-explain')?.textContent ?? '';
}

describe('开发者设置 · Webhooks', () => {
  it('lists the endpoints: URL, 说明, 订阅事件 (全部 when none), status with the reason, and pages on 加载更多', async () => {
    const asked: unknown[] = [];
    server.use(
      graphql.query('WebhookEndpoints', ({ variables }) => {
        asked.push(variables.after ?? null);
        const first = [
          endpoint(),
          endpoint({
            id: 'ep-2',
            url: 'http://10.0.0.8/hooks',
            description: '',
            eventTypes: ['INVITATION.accept', 'CAPABILITY_SUBSCRIPTION.*'],
            status: 'DISABLED',
            disabledReason: 'RETRIES_EXHAUSTED',
          }),
        ];
        const next = [
          endpoint({ id: 'ep-3', url: 'https://test.example.com/h', status: 'DISABLED', disabledReason: 'BY_OWNER' }),
        ];
        return HttpResponse.json({
          data: {
            webhookEventTypes: EVENT_TYPES,
            webhookEndpoints: variables.after
              ? connection('WebhookEndpoint', next, null, 3)
              : connection('WebhookEndpoint', first, 'cursor-2', 3),
          },
        });
      }),
    );
    renderApp('/access/webhooks', { viewer: slLegal });
    const user = userEvent.setup();

    const one = await screen.findByTestId('endpoint-row-ep-1');
    expect(screen.getByRole('heading', { name: '开发者设置 · Webhooks' })).toBeTruthy();
    expect(one.textContent).toContain('https://erp.example.com/leqi/hooks');
    expect(one.textContent).toContain('ERP 生产环境');
    expect(one.textContent).toContain('全部');
    expect(screen.getByTestId('endpoint-status-ep-1').textContent).toBe('已启用');
    expect(screen.queryByTestId('endpoint-reason-ep-1')).toBeNull();

    const two = screen.getByTestId('endpoint-row-ep-2');
    expect(two.textContent).toContain('接入邀请 · 受理');
    expect(two.textContent).toContain('能力订阅申请 · 全部事件');
    expect(screen.getByTestId('endpoint-status-ep-2').textContent).toBe('已停用');
    expect(screen.getByTestId('endpoint-reason-ep-2').textContent).toBe('一条推送在全部重试后仍未成功，已自动停用');
    expect(within(two).getByTestId('endpoint-toggle-ep-2').textContent).toBe('启 用');
    expect(within(one).getByTestId('endpoint-toggle-ep-1').textContent).toBe('停 用');

    expect(screen.queryByTestId('endpoint-row-ep-3')).toBeNull();
    await user.click(screen.getByTestId('load-more'));
    await screen.findByTestId('endpoint-row-ep-3');
    expect(screen.getByTestId('endpoint-reason-ep-3').textContent).toBe('由本单位停用');
    expect(asked).toEqual([null, 'cursor-2']);
    await waitFor(() => expect(screen.queryByTestId('load-more')).toBeNull());
    // the menu leads here as 开发者设置
    expect(screen.getByTestId('menu-developer').textContent).toBe('开发者设置');
  });

  it('creates an endpoint and shows its signing secret once, with a copy button and the warning', async () => {
    let endpoints = [endpoint()];
    const created: unknown[] = [];
    server.use(
      endpointsHandler(() => endpoints),
      graphql.mutation('CreateWebhookEndpoint', ({ variables }) => {
        created.push(variables);
        const added = endpoint({
          id: 'ep-2',
          url: 'https://erp.example.com/leqi/test',
          description: '测试系统',
          eventTypes: ['INVITATION.accept', 'INVITATION.confirm'],
        });
        endpoints = [added, ...endpoints];
        return HttpResponse.json({
          data: {
            createWebhookEndpoint: {
              __typename: 'CreateWebhookEndpointSuccess',
              secret: 'whsec_c2VjcmV0LXZhbHVlLW9uY2U=',
              endpoint: added,
            },
          },
        });
      }),
    );
    renderApp('/access/webhooks', { viewer: slLegal });
    const user = userEvent.setup();
    await screen.findByTestId('endpoint-row-ep-1');

    await user.type(screen.getByTestId('endpoint-url'), ' https://erp.example.com/leqi/test ');
    await user.type(screen.getByTestId('endpoint-description'), '测试系统');
    await chooseOption('endpoint-event-types', '接入邀请 · 受理（INVITATION.accept）');
    await chooseOption('endpoint-event-types', '接入邀请 · 确认通过（INVITATION.confirm）');
    // 国密: this integrator asks for HMAC-SM3 as well
    await user.click(screen.getByTestId('endpoint-sm3'));
    await user.click(screen.getByTestId('endpoint-create'));

    const value = await screen.findByTestId('secret-value');
    expect(value.textContent).toContain('whsec_c2VjcmV0LXZhbHVlLW9uY2U=');
    expect(screen.getByTestId('secret-shown').textContent).toContain('签名密钥只显示这一次');
    expect(created).toEqual([
      {
        input: {
          url: 'https://erp.example.com/leqi/test',
          description: '测试系统',
          eventTypes: ['INVITATION.accept', 'INVITATION.confirm'],
          signWithSm3: true,
        },
      },
    ]);
    // 复制 puts the secret on the clipboard
    await user.click(within(value).getByRole('button', { name: /复制/ }));
    await waitFor(async () => expect(await navigator.clipboard.readText()).toBe('whsec_c2VjcmV0LXZhbHVlLW9uY2U='));

    const row = await screen.findByTestId('endpoint-row-ep-2');
    expect(row.textContent).toContain('接入邀请 · 确认通过');
    expect(row.textContent).not.toContain('whsec_');
    // the form is empty again for the next one
    expect((screen.getByTestId('endpoint-url') as HTMLInputElement).value).toBe('');

    await user.click(screen.getByTestId('secret-close'));
    await waitFor(() => expect(screen.queryByTestId('secret-value')).toBeNull());
    expect(document.body.textContent).not.toContain('whsec_c2VjcmV0');
  });

  it('puts the server’s field issues under their fields, and other refusals above the form', async () => {
    const answers = [
      {
        __typename: 'ValidationError',
        code: 'VALIDATION_FAILED',
        message: '输入有误',
        issues: [
          { __typename: 'FieldIssue', field: 'url', code: 'TARGET_NOT_ALLOWED', message: '推送地址不允许：10.0.0.8' },
          { __typename: 'FieldIssue', field: 'description', code: 'TOO_LONG', message: '说明不能超过 200 个字符' },
        ],
      },
      refusal('LIMIT_EXCEEDED', '本单位的 Webhook 端点已达 10 个'),
    ];
    server.use(
      endpointsHandler(() => []),
      graphql.mutation('CreateWebhookEndpoint', () =>
        HttpResponse.json({ data: { createWebhookEndpoint: answers.shift() } }),
      ),
    );
    renderApp('/access/webhooks', { viewer: slLegal });
    const user = userEvent.setup();
    expect(await screen.findByText('尚未设置推送地址')).toBeTruthy();

    // nothing typed: the URL is asked for before anything is sent
    await user.click(screen.getByTestId('endpoint-create'));
    await waitFor(() => expect(fieldError('endpoint-url')).toBe('请填写推送地址（URL）'));
    expect(answers).toHaveLength(2);

    await user.type(screen.getByTestId('endpoint-url'), 'http://10.0.0.8/hooks');
    await user.click(screen.getByTestId('endpoint-create'));
    await waitFor(() => expect(fieldError('endpoint-url')).toBe('推送地址不允许：10.0.0.8'));
    expect(fieldError('endpoint-description')).toBe('说明不能超过 200 个字符');
    expect(screen.getByTestId('endpoint-form-error').textContent).toBe('输入有误');
    expect(screen.queryByTestId('secret-value')).toBeNull();

    await user.click(screen.getByTestId('endpoint-create'));
    await waitFor(() =>
      expect(screen.getByTestId('endpoint-form-error').textContent).toBe('本单位的 Webhook 端点已达 10 个'),
    );
  });

  it('pauses with the version read; on STALE_VERSION says it changed, reloads, and pauses with the new version', async () => {
    let endpoints = [endpoint({ version: 3 })];
    const updates: Record<string, unknown>[] = [];
    server.use(
      endpointsHandler(() => endpoints),
      graphql.mutation('UpdateWebhookEndpoint', ({ variables }) => {
        const input = variables.input as { expectedVersion: number; enabled: boolean };
        updates.push(input);
        const now = endpoints[0] as ReturnType<typeof endpoint>;
        if (input.expectedVersion !== now.version)
          return HttpResponse.json({ data: { updateWebhookEndpoint: refusal('STALE_VERSION', '数据已被修改') } });
        endpoints = [
          endpoint({
            version: now.version + 1,
            status: input.enabled ? 'ENABLED' : 'DISABLED',
            disabledReason: input.enabled ? null : 'BY_OWNER',
          }),
        ];
        return HttpResponse.json({
          data: { updateWebhookEndpoint: { __typename: 'WebhookEndpointSuccess', endpoint: endpoints[0] } },
        });
      }),
    );
    renderApp('/access/webhooks', { viewer: slLegal });
    const user = userEvent.setup();
    await screen.findByTestId('endpoint-row-ep-1');
    // meanwhile someone else changed it (version 3 → 4)
    endpoints = [endpoint({ version: 4, description: 'ERP（已改名）' })];

    await user.click(screen.getByTestId('endpoint-toggle-ep-1'));
    expect(await screen.findByText('停用后暂停推送，期间发生的事件在启用后按顺序补发。确定停用？')).toBeTruthy();
    await user.click(screen.getByTestId('pause-confirm'));
    await waitFor(() =>
      expect(screen.getByTestId('endpoint-notice').textContent).toBe('该端点已被修改，已重新加载，请核对后再操作'),
    );
    await waitFor(() => expect(screen.getByTestId('endpoint-row-ep-1').textContent).toContain('ERP（已改名）'));
    expect(screen.getByTestId('endpoint-status-ep-1').textContent).toBe('已启用');

    await user.click(screen.getByTestId('endpoint-toggle-ep-1'));
    await user.click(await screen.findByTestId('pause-confirm'));
    await waitFor(() => expect(screen.getByTestId('endpoint-status-ep-1').textContent).toBe('已停用'));
    expect(screen.getByTestId('endpoint-reason-ep-1').textContent).toBe('由本单位停用');
    expect(screen.queryByTestId('endpoint-notice')).toBeNull();

    // 启用 needs no confirmation: deliveries follow in order
    await user.click(screen.getByTestId('endpoint-toggle-ep-1'));
    await waitFor(() => expect(screen.getByTestId('endpoint-status-ep-1').textContent).toBe('已启用'));
    expect(updates).toEqual([
      { id: 'ep-1', expectedVersion: 3, enabled: false },
      { id: 'ep-1', expectedVersion: 4, enabled: false },
      { id: 'ep-1', expectedVersion: 5, enabled: true },
    ]);
  });

  it('edits an endpoint’s URL, 说明 and 订阅事件 with the version read, and lists what was saved', async () => {
    let endpoints = [endpoint({ version: 2, eventTypes: ['INVITATION.accept'] })];
    const updates: Record<string, unknown>[] = [];
    server.use(
      endpointsHandler(() => endpoints),
      graphql.mutation('UpdateWebhookEndpoint', ({ variables }) => {
        const input = variables.input as { url: string; description: string; eventTypes: string[] };
        updates.push(input);
        endpoints = [endpoint({ version: 3, ...input })];
        return HttpResponse.json({
          data: { updateWebhookEndpoint: { __typename: 'WebhookEndpointSuccess', endpoint: endpoints[0] } },
        });
      }),
    );
    renderApp('/access/webhooks', { viewer: slLegal });
    const user = userEvent.setup();
    const edit = await screen.findByTestId('endpoint-edit-ep-1');
    expect(edit.textContent).toBe('编 辑');
    await user.click(edit);

    // the dialog opens with what the endpoint is now
    const url = (await screen.findByTestId('edit-endpoint-url')) as HTMLInputElement;
    const description = screen.getByTestId('edit-endpoint-description') as HTMLInputElement;
    expect(screen.getByRole('dialog').textContent).toContain('编辑端点 · https://erp.example.com/leqi/hooks');
    expect(url.value).toBe('https://erp.example.com/leqi/hooks');
    expect(description.value).toBe('ERP 生产环境');
    expect(screen.getByTestId('edit-endpoint-event-types').textContent).toContain('接入邀请 · 受理');

    await user.clear(url);
    await user.type(url, ' https://erp.example.com/leqi/v2 ');
    await user.clear(description);
    await user.type(description, 'ERP 新系统');
    await chooseOption('edit-endpoint-event-types', '接入邀请 · 确认通过（INVITATION.confirm）');
    await user.click(screen.getByTestId('edit-endpoint-submit'));

    expect(await screen.findByText('端点已保存')).toBeTruthy();
    await waitFor(() => expect(screen.queryByTestId('edit-endpoint-url')).toBeNull());
    await waitFor(() =>
      expect(screen.getByTestId('endpoint-row-ep-1').textContent).toContain('https://erp.example.com/leqi/v2'),
    );
    const row = screen.getByTestId('endpoint-row-ep-1');
    expect(row.textContent).toContain('ERP 新系统');
    expect(row.textContent).toContain('接入邀请 · 确认通过');
    expect(updates).toEqual([
      {
        id: 'ep-1',
        expectedVersion: 2,
        url: 'https://erp.example.com/leqi/v2',
        description: 'ERP 新系统',
        eventTypes: ['INVITATION.accept', 'INVITATION.confirm'],
        signWithSm3: false,
      },
    ]);
  });

  it('puts the server’s field issues of an edit under their fields, keeping the dialog open', async () => {
    const updates: unknown[] = [];
    server.use(
      endpointsHandler(() => [endpoint()]),
      graphql.mutation('UpdateWebhookEndpoint', ({ variables }) => {
        updates.push(variables);
        return HttpResponse.json({
          data: {
            updateWebhookEndpoint: {
              __typename: 'ValidationError',
              code: 'VALIDATION_FAILED',
              message: '输入有误',
              issues: [
                {
                  __typename: 'FieldIssue',
                  field: 'url',
                  code: 'TARGET_NOT_ALLOWED',
                  message: '推送地址不允许：10.0.0.8',
                },
              ],
            },
          },
        });
      }),
    );
    renderApp('/access/webhooks', { viewer: slLegal });
    const user = userEvent.setup();
    await user.click(await screen.findByTestId('endpoint-edit-ep-1'));
    const url = await screen.findByTestId('edit-endpoint-url');
    await user.clear(url);
    await user.type(url, 'http://10.0.0.8/hooks');
    await user.click(screen.getByTestId('edit-endpoint-submit'));

    await waitFor(() => expect(fieldError('edit-endpoint-url')).toBe('推送地址不允许：10.0.0.8'));
    expect(screen.getByTestId('edit-endpoint-error').textContent).toBe('输入有误');
    expect(screen.getByRole('dialog')).toBeTruthy();
    expect(updates).toHaveLength(1);
    // 新建端点 below is not concerned
    expect(fieldError('endpoint-url')).toBe('');
    expect(screen.queryByTestId('endpoint-notice')).toBeNull();
  });

  it('on STALE_VERSION of an edit closes the dialog, says the endpoint changed and reloads it', async () => {
    let endpoints = [endpoint({ version: 3 })];
    server.use(
      endpointsHandler(() => endpoints),
      graphql.mutation('UpdateWebhookEndpoint', () =>
        HttpResponse.json({ data: { updateWebhookEndpoint: refusal('STALE_VERSION', '数据已被修改') } }),
      ),
    );
    renderApp('/access/webhooks', { viewer: slLegal });
    const user = userEvent.setup();
    await user.click(await screen.findByTestId('endpoint-edit-ep-1'));
    const description = await screen.findByTestId('edit-endpoint-description');
    // meanwhile someone else changed it (version 3 → 4)
    endpoints = [endpoint({ version: 4, description: 'ERP（已改名）' })];
    await user.clear(description);
    await user.type(description, 'ERP 新系统');
    await user.click(screen.getByTestId('edit-endpoint-submit'));

    await waitFor(() =>
      expect(screen.getByTestId('endpoint-notice').textContent).toBe('该端点已被修改，已重新加载，请核对后再操作'),
    );
    expect(screen.queryByTestId('edit-endpoint-url')).toBeNull();
    await waitFor(() => expect(screen.getByTestId('endpoint-row-ep-1').textContent).toContain('ERP（已改名）'));
  });

  it('rotates the secret after confirmation and shows the new one once, saying until when the old one signs', async () => {
    const until = new Date(Date.now() + 24 * 3_600_000).toISOString();
    let endpoints = [endpoint()];
    const rotated: unknown[] = [];
    server.use(
      endpointsHandler(() => endpoints),
      graphql.mutation('RotateWebhookEndpointSecret', ({ variables }) => {
        rotated.push(variables);
        endpoints = [endpoint({ version: 2, previousSecretValidUntil: until })];
        return HttpResponse.json({
          data: {
            rotateWebhookEndpointSecret: {
              __typename: 'RotateWebhookEndpointSecretSuccess',
              secret: 'whsec_bmV3LXNlY3JldA==',
              endpoint: endpoints[0],
            },
          },
        });
      }),
    );
    renderApp('/access/webhooks', { viewer: slLegal });
    const user = userEvent.setup();
    await user.click(await screen.findByTestId('endpoint-rotate-ep-1'));
    expect(await screen.findByText(/旧密钥在 24 小时内继续参与签名/)).toBeTruthy();
    expect(rotated).toHaveLength(0);
    await user.click(screen.getByTestId('rotate-confirm'));

    expect((await screen.findByTestId('secret-value')).textContent).toContain('whsec_bmV3LXNlY3JldA==');
    expect(screen.getByRole('dialog').textContent).toContain('密钥已轮换：新签名密钥');
    expect(screen.getByTestId('secret-previous-until').textContent).toMatch(
      /^旧密钥继续签名至 \d{4}-\d{2}-\d{2} \d{2}:\d{2}$/,
    );
    expect(rotated).toEqual([{ input: { id: 'ep-1' } }]);
    await user.click(screen.getByTestId('secret-close'));
    await waitFor(() => expect(screen.queryByTestId('secret-value')).toBeNull());
    expect(screen.getByTestId('endpoint-row-ep-1').textContent).toContain('旧密钥继续签名至');
  });

  it('deletes an endpoint after confirmation; a refusal is shown as the server’s message', async () => {
    let endpoints = [endpoint(), endpoint({ id: 'ep-2', url: 'https://erp.example.com/other' })];
    const deleted: unknown[] = [];
    server.use(
      endpointsHandler(() => endpoints),
      graphql.mutation('DeleteWebhookEndpoint', ({ variables }) => {
        deleted.push(variables);
        const id = (variables.input as { id: string }).id;
        if (id === 'ep-2')
          return HttpResponse.json({ data: { deleteWebhookEndpoint: refusal('NOT_FOUND', '未找到该 Webhook 端点') } });
        endpoints = endpoints.filter((e) => e.id !== id);
        return HttpResponse.json({
          data: { deleteWebhookEndpoint: { __typename: 'DeleteWebhookEndpointSuccess', deletedEndpointId: id } },
        });
      }),
    );
    renderApp('/access/webhooks', { viewer: slLegal });
    const user = userEvent.setup();
    await user.click(await screen.findByTestId('endpoint-delete-ep-1'));
    expect(await screen.findByText('删除后推送立即停止，推送记录一并删除。确定删除？')).toBeTruthy();
    expect(deleted).toHaveLength(0);
    await user.click(screen.getByTestId('delete-confirm'));
    await waitFor(() => expect(screen.queryByTestId('endpoint-row-ep-1')).toBeNull());
    expect(deleted).toEqual([{ input: { id: 'ep-1' } }]);

    await user.click(screen.getByTestId('endpoint-delete-ep-2'));
    await user.click(await screen.findByTestId('delete-confirm'));
    await waitFor(() => expect(screen.getByTestId('endpoint-notice').textContent).toBe('未找到该 Webhook 端点'));
    expect(screen.getByTestId('endpoint-row-ep-2')).toBeTruthy();
  });

  it('shows an endpoint’s delivery log, filters it by status and redelivers one, following it until it settles', async () => {
    const failed = delivery({
      id: 'dl-2',
      eventType: 'INVITATION.confirm',
      cursor: '9000000002',
      status: 'FAILED',
      attempts: 8,
      lastStatusCode: 503,
      lastLatencyMs: 1204,
      lastError: 'HTTP 503',
      deliveredAt: null,
    });
    const pendingOne = delivery({
      id: 'dl-3',
      eventType: 'CAPABILITY_SUBSCRIPTION.apply',
      cursor: '9000000003',
      status: 'PENDING',
      attempts: 2,
      lastStatusCode: null,
      lastLatencyMs: 10000,
      lastError: '连接超时',
      nextAttemptAt: new Date(Date.now() + 60_000).toISOString(),
      deliveredAt: null,
    });
    let deliveries = [pendingOne, failed, delivery()];
    const asked: Record<string, unknown>[] = [];
    const redelivered: unknown[] = [];
    server.use(
      endpointsHandler(() => [endpoint()]),
      graphql.query('WebhookDeliveries', ({ variables }) => {
        asked.push(variables);
        const shown = deliveries.filter((d) => !variables.status || d.status === variables.status);
        return HttpResponse.json({
          data: {
            node: {
              __typename: 'WebhookEndpoint',
              id: variables.endpointId,
              deliveries: connection('WebhookDelivery', shown),
            },
          },
        });
      }),
      graphql.mutation('RedeliverWebhook', ({ variables }) => {
        redelivered.push(variables);
        // queued again; the deliverer gets it through on its next attempt
        const queued = { ...failed, status: 'PENDING' as const, attempts: 0, nextAttemptAt: new Date().toISOString() };
        deliveries = [pendingOne, queued, delivery()];
        setTimeout(() => {
          deliveries = [
            pendingOne,
            {
              ...queued,
              status: 'DELIVERED',
              attempts: 1,
              lastStatusCode: 204,
              lastError: null,
              deliveredAt: new Date().toISOString(),
              nextAttemptAt: null,
            },
            delivery(),
          ];
        }, 0);
        return HttpResponse.json({
          data: { redeliverWebhook: { __typename: 'WebhookDeliverySuccess', delivery: queued } },
        });
      }),
    );
    renderApp('/access/webhooks', { viewer: slLegal });
    const user = userEvent.setup();
    await user.click(await screen.findByTestId('endpoint-deliveries-ep-1'));

    const row = await screen.findByTestId('delivery-row-dl-2');
    expect(screen.getByRole('dialog').textContent).toContain('推送记录 · https://erp.example.com/leqi/hooks');
    const cells = [...row.querySelectorAll('td')].map((td) => td.textContent);
    expect(cells.slice(0, 9)).toEqual([
      '接入邀请 · 确认通过INVITATION.confirm',
      '9000000002',
      '推送失败',
      '8',
      '503',
      '1204 毫秒',
      'HTTP 503',
      '—',
      '—',
    ]);
    expect(screen.getByTestId('delivery-status-dl-1').textContent).toBe('已送达');
    expect(screen.getByTestId('delivery-row-dl-1').textContent).toContain('200');
    expect(screen.getByTestId('delivery-status-dl-3').textContent).toBe('待推送');
    expect(screen.getByTestId('delivery-row-dl-3').textContent).toContain('连接超时');
    expect(screen.getByTestId('deliveries-total').textContent).toBe('共 3 条');

    await chooseOption('delivery-status-filter', '推送失败');
    await waitFor(() => expect(screen.queryByTestId('delivery-row-dl-1')).toBeNull());
    expect(screen.getByTestId('delivery-row-dl-2')).toBeTruthy();
    expect(asked.at(-1)).toMatchObject({ endpointId: 'ep-1', status: 'FAILED' });

    await chooseOption('delivery-status-filter', '已送达');
    await waitFor(() => expect(screen.queryByTestId('delivery-row-dl-2')).toBeNull());
    expect(screen.getByTestId('delivery-row-dl-1')).toBeTruthy();
    fireEvent.click(screen.getByTestId('delivery-status-filter').querySelector('.ant-select-clear') as Element);
    await screen.findByTestId('delivery-row-dl-2');

    await user.click(screen.getByTestId('redeliver-dl-2'));
    await waitFor(() => expect(redelivered).toEqual([{ input: { deliveryId: 'dl-2' } }]));
    expect(await screen.findByText('已重新排队推送，webhook-id 不变')).toBeTruthy();
    // a delivery still 待推送 is looked at again until it settles
    await waitFor(() => expect(screen.getByTestId('delivery-status-dl-2').textContent).toBe('已送达'), {
      timeout: 15_000,
    });
    expect(screen.getByTestId('delivery-row-dl-2').textContent).toContain('204');
  });

  it('replays from a moment after explaining it, sending `since`', async () => {
    const replays: Record<string, unknown>[] = [];
    server.use(
      endpointsHandler(() => [endpoint()]),
      graphql.mutation('ReplayWebhookEndpoint', ({ variables }) => {
        replays.push(variables.input as Record<string, unknown>);
        if (replays.length === 1)
          return HttpResponse.json({ data: { replayWebhookEndpoint: refusal('FORBIDDEN', '您无权执行此操作') } });
        return HttpResponse.json({
          data: { replayWebhookEndpoint: { __typename: 'WebhookEndpointSuccess', endpoint: endpoint({ version: 2 }) } },
        });
      }),
    );
    renderApp('/access/webhooks', { viewer: slLegal });
    const user = userEvent.setup();
    await user.click(await screen.findByTestId('endpoint-replay-ep-1'));
    expect((await screen.findByTestId('replay-explain')).textContent).toBe(
      '自所选时刻起，本端点订阅的事件将按原来的顺序重新推送，每个事件沿用原来的 webhook-id，接收方可据此去重。',
    );
    await user.click(screen.getByTestId('replay-submit'));
    await waitFor(() => expect(fieldError('replay-since')).toBe('请选择重放的起始时间'));
    expect(replays).toHaveLength(0);

    const input = screen.getByTestId('replay-since').querySelector('input') as HTMLInputElement;
    await user.click(input);
    await user.type(input, '2026-03-01 08:30{Enter}');
    await waitFor(() => expect(input.value).toBe('2026-03-01 08:30'));
    // Enter confirms the moment; only 确认重放 replays
    expect(replays).toHaveLength(0);
    await user.click(screen.getByTestId('replay-submit'));
    await waitFor(() => expect(screen.getByTestId('replay-error').textContent).toBe('您无权执行此操作'));
    expect(replays).toHaveLength(1);

    await user.click(screen.getByTestId('replay-submit'));
    expect(await screen.findByText('已开始重放：2026-03-01 08:30 起的事件将重新推送')).toBeTruthy();
    await waitFor(() => expect(screen.queryByTestId('replay-explain')).toBeNull());
    const since = new Date(2026, 2, 1, 8, 30).toISOString();
    expect(replays).toEqual([
      { endpointId: 'ep-1', since },
      { endpointId: 'ep-1', since },
    ]);
  });

  it('for a tax clerk: no 开发者设置 in the menu, and the page shows the server’s refusal', async () => {
    server.use(
      graphql.query('WebhookEndpoints', () =>
        HttpResponse.json({
          errors: [{ message: '仅法定代表人或财务负责人可办理此业务', extensions: { code: 'IDENTITY_NOT_ALLOWED' } }],
          data: null,
        }),
      ),
    );
    renderApp('/access/webhooks', { viewer: slClerk });
    const refused = await screen.findByTestId('webhooks-not-allowed');
    expect(refused.textContent).toContain('仅法定代表人或财务负责人可办理此业务');
    expect(refused.textContent).toContain('请由单位法定代表人或财务负责人登录后设置。');
    expect(screen.getByTestId('menu-capabilities')).toBeTruthy();
    expect(screen.queryByTestId('menu-developer')).toBeNull();
    expect(screen.queryByTestId('endpoint-create')).toBeNull();
  });

  it('for an enterprise that is not an ACTIVE direct-connect unit: the server’s FORBIDDEN, explained', async () => {
    server.use(
      graphql.query('WebhookEndpoints', () =>
        HttpResponse.json({
          errors: [{ message: '您无权执行此操作', extensions: { code: 'FORBIDDEN' } }],
          data: null,
        }),
      ),
    );
    renderApp('/access/webhooks', { viewer: enterpriseViewer() });
    const refused = await screen.findByTestId('webhooks-not-allowed');
    expect(refused.textContent).toContain('您无权执行此操作');
    expect(refused.textContent).toContain('仅已接入乐企的直连单位可以设置 Webhooks。');
    // a legal representative: the entry is there, the page explains
    expect(screen.getByTestId('menu-developer')).toBeTruthy();
  });

  it('speaks English through the same messages', async () => {
    server.use(
      endpointsHandler(() => [
        endpoint({ eventTypes: ['INVITATION.accept'], status: 'DISABLED', disabledReason: 'BY_OWNER' }),
      ]),
    );
    renderApp('/access/webhooks', { viewer: slLegal, lang: 'en' });
    const row = await screen.findByTestId('endpoint-row-ep-1');
    expect(screen.getByRole('heading', { name: 'Developer settings · Webhooks' })).toBeTruthy();
    expect(screen.getByTestId('menu-developer').textContent).toBe('Developer settings');
    expect(row.textContent).toContain('Invitation · Accept');
    expect(screen.getByTestId('endpoint-status-ep-1').textContent).toBe('Disabled');
    expect(screen.getByTestId('endpoint-reason-ep-1').textContent).toBe('Disabled by its enterprise');
    expect(within(row).getByTestId('endpoint-toggle-ep-1').textContent).toBe('Resume');
    expect(within(row).getByTestId('endpoint-edit-ep-1').textContent).toBe('Edit');
  });
});
