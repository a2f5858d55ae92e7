// 开发者设置 → Webhooks of a direct-connect unit (issue 21): its endpoints, their delivery logs, and what may be done
// to them. Who may is the server's answer: a refused list says why (see WebhooksPage).
import { graphql, type ResultOf, type VariablesOf } from '../../app/graphql.ts';
import { ERROR_FIELDS } from '../../ui/shared-fields.ts';

/** Endpoints per page: an enterprise has at most 10 (MAX_WEBHOOK_ENDPOINTS), so one page in practice. */
export const ENDPOINT_PAGE_SIZE = 20;
export const DELIVERY_PAGE_SIZE = 20;

const WEBHOOK_ENDPOINT_FIELDS = graphql(`
  fragment WebhookEndpointFields on WebhookEndpoint {
    id
    url
    description
    eventTypes
    signWithSm3
    status
    disabledReason
    previousSecretValidUntil
    version
    createdAt
    updatedAt
  }
`);

const WEBHOOK_DELIVERY_FIELDS = graphql(`
  fragment WebhookDeliveryFields on WebhookDelivery {
    id
    webhookId
    eventType
    cursor
    status
    attempts
    lastStatusCode
    lastLatencyMs
    lastError
    nextAttemptAt
    deliveredAt
    createdAt
  }
`);

export const WEBHOOK_ENDPOINTS_QUERY = graphql(
  `
  query WebhookEndpoints($first: Int, $after: String) {
    webhookEventTypes
    webhookEndpoints(first: $first, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { node { ...WebhookEndpointFields } }
    }
  }
`,
  [WEBHOOK_ENDPOINT_FIELDS],
);

export const WEBHOOK_DELIVERIES_QUERY = graphql(
  `
  query WebhookDeliveries($endpointId: ID!, $status: WebhookDeliveryStatus, $first: Int, $after: String) {
    node(id: $endpointId) {
      id
      ... on WebhookEndpoint {
        deliveries(first: $first, after: $after, status: $status) {
          totalCount
          pageInfo { hasNextPage endCursor }
          edges { node { ...WebhookDeliveryFields } }
        }
      }
    }
  }
`,
  [WEBHOOK_DELIVERY_FIELDS],
);

export const CREATE_WEBHOOK_ENDPOINT_MUTATION = graphql(
  `
  mutation CreateWebhookEndpoint($input: CreateWebhookEndpointInput!) {
    createWebhookEndpoint(input: $input) {
      __typename
      ... on CreateWebhookEndpointSuccess {
        secret
        endpoint { ...WebhookEndpointFields }
      }
      ...ErrorFields
    }
  }
`,
  [WEBHOOK_ENDPOINT_FIELDS, ERROR_FIELDS],
);

export const UPDATE_WEBHOOK_ENDPOINT_MUTATION = graphql(
  `
  mutation UpdateWebhookEndpoint($input: UpdateWebhookEndpointInput!) {
    updateWebhookEndpoint(input: $input) {
      __typename
      ... on WebhookEndpointSuccess {
        endpoint { ...WebhookEndpointFields }
      }
      ...ErrorFields
    }
  }
`,
  [WEBHOOK_ENDPOINT_FIELDS, ERROR_FIELDS],
);

export const ROTATE_WEBHOOK_SECRET_MUTATION = graphql(
  `
  mutation RotateWebhookEndpointSecret($input: WebhookEndpointIdInput!) {
    rotateWebhookEndpointSecret(input: $input) {
      __typename
      ... on RotateWebhookEndpointSecretSuccess {
        secret
        endpoint { ...WebhookEndpointFields }
      }
      ...ErrorFields
    }
  }
`,
  [WEBHOOK_ENDPOINT_FIELDS, ERROR_FIELDS],
);

export const DELETE_WEBHOOK_ENDPOINT_MUTATION = graphql(
  `
  mutation DeleteWebhookEndpoint($input: WebhookEndpointIdInput!) {
    deleteWebhookEndpoint(input: $input) {
      __typename
      ... on DeleteWebhookEndpointSuccess {
        deletedEndpointId
      }
      ...ErrorFields
    }
  }
`,
  [ERROR_FIELDS],
);

export const REDELIVER_WEBHOOK_MUTATION = graphql(
  `
  mutation RedeliverWebhook($input: RedeliverWebhookInput!) {
    redeliverWebhook(input: $input) {
      __typename
      ... on WebhookDeliverySuccess {
        delivery { ...WebhookDeliveryFields }
      }
      ...ErrorFields
    }
  }
`,
  [WEBHOOK_DELIVERY_FIELDS, ERROR_FIELDS],
);

export const REPLAY_WEBHOOK_ENDPOINT_MUTATION = graphql(
  `
  mutation ReplayWebhookEndpoint($input: ReplayWebhookEndpointInput!) {
    replayWebhookEndpoint(input: $input) {
      __typename
      ... on WebhookEndpointSuccess {
        endpoint { ...WebhookEndpointFields }
      }
      ...ErrorFields
    }
  }
`,
  [WEBHOOK_ENDPOINT_FIELDS, ERROR_FIELDS],
);

export type WebhookEndpoint = ResultOf<typeof WEBHOOK_ENDPOINT_FIELDS>;
export type WebhookDelivery = ResultOf<typeof WEBHOOK_DELIVERY_FIELDS>;
export type WebhookDeliveryStatus = WebhookDelivery['status'];
export type CreateWebhookEndpointInput = VariablesOf<typeof CREATE_WEBHOOK_ENDPOINT_MUTATION>['input'];
/** A refusal as every webhook mutation answers it: BaseError or ValidationError (with its field issues). */
export type WebhookRefusal = Extract<
  ResultOf<typeof CREATE_WEBHOOK_ENDPOINT_MUTATION>['createWebhookEndpoint'],
  { __typename: 'BaseError' | 'ValidationError' }
>;
