// GraphQL of webhook endpoints (issue 21): for an ACTIVE direct-connect unit's legal representative and finance
// manager, and for its API tokens. A secret is returned once, when created or rotated.
import {
  WEBHOOK_DELIVERY_STATUS_LABELS,
  WEBHOOK_DELIVERY_STATUSES,
  WEBHOOK_DISABLED_REASON_LABELS,
  WEBHOOK_DISABLED_REASONS,
  WEBHOOK_ENDPOINT_STATUS_LABELS,
  WEBHOOK_ENDPOINT_STATUSES,
  WEBHOOK_EVENT_TYPES,
  type WebhookDeliveryStatus,
  type WebhookDisabledReason,
  type WebhookEndpointStatus,
} from '@leqi/domain';
import type { ObjectRef } from '@pothos/core';
import type { WebhookDelivery, WebhookEndpoint } from '../../generated/prisma/client.ts';
import { type BuilderTypes, builder } from '../../platform/builder.ts';
import { isSignedIn } from '../../platform/context.ts';
import { countedConnection, forwardPageArgs } from '../../platform/counted-connection.ts';
import { bilingual, describedEnum } from '../../platform/described-enum.ts';
import { eventCursor } from '../../platform/events/cursor.ts';
import { BaseErrorRef, refusalError, toSimplePayloadError, ValidationErrorRef } from '../../platform/graphql-errors.ts';
import { connectionOf, encodeCursor } from '../../platform/paging.ts';
import { ADMITS_API_TOKENS } from '../../platform/refusal-channels.ts';
import { signedIn, unauthenticated } from '../../platform/signed-in.ts';
import {
  createWebhookEndpoint,
  deleteWebhookEndpoint,
  findWebhookDelivery,
  findWebhookEndpoint,
  listWebhookDeliveries,
  listWebhookEndpoints,
  redeliverWebhook,
  replayWebhookEndpoint,
  rotateWebhookEndpointSecret,
  updateWebhookEndpoint,
} from './endpoints.ts';

const WebhookEndpointStatusEnum = describedEnum('WebhookEndpointStatus', {
  description: { zh: 'Webhook 端点的状态', en: 'Whether a webhook endpoint receives deliveries' },
  values: WEBHOOK_ENDPOINT_STATUSES,
  label: (status) => WEBHOOK_ENDPOINT_STATUS_LABELS[status],
});

const WebhookDisabledReasonEnum = describedEnum('WebhookDisabledReason', {
  description: { zh: 'Webhook 端点停用的原因', en: 'Why a webhook endpoint is disabled' },
  values: WEBHOOK_DISABLED_REASONS,
  label: (reason) => WEBHOOK_DISABLED_REASON_LABELS[reason],
});

const WebhookDeliveryStatusEnum = describedEnum('WebhookDeliveryStatus', {
  description: { zh: '一次推送的状态', en: 'Where a delivery stands' },
  values: WEBHOOK_DELIVERY_STATUSES,
  label: (status) => WEBHOOK_DELIVERY_STATUS_LABELS[status],
});

const WebhookDeliveryRef = builder.node(builder.objectRef<WebhookDelivery>('WebhookDelivery'), {
  description:
    '一个事件向一个端点的推送：每次尝试都带同一个 webhook-id，直到收到 2xx 应答或重试用尽\n\n' +
    'One event’s delivery to one endpoint: every attempt carries the same webhook-id, until a 2xx answer or the ' +
    'retries run out',
  id: { resolve: (row) => row.id },
  loadOne: (id, context) => (isSignedIn(context) ? findWebhookDelivery(context.app, context.viewer, id) : null),
  fields: (t) => ({
    webhookId: t.exposeString('id', {
      description:
        '请求头 webhook-id 的值，接收方据此去重\n\nThe value of the webhook-id header, by which receivers deduplicate',
    }),
    eventType: t.exposeString('eventType', {
      description: '事件类型，如 INVITATION.accept\n\nThe event type, e.g. INVITATION.accept',
    }),
    cursor: t.string({
      description:
        '事件在事件流中的游标（与 caseEvents 相同），可用于 replayWebhookEndpoint\n\n' +
        'The event’s cursor in the stream (as on caseEvents), for replayWebhookEndpoint',
      resolve: (row) => eventCursor({ xid: row.eventXid, id: row.eventId }).toString(),
    }),
    status: t.field({
      type: WebhookDeliveryStatusEnum,
      description: '推送状态\n\nWhere the delivery stands',
      resolve: (row) => row.status as WebhookDeliveryStatus,
    }),
    attempts: t.exposeInt('attempts', { description: '已尝试次数\n\nAttempts made so far' }),
    lastStatusCode: t.exposeInt('lastStatusCode', {
      nullable: true,
      description:
        '最近一次尝试收到的 HTTP 状态码；未收到应答时为 null\n\nThe HTTP status of the last attempt; null when none came',
    }),
    lastLatencyMs: t.exposeInt('lastLatencyMs', {
      nullable: true,
      description: '最近一次尝试的耗时（毫秒）\n\nHow long the last attempt took, in milliseconds',
    }),
    lastError: t.exposeString('lastError', {
      nullable: true,
      description:
        '最近一次失败的原因（连接被拒、超时、地址不允许、HTTP 状态等）；成功时为 null\n\n' +
        'Why the last attempt failed (refused, timed out, address not allowed, HTTP status…); null on success',
    }),
    nextAttemptAt: t.expose('nextAttemptAt', {
      type: 'DateTime',
      nullable: true,
      description: '下一次尝试的时间；已送达或已失败时为 null\n\nWhen the next attempt is due; null once settled',
    }),
    deliveredAt: t.expose('deliveredAt', {
      type: 'DateTime',
      nullable: true,
      description: '送达时间\n\nWhen it was delivered',
    }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: '创建时间\n\nWhen it was created' }),
  }),
});

const WebhookDeliveryConnection = countedConnection(
  WebhookDeliveryRef,
  'WebhookDeliveryConnection',
  'WebhookDeliveryEdge',
  { zh: '推送记录', en: 'deliveries' },
);

const WebhookEndpointRef = builder.node(builder.objectRef<WebhookEndpoint>('WebhookEndpoint'), {
  description:
    '直连单位接收事件推送的地址：本单位在 caseEvents 上能看到的每个事件，按事件流顺序、经 Standard Webhooks 签名推送\n\n' +
    'Where a direct-connect unit receives its events: every event its enterprise sees on caseEvents, in stream ' +
    'order, signed per Standard Webhooks',
  id: { resolve: (row) => row.id },
  loadOne: (id, context) => (isSignedIn(context) ? findWebhookEndpoint(context.app, context.viewer, id) : null),
  fields: (t) => ({
    url: t.exposeString('url', { description: '推送地址（http 或 https）\n\nThe target URL (http or https)' }),
    description: t.exposeString('description', { description: '说明\n\nWhat the endpoint is for' }),
    eventTypes: t.exposeStringList('eventTypes', {
      description:
        '订阅的事件类型（类型或“业务.*”）；空表示全部\n\nThe event types subscribed to (types or “<caseKind>.*”); empty for all',
    }),
    signWithSm3: t.exposeBoolean('signWithSm3', {
      description:
        '是否同时以 HMAC-SM3 签名（sm3,<签名>）\n\nWhether deliveries are signed with HMAC-SM3 as well (sm3,<signature>)',
    }),
    status: t.field({
      type: WebhookEndpointStatusEnum,
      description: '是否接收推送\n\nWhether it receives deliveries',
      resolve: (row) => row.status as WebhookEndpointStatus,
    }),
    disabledReason: t.field({
      type: WebhookDisabledReasonEnum,
      nullable: true,
      description: '停用原因；启用时为 null\n\nWhy it is disabled; null while enabled',
      resolve: (row) => row.disabledReason as WebhookDisabledReason | null,
    }),
    cursor: t.string({
      description:
        '已处理到的事件游标：此前的事件均已送达、最终失败或不在订阅中\n\n' +
        'The stream cursor up to which every event was handled: delivered, finally failed, or not subscribed to',
      resolve: (row) => eventCursor({ xid: row.cursorXid, id: row.cursorId }).toString(),
    }),
    previousSecretValidUntil: t.field({
      type: 'DateTime',
      nullable: true,
      description:
        '轮换密钥后，旧密钥继续参与签名直到此时；无旧密钥时为 null\n\n' +
        'After a rotation the old secret also signs until then; null when there is none',
      resolve: (row) =>
        row.previousSecretUntil && row.previousSecretUntil > new Date() ? row.previousSecretUntil : null,
    }),
    version: t.exposeInt('version', {
      description:
        '版本号，修改时作为 expectedVersion 传回\n\nThe version, sent back as expectedVersion when changing it',
    }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: '创建时间\n\nWhen it was created' }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime', description: '最近修改时间\n\nWhen it last changed' }),
    deliveries: t.field({
      type: WebhookDeliveryConnection,
      description: '推送记录，从新到旧，分页\n\nIts deliveries, newest first, in pages',
      args: {
        ...forwardPageArgs(t.arg),
        status: t.arg({
          type: WebhookDeliveryStatusEnum,
          required: false,
          description: '只列出该状态的推送\n\nOnly deliveries in this status',
        }),
      },
      resolve: async (endpoint, args, context) => {
        const page = await listWebhookDeliveries(context.app, endpoint.id, args);
        if (!page.ok) throw refusalError(page.error, context.locale);
        return connectionOf(page.value, args.after, encodeCursor);
      },
    }),
  }),
});

const WebhookEndpointConnection = countedConnection(
  WebhookEndpointRef,
  'WebhookEndpointConnection',
  'WebhookEndpointEdge',
  { zh: 'Webhook 端点', en: 'webhook endpoints' },
);

const WHO =
  '仅已接入（dcuStatus 为 ACTIVE）直连单位的法定代表人、财务负责人及其 API 令牌可用\n\n' +
  'For the legal representative and finance manager of an ACTIVE direct-connect unit, and its API tokens';

builder.queryField('webhookEndpoints', (t) =>
  t.field({
    type: WebhookEndpointConnection,
    description: `本企业的 Webhook 端点，从新到旧，分页。${WHO.replace('\n\n', '\n\nThe webhook endpoints of the viewer’s enterprise, newest first, in pages. ')}`,
    skipTypeScopes: true,
    args: forwardPageArgs(t.arg),
    resolve: signedIn(unauthenticated.asError, async (_root, args, context) => {
      const page = await listWebhookEndpoints(context.app, context.viewer, args);
      if (!page.ok) throw refusalError(page.error, context.locale);
      return connectionOf(page.value, args.after, encodeCursor);
    }),
  }),
);

builder.queryField('webhookEventTypes', (t) =>
  t.stringList({
    description:
      'Webhook 端点可订阅的全部事件类型（业务.事件）\n\nEvery event type a webhook endpoint can subscribe to (<caseKind>.<event>)',
    skipTypeScopes: true,
    resolve: signedIn(unauthenticated.asError, () => [...WEBHOOK_EVENT_TYPES]),
  }),
);

const URL_HELP =
  '推送地址：http(s)，不含用户名密码，至多 2048 个字符；生产环境默认不能是内网、本机或保留地址（WEBHOOK_ALLOWED_HOSTS 可放行）\n\n' +
  'The target URL: http(s), without user name or password, at most 2,048 characters; in production not private, ' +
  'loopback or reserved unless WEBHOOK_ALLOWED_HOSTS allows it';
const TYPES_HELP =
  '订阅的事件类型（见 webhookEventTypes）或“业务.*”；空列表表示全部\n\n' +
  'The event types to receive (see webhookEventTypes) or “<caseKind>.*”; an empty list for all';

const SM3_HELP = {
  zh:
    '同时以 HMAC-SM3（国密）签名：webhook-signature 中在每个 v1,<HMAC-SHA256> 之后另加 sm3,<HMAC-SM3>（同一密钥、' +
    '同一待签文本“<webhook-id>.<webhook-timestamp>.<body>”）；Standard Webhooks 库会跳过它不认识的 sm3 项',
  en:
    'Sign with HMAC-SM3 (the Chinese national hash) as well: webhook-signature then carries sm3,<HMAC-SM3> entries ' +
    'after the v1,<HMAC-SHA256> ones (same secret, same signed text "<webhook-id>.<webhook-timestamp>.<body>"); ' +
    'Standard Webhooks libraries skip the sm3 entries they do not know',
};

const CreateWebhookEndpointInput = builder.inputType('CreateWebhookEndpointInput', {
  description: '新 Webhook 端点\n\nA new webhook endpoint',
  fields: (t) => ({
    url: t.string({ description: URL_HELP }),
    description: t.string({
      required: false,
      description: '说明，至多 200 个字符\n\nWhat it is for, at most 200 characters',
    }),
    eventTypes: t.stringList({ required: false, description: TYPES_HELP }),
    signWithSm3: t.boolean({
      required: false,
      description: bilingual({ zh: `${SM3_HELP.zh}；默认 false`, en: `${SM3_HELP.en}; false by default` }),
    }),
  }),
});

type EndpointWithSecret = { endpoint: WebhookEndpoint; secret: string };

const secretField = (zh: string, en: string) => ({
  description: `${zh}：以 whsec_ 开头，只在此返回一次，请立即保存到接收方的 Standard Webhooks 校验配置中\n\n${en}: starting whsec_, returned only here; store it now in the receiver’s Standard Webhooks verification`,
});

const CreateWebhookEndpointSuccessRef = builder
  .objectRef<EndpointWithSecret & { __typename: 'CreateWebhookEndpointSuccess' }>('CreateWebhookEndpointSuccess')
  .implement({
    description: '创建 Webhook 端点成功\n\nCreating a webhook endpoint succeeded',
    isTypeOf: (value) => (value as { __typename?: string }).__typename === 'CreateWebhookEndpointSuccess',
    fields: (t) => ({
      endpoint: t.field({
        type: WebhookEndpointRef,
        description: '新端点\n\nThe new endpoint',
        resolve: (s) => s.endpoint,
      }),
      secret: t.exposeString('secret', secretField('签名密钥', 'The signing secret')),
    }),
  });

const RotateWebhookEndpointSecretSuccessRef = builder
  .objectRef<EndpointWithSecret & { __typename: 'RotateWebhookEndpointSecretSuccess' }>(
    'RotateWebhookEndpointSecretSuccess',
  )
  .implement({
    description:
      '轮换签名密钥成功：此后每次推送同时带新旧两个签名，直到 previousSecretValidUntil\n\n' +
      'Rotating the signing secret succeeded: deliveries carry signatures of both until previousSecretValidUntil',
    isTypeOf: (value) => (value as { __typename?: string }).__typename === 'RotateWebhookEndpointSecretSuccess',
    fields: (t) => ({
      endpoint: t.field({ type: WebhookEndpointRef, description: '端点\n\nThe endpoint', resolve: (s) => s.endpoint }),
      secret: t.exposeString('secret', secretField('新签名密钥', 'The new signing secret')),
    }),
  });

const WebhookEndpointSuccessRef = builder
  .objectRef<{ __typename: 'WebhookEndpointSuccess'; endpoint: WebhookEndpoint }>('WebhookEndpointSuccess')
  .implement({
    description: '端点已更新\n\nThe endpoint was changed',
    isTypeOf: (value) => (value as { __typename?: string }).__typename === 'WebhookEndpointSuccess',
    fields: (t) => ({
      endpoint: t.field({ type: WebhookEndpointRef, description: '端点\n\nThe endpoint', resolve: (s) => s.endpoint }),
    }),
  });

const DeleteWebhookEndpointSuccessRef = builder
  .objectRef<{ __typename: 'DeleteWebhookEndpointSuccess'; id: string }>('DeleteWebhookEndpointSuccess')
  .implement({
    description: '端点及其推送记录已删除\n\nThe endpoint and its deliveries were deleted',
    isTypeOf: (value) => (value as { __typename?: string }).__typename === 'DeleteWebhookEndpointSuccess',
    fields: (t) => ({
      deletedEndpointId: t.globalID({
        description: '已删除端点的全局 ID\n\nThe deleted endpoint’s global ID',
        resolve: (s) => ({ type: 'WebhookEndpoint', id: s.id }),
      }),
    }),
  });

const WebhookDeliverySuccessRef = builder
  .objectRef<{ __typename: 'WebhookDeliverySuccess'; delivery: WebhookDelivery }>('WebhookDeliverySuccess')
  .implement({
    description: '推送已重新排队\n\nThe delivery was queued again',
    isTypeOf: (value) => (value as { __typename?: string }).__typename === 'WebhookDeliverySuccess',
    fields: (t) => ({
      delivery: t.field({ type: WebhookDeliveryRef, description: '推送\n\nThe delivery', resolve: (s) => s.delivery }),
    }),
  });

const REFUSALS_ZH =
  'UNAUTHENTICATED；FORBIDDEN：不是已接入直连单位的用户或其令牌；IDENTITY_NOT_ALLOWED：不是法定代表人或财务负责人';
const REFUSALS_EN =
  'UNAUTHENTICATED; FORBIDDEN: not of an ACTIVE direct-connect unit; IDENTITY_NOT_ALLOWED: neither the legal ' +
  'representative nor the finance manager';

function payload<Success>(name: string, success: ObjectRef<BuilderTypes, Success>, zh: string, en: string) {
  return builder.unionType(name, {
    description: `结果：成功，或被拒时为 BaseError（${REFUSALS_ZH}${zh}）或 ValidationError\n\nThe result: success, or when refused a BaseError (${REFUSALS_EN}${en}) or a ValidationError`,
    types: [success, BaseErrorRef, ValidationErrorRef],
  });
}

const notFound = { zh: '；NOT_FOUND：不是本企业的端点', en: '; NOT_FOUND: no such endpoint of the enterprise' };

const ENDPOINT_ID = '端点的全局 ID（WebhookEndpoint.id）\n\nThe endpoint’s global ID (WebhookEndpoint.id)';

builder.mutationField('createWebhookEndpoint', (t) =>
  t.field({
    type: payload(
      'CreateWebhookEndpointPayload',
      CreateWebhookEndpointSuccessRef,
      '；LIMIT_EXCEEDED：端点已达 10 个',
      '; LIMIT_EXCEEDED: the enterprise has 10 endpoints already',
    ),
    description:
      '新建 Webhook 端点：自此刻起，本企业在 caseEvents 上能看到的事件逐条按顺序推送到该地址。签名密钥只在结果中显示一次。' +
      `${WHO.split('\n\n')[0]}\n\n` +
      'Creates a webhook endpoint: from now on every event the enterprise sees on caseEvents is delivered there, in ' +
      `order. The signing secret is shown once, in the result. ${WHO.split('\n\n')[1]}`,
    extensions: { [ADMITS_API_TOKENS]: true },
    args: { input: t.arg({ type: CreateWebhookEndpointInput, description: '新端点\n\nThe new endpoint' }) },
    resolve: signedIn(unauthenticated.inSimplePayload, async (_root, { input }, context) => {
      const result = await createWebhookEndpoint(context.app, context.viewer, input);
      if (!result.ok) return toSimplePayloadError(result.error, context.locale);
      context.app.webhooks?.wake();
      return { __typename: 'CreateWebhookEndpointSuccess' as const, ...result.value };
    }),
  }),
);

const UpdateWebhookEndpointInput = builder.inputType('UpdateWebhookEndpointInput', {
  description: '要修改的端点及新值；省略的项不变\n\nThe endpoint to change and its new values; what is omitted stays',
  fields: (t) => ({
    id: t.globalID({ for: WebhookEndpointRef, description: ENDPOINT_ID }),
    expectedVersion: t.int({
      description:
        '读到的版本号；已被他人修改时为 STALE_VERSION\n\nThe version read; STALE_VERSION if it changed since',
    }),
    url: t.string({ required: false, description: URL_HELP }),
    description: t.string({
      required: false,
      description: '说明，至多 200 个字符\n\nWhat it is for, at most 200 characters',
    }),
    eventTypes: t.stringList({ required: false, description: TYPES_HELP }),
    signWithSm3: t.boolean({ required: false, description: bilingual(SM3_HELP) }),
    enabled: t.boolean({
      required: false,
      description:
        'false 停用（暂停推送，事件在恢复后按顺序补发）；true 启用，包括重试用尽后自动停用的端点\n\n' +
        'false pauses deliveries (events follow in order once resumed); true enables it, also after the retries ran out',
    }),
  }),
});

builder.mutationField('updateWebhookEndpoint', (t) =>
  t.field({
    type: payload(
      'UpdateWebhookEndpointPayload',
      WebhookEndpointSuccessRef,
      `${notFound.zh}；STALE_VERSION：端点已被修改`,
      `${notFound.en}; STALE_VERSION: it changed since read`,
    ),
    description: `修改、停用或启用 Webhook 端点。${WHO.split('\n\n')[0]}\n\nChanges, pauses or resumes a webhook endpoint. ${WHO.split('\n\n')[1]}`,
    extensions: { [ADMITS_API_TOKENS]: true },
    args: { input: t.arg({ type: UpdateWebhookEndpointInput, description: '修改内容\n\nThe change' }) },
    resolve: signedIn(unauthenticated.inSimplePayload, async (_root, { input }, context) => {
      const result = await updateWebhookEndpoint(context.app, context.viewer, { ...input, id: input.id.id });
      if (!result.ok) return toSimplePayloadError(result.error, context.locale);
      context.app.webhooks?.wake();
      return { __typename: 'WebhookEndpointSuccess' as const, endpoint: result.value };
    }),
  }),
);

const EndpointIdInput = builder.inputType('WebhookEndpointIdInput', {
  description: '一个 Webhook 端点\n\nOne webhook endpoint',
  fields: (t) => ({ id: t.globalID({ for: WebhookEndpointRef, description: ENDPOINT_ID }) }),
});

builder.mutationField('rotateWebhookEndpointSecret', (t) =>
  t.field({
    type: payload(
      'RotateWebhookEndpointSecretPayload',
      RotateWebhookEndpointSecretSuccessRef,
      notFound.zh,
      notFound.en,
    ),
    description:
      '轮换签名密钥：新密钥只显示一次；24 小时内推送同时带新旧密钥的签名，接收方可从容切换。' +
      `${WHO.split('\n\n')[0]}\n\nRotates the signing secret: the new one is shown once; for 24 hours deliveries ` +
      `carry signatures of both, so the receiver can switch over. ${WHO.split('\n\n')[1]}`,
    extensions: { [ADMITS_API_TOKENS]: true },
    args: { input: t.arg({ type: EndpointIdInput, description: '端点\n\nThe endpoint' }) },
    resolve: signedIn(unauthenticated.inSimplePayload, async (_root, { input }, context) => {
      const result = await rotateWebhookEndpointSecret(context.app, context.viewer, input.id.id);
      return result.ok
        ? { __typename: 'RotateWebhookEndpointSecretSuccess' as const, ...result.value }
        : toSimplePayloadError(result.error, context.locale);
    }),
  }),
);

builder.mutationField('deleteWebhookEndpoint', (t) =>
  t.field({
    type: payload('DeleteWebhookEndpointPayload', DeleteWebhookEndpointSuccessRef, notFound.zh, notFound.en),
    description: `删除 Webhook 端点及其推送记录，推送立即停止。${WHO.split('\n\n')[0]}\n\nDeletes a webhook endpoint and its deliveries; deliveries stop at once. ${WHO.split('\n\n')[1]}`,
    extensions: { [ADMITS_API_TOKENS]: true },
    args: { input: t.arg({ type: EndpointIdInput, description: '端点\n\nThe endpoint' }) },
    resolve: signedIn(unauthenticated.inSimplePayload, async (_root, { input }, context) => {
      const result = await deleteWebhookEndpoint(context.app, context.viewer, input.id.id);
      return result.ok
        ? { __typename: 'DeleteWebhookEndpointSuccess' as const, id: result.value }
        : toSimplePayloadError(result.error, context.locale);
    }),
  }),
);

const RedeliverWebhookInput = builder.inputType('RedeliverWebhookInput', {
  description: '要重新推送的记录\n\nThe delivery to send again',
  fields: (t) => ({
    deliveryId: t.globalID({
      for: WebhookDeliveryRef,
      description: '推送记录的全局 ID（WebhookDelivery.id）\n\nThe delivery’s global ID (WebhookDelivery.id)',
    }),
  }),
});

builder.mutationField('redeliverWebhook', (t) =>
  t.field({
    type: payload(
      'RedeliverWebhookPayload',
      WebhookDeliverySuccessRef,
      '；NOT_FOUND：不是本企业端点的推送',
      '; NOT_FOUND: no such delivery of the enterprise’s endpoints',
    ),
    description:
      '重新推送一条记录：从第一次尝试重新开始，webhook-id 不变，按其在事件流中的位置排队（端点停用时待启用后推送）。' +
      `${WHO.split('\n\n')[0]}\n\nSends a delivery again from its first attempt, with the same webhook-id, in its ` +
      `place in the stream (after the endpoint is enabled, if it is not). ${WHO.split('\n\n')[1]}`,
    extensions: { [ADMITS_API_TOKENS]: true },
    args: { input: t.arg({ type: RedeliverWebhookInput, description: '推送记录\n\nThe delivery' }) },
    resolve: signedIn(unauthenticated.inSimplePayload, async (_root, { input }, context) => {
      const result = await redeliverWebhook(context.app, context.viewer, input.deliveryId.id);
      if (!result.ok) return toSimplePayloadError(result.error, context.locale);
      context.app.webhooks?.wake();
      return { __typename: 'WebhookDeliverySuccess' as const, delivery: result.value };
    }),
  }),
);

const ReplayWebhookEndpointInput = builder.inputType('ReplayWebhookEndpointInput', {
  description: '从哪里重放：after 与 since 二选一\n\nWhere to replay from: exactly one of after and since',
  fields: (t) => ({
    endpointId: t.globalID({ for: WebhookEndpointRef, description: ENDPOINT_ID }),
    after: t.string({
      required: false,
      description:
        '事件游标（caseEvents 或推送记录的 cursor）：其后的事件重新推送\n\n' +
        'An event cursor (from caseEvents or a delivery): the events after it are delivered again',
    }),
    since: t.field({
      type: 'DateTime',
      required: false,
      description: '自此时刻起的事件重新推送\n\nThe events from this moment on are delivered again',
    }),
  }),
});

builder.mutationField('replayWebhookEndpoint', (t) =>
  t.field({
    type: payload('ReplayWebhookEndpointPayload', WebhookEndpointSuccessRef, notFound.zh, notFound.en),
    description:
      '重放：把端点的游标移到 after 或 since 处，此后订阅的事件按顺序重新推送，各用原来的 webhook-id。' +
      `${WHO.split('\n\n')[0]}\n\nReplays: moves the endpoint’s cursor to after or since; the subscribed events ` +
      `from there are delivered again in order, each with its webhook-id. ${WHO.split('\n\n')[1]}`,
    extensions: { [ADMITS_API_TOKENS]: true },
    args: { input: t.arg({ type: ReplayWebhookEndpointInput, description: '重放范围\n\nWhere to replay from' }) },
    resolve: signedIn(unauthenticated.inSimplePayload, async (_root, { input }, context) => {
      const result = await replayWebhookEndpoint(context.app, context.viewer, {
        endpointId: input.endpointId.id,
        after: input.after,
        since: input.since,
      });
      if (!result.ok) return toSimplePayloadError(result.error, context.locale);
      context.app.webhooks?.wake();
      return { __typename: 'WebhookEndpointSuccess' as const, endpoint: result.value };
    }),
  }),
);
