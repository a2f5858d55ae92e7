// A small client of the Leqi 使用单位管理 API, as an ERP system would write it: plain fetch for queries and
// mutations, graphql-ws (on `ws`) for the live case events. No framework; the operations are typed by graphql-codegen
// (client preset) from the committed schema: each graphql(…) document below is a TypedDocumentNode whose result and
// variable types come from src/gql/ (regenerate with `pnpm --filter @leqi/example-erp-client codegen`).
import { readFile, rename, writeFile } from 'node:fs/promises';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql';
import { type Client, createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { graphql } from './gql/gql.ts';
import type {
  FollowCaseEventsSubscription,
  FollowCaseEventsSubscriptionVariables,
  InvitationRowInput,
  InvitationStatus,
  InvitationSummaryFragment,
  InviteUseUnitsMutation,
  RefusalFragment,
  Relationship,
  SentInvitationsQuery,
  UnbindUseUnitsMutation,
} from './gql/graphql.ts';

// the enums this client's results and variables use, as unions of their values
export type {
  BindingStatus,
  CaseEventName,
  CaseStatus,
  ErrorCode,
  FieldIssueCode,
  InvitationRowFailureCode,
  InvitationStatus,
  Relationship,
  ReviewKind,
} from './gql/graphql.ts';

export interface ClientConfig {
  /** the server, e.g. http://localhost:4000 (the API is at /graphql) */
  url: string;
  /** an API token `lqk_…` created by an operator of the direct-connect unit (createApiToken) */
  token: string;
  /** zh-CN (default) or en: the language of error messages */
  locale?: 'zh-CN' | 'en';
}

/** ValidationError.issues (fragment Refusal): which input field is wrong and why (code a FieldIssueCode). */
export type FieldIssue = Extract<RefusalFragment, { issues: unknown }>['issues'][number];

/**
 * A refusal of the whole call: a union error member (`Error { code message }`, code an ErrorCode), a top-level
 * GraphQL error (its extensions.code) or one of this client's own (HTTP_ERROR, INVALID_RELATIONSHIP).
 */
export class LeqiError extends Error {
  constructor(
    readonly code: string,
    message: string,
    /** ValidationError.issues, when the server sent them */
    readonly issues: FieldIssue[] = [],
  ) {
    super(`${code}: ${message}`);
    this.name = 'LeqiError';
  }
}

interface GraphQLResponse<T> {
  data?: T;
  errors?: { message: string; extensions?: { code?: string } }[];
}

/** One GraphQL request over HTTP POST with the token as a Bearer header; typed by its generated document. */
export async function request<TResult, TVariables>(
  config: ClientConfig,
  document: TypedDocumentNode<TResult, TVariables>,
  variables: TVariables,
): Promise<TResult> {
  const query = print(document);
  const response = await fetch(`${config.url.replace(/\/$/, '')}/graphql`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: `Bearer ${config.token}`,
      'accept-language': config.locale ?? 'zh-CN',
    },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as GraphQLResponse<TResult>;
  const first = body.errors?.[0];
  if (first) throw new LeqiError(first.extensions?.code ?? 'GRAPHQL_ERROR', first.message);
  if (!body.data) throw new LeqiError('HTTP_ERROR', `HTTP ${response.status} without data`);
  return body.data;
}

/** Mutation payloads are unions: the success type, or an error type implementing `Error`. Narrows to the success. */
function unwrap<P extends { __typename: string }, S extends P['__typename']>(
  payload: P,
  success: S,
): Extract<P, { __typename: S }> {
  if (payload.__typename === success) return payload as Extract<P, { __typename: S }>;
  // every other member implements Error, selected by `...Refusal`; a ValidationError also has its issues
  const refusal = payload as unknown as RefusalFragment;
  throw new LeqiError(refusal.code, refusal.message, 'issues' in refusal ? refusal.issues : []);
}

/** Official 单位关系代码 → our Relationship enum. 00 无关系 and 04 不具有控制关系 are refused for self-use. */
export const RELATIONSHIP_OF_OFFICIAL_CODE = {
  '01': 'HQ_BRANCH',
  '02': 'PARENT_SUBSIDIARY',
  '03': 'OTHER_CONTROL',
  '05': 'SAME_REGULATOR',
} as const satisfies Record<string, Relationship>;

/**
 * One row of 使用单位接入申请 (SYDWSQ) in our field names: the schema's InvitationRowInput (uscc 使用单位纳税人识别号,
 * name 使用单位名称, provinceAuthorityCode 11 位省级税务机关代码, relationship, capabilityCodes 能力预授权).
 */
export type InvitationRow = InvitationRowInput;

/** An ERP record in the official codes, mapped field by field (see docs/api.md, 对照表). */
export function rowFromOfficial(record: {
  uscc: string;
  name: string;
  provinceAuthorityCode: string;
  relationshipCode: string;
  capabilityCodes?: string[];
}): InvitationRow {
  const code = record.relationshipCode.padStart(2, '0') as keyof typeof RELATIONSHIP_OF_OFFICIAL_CODE;
  const relationship = RELATIONSHIP_OF_OFFICIAL_CODE[code];
  if (!relationship)
    throw new LeqiError('INVALID_RELATIONSHIP', `单位关系代码 ${record.relationshipCode} 不适用于乐企自用`);
  return {
    uscc: record.uscc,
    name: record.name,
    provinceAuthorityCode: record.provinceAuthorityCode,
    relationship,
    ...(record.capabilityCodes ? { capabilityCodes: record.capabilityCodes } : {}),
  };
}

/**
 * What every mutation selects for a refusal: its payload union's other members implement `Error { code message }`,
 * and ValidationError adds the input fields at fault. Spread in each mutation as `...Refusal`; unwrap() reads it.
 */
export const REFUSAL_FRAGMENT = graphql(`
  fragment Refusal on Error {
    code
    message
    ... on ValidationError {
      issues {
        field
        code
        message
      }
    }
  }
`);

/** The fields of an invitation this client reads, shared by the operations below; typed as InvitationSummaryFragment. */
export const INVITATION_SUMMARY_FRAGMENT = graphql(`
  fragment InvitationSummary on Invitation {
    id
    status
    officialStatusCode
    useUnitUscc
    useUnitName
    relationshipCode
    capabilityCodes
    lastReason
  }
`);

export const INVITE_MUTATION = graphql(`
  mutation InviteUseUnits($input: InviteUseUnitsInput!) {
    inviteUseUnits(input: $input) {
      __typename
      ... on InviteUseUnitsSuccess {
        succeeded {
          ...InvitationSummary
        }
        failed {
          row
          uscc
          code
          message
        }
      }
      ...Refusal
    }
  }
`);

/** An invitation as sent (fragment InvitationSummary): status a CaseStatus, 接入状态代码 officialStatusCode, the use unit … */
export type InvitationSummary = InvitationSummaryFragment;
type InviteUseUnitsSuccess = Extract<InviteUseUnitsMutation['inviteUseUnits'], { __typename: 'InviteUseUnitsSuccess' }>;
/** A refused row: its 1-based position in the call, its USCC and an InvitationRowFailureCode. */
export type RowFailure = InviteUseUnitsSuccess['failed'][number];

/**
 * 使用单位接入申请: at most 250 rows per call. With an idempotency key, re-sending the same body (after a timeout,
 * a crash …) returns the first call's result and never invites twice; the same key with another body is DUPLICATE.
 */
export async function uploadInvitations(
  config: ClientConfig,
  rows: InvitationRow[],
  options: { idempotencyKey: string; proofMaterialIds?: string[] },
): Promise<{ succeeded: InvitationSummary[]; failed: RowFailure[] }> {
  const data = await request(config, INVITE_MUTATION, {
    input: {
      invitations: rows,
      idempotencyKey: options.idempotencyKey,
      ...(options.proofMaterialIds ? { proofMaterialIds: options.proofMaterialIds } : {}),
    },
  });
  const success = unwrap(data.inviteUseUnits, 'InviteUseUnitsSuccess');
  return { succeeded: success.succeeded, failed: success.failed };
}

export const STATUS_QUERY = graphql(`
  query SentInvitations($first: Int!, $after: String, $status: InvitationStatus) {
    sentInvitations(first: $first, after: $after, status: $status) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          ...InvitationSummary
        }
      }
    }
  }
`);

export interface StatusPage {
  totalCount: number;
  invitations: InvitationSummary[];
  hasNextPage: boolean;
  endCursor: string | null;
}

/** 查询使用单位接入状态: one page (1–100, newest first) after `after`. */
export async function fetchStatusPage(
  config: ClientConfig,
  options: { pageSize?: number; after?: string | null; status?: InvitationStatus | null } = {},
): Promise<StatusPage> {
  const data: SentInvitationsQuery = await request(config, STATUS_QUERY, {
    first: options.pageSize ?? 100,
    after: options.after ?? null,
    status: options.status ?? null,
  });
  const page = data.sentInvitations;
  return {
    totalCount: page.totalCount,
    invitations: page.edges.map((edge) => edge.node),
    hasNextPage: page.pageInfo.hasNextPage,
    endCursor: page.pageInfo.endCursor,
  };
}

/** Every page in turn, following pageInfo.endCursor until hasNextPage is false. */
export async function* statusPages(
  config: ClientConfig,
  options: { pageSize?: number; status?: InvitationStatus | null } = {},
): AsyncGenerator<StatusPage> {
  let after: string | null = null;
  for (;;) {
    const page: StatusPage = await fetchStatusPage(config, { ...options, after });
    yield page;
    if (!page.hasNextPage || !page.endCursor) return;
    after = page.endCursor;
  }
}

export async function allInvitationStatuses(
  config: ClientConfig,
  options: { pageSize?: number; status?: InvitationStatus | null } = {},
): Promise<InvitationSummary[]> {
  const all: InvitationSummary[] = [];
  for await (const page of statusPages(config, options)) all.push(...page.invitations);
  return all;
}

export const UNBIND_MUTATION = graphql(`
  mutation UnbindUseUnits($input: UnbindUseUnitsInput!) {
    unbindUseUnits(input: $input) {
      __typename
      ... on UnbindUseUnitsSuccess {
        unbound {
          id
          status
          useUnit {
            uscc
          }
        }
        failed {
          uscc
          code
          message
        }
      }
      ...Refusal
    }
  }
`);

type UnbindUseUnitsSuccess = Extract<UnbindUseUnitsMutation['unbindUseUnits'], { __typename: 'UnbindUseUnitsSuccess' }>;
/** A binding ended: its status (a BindingStatus, UNBOUND) and the use unit's USCC. */
export type UnboundBinding = UnbindUseUnitsSuccess['unbound'][number];
/** A USCC that could not be unbound, with an ErrorCode. */
export type UnbindFailure = UnbindUseUnitsSuccess['failed'][number];

/** 解除使用单位 by USCC: each one at once, failures reported per item. */
export async function unbindUseUnits(
  config: ClientConfig,
  usccs: string[],
): Promise<{ unbound: UnboundBinding[]; failed: UnbindFailure[] }> {
  const data = await request(config, UNBIND_MUTATION, { input: { usccs } });
  const success = unwrap(data.unbindUseUnits, 'UnbindUseUnitsSuccess');
  return { unbound: success.unbound, failed: success.failed };
}

export const CASE_EVENTS_SUBSCRIPTION = graphql(`
  subscription FollowCaseEvents($after: String) {
    caseEvents(after: $after) {
      cursor
      caseKind
      caseId
      event
      fromStatus
      toStatus
      actorName
      reason
      createdAt
    }
  }
`);

/** One status change: caseKind a ReviewKind, event a CaseEventName, from/toStatus CaseStatus, createdAt ISO 8601. */
export type CaseEvent = FollowCaseEventsSubscription['caseEvents'];

/** The last cursor handled, kept in a small JSON file so a restarted process resumes where it stopped. */
export async function loadCursor(file: string): Promise<string | null> {
  try {
    const saved = JSON.parse(await readFile(file, 'utf8')) as { cursor?: unknown };
    return typeof saved.cursor === 'string' ? saved.cursor : null;
  } catch {
    return null;
  }
}

export async function saveCursor(file: string, cursor: string): Promise<void> {
  // write then rename: a crash never leaves half a file behind
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, `${JSON.stringify({ cursor, savedAt: new Date().toISOString() })}\n`);
  await rename(temporary, file);
}

export interface FollowOptions {
  /** where the last handled cursor is kept */
  cursorFile: string;
  /** called once per event, in cursor order; the cursor is saved after it resolves */
  onEvent(event: CaseEvent): void | Promise<void>;
  /** without a saved cursor: 'now' (live events only, the default) or 'beginning' (every visible event first) */
  startFrom?: 'now' | 'beginning';
  /** wait before reconnecting after a dropped connection (default 1000 ms) */
  reconnectDelayMs?: number;
  onStatus?(status: 'connected' | 'disconnected' | 'failed', detail?: string): void;
}

export interface Follower {
  /** resolves when the first connection is acknowledged */
  readonly connected: Promise<void>;
  /** how many connections were acknowledged so far */
  connections(): number;
  lastCursor(): string | null;
  /** cuts the current connection abruptly, as a network failure would; the follower reconnects by itself */
  dropConnection(): void;
  /** stops following */
  close(): Promise<void>;
}

/** Close codes of the server that name the credential (docs/api.md §8): reconnecting with it cannot help. */
const FATAL_CLOSE_CODES = new Set([4401, 4403]);

/**
 * 跟踪状态变化: subscribes to `caseEvents(after: <saved cursor>)`. On a dropped connection it reconnects and
 * resubscribes from the last cursor it saved, so it receives exactly the events it missed, each once.
 */
export function followCaseEvents(config: ClientConfig, options: FollowOptions): Follower {
  const wsUrl = `${config.url.replace(/^http/, 'ws').replace(/\/$/, '')}/graphql`;
  let cursor: string | null = null;
  let client: Client | null = null;
  let stopped = false;
  let connections = 0;
  let queue = Promise.resolve();
  let firstConnected!: () => void;
  const connected = new Promise<void>((resolve) => {
    firstConnected = resolve;
  });
  let retry: ReturnType<typeof setTimeout> | null = null;

  const handle = (event: CaseEvent) => {
    // one at a time and in order; an event already handled (same or older cursor) is skipped
    queue = queue.then(async () => {
      if (cursor !== null && BigInt(event.cursor) <= BigInt(cursor)) return;
      await options.onEvent(event);
      cursor = event.cursor;
      await saveCursor(options.cursorFile, cursor);
    });
  };

  const connect = async () => {
    if (stopped) return;
    cursor ??= await loadCursor(options.cursorFile);
    const after = cursor ?? (options.startFrom === 'beginning' ? '0' : null);
    const current = createClient({
      url: wsUrl,
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${config.token}`, locale: config.locale ?? 'zh-CN' },
      // reconnecting is ours: graphql-ws would resubscribe with the stale `after` of the first subscription
      retryAttempts: 0,
      lazy: true,
      on: {
        connected: () => {
          connections += 1;
          options.onStatus?.('connected');
          firstConnected();
        },
      },
    });
    client = current;
    const variables: FollowCaseEventsSubscriptionVariables = { after };
    current.subscribe<FollowCaseEventsSubscription>(
      { query: print(CASE_EVENTS_SUBSCRIPTION), variables },
      {
        next: (result) => {
          if (result.data) handle(result.data.caseEvents);
        },
        error: (error) => {
          // GraphQL errors and a socket closed for the credential (4401 a revoked or expired token, 4403) will not
          // go away by reconnecting with the same token
          if (Array.isArray(error) || FATAL_CLOSE_CODES.has((error as { code?: number })?.code ?? 0)) {
            fail(current, describe(error));
          } else reconnect(current, describe(error));
        },
        complete: () => reconnect(current, 'completed'),
      },
    );
  };

  const fail = (from: Client, detail: string) => {
    stopped = true;
    options.onStatus?.('failed', detail);
    void from.dispose();
  };

  const reconnect = (from: Client, detail: string) => {
    if (stopped || client !== from) return;
    options.onStatus?.('disconnected', detail);
    client = null;
    void from.dispose();
    retry = setTimeout(() => {
      retry = null;
      void queue.then(connect);
    }, options.reconnectDelayMs ?? 1000);
  };

  void connect();
  return {
    connected,
    connections: () => connections,
    lastCursor: () => cursor,
    dropConnection: () => client?.terminate(),
    close: async () => {
      stopped = true;
      if (retry) clearTimeout(retry);
      await client?.dispose();
      await queue;
    },
  };
}

function describe(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (Array.isArray(error)) return error.map((item: { message?: string }) => item.message).join('; ');
  const close = error as { code?: number; reason?: string };
  return close?.code ? `closed ${close.code} ${close.reason ?? ''}`.trim() : String(error);
}
