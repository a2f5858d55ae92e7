/* eslint-disable */
import * as types from './graphql.ts';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  fragment Refusal on Error {\n    code\n    message\n    ... on ValidationError {\n      issues {\n        field\n        code\n        message\n      }\n    }\n  }\n": typeof types.RefusalFragmentDoc,
    "\n  fragment InvitationSummary on Invitation {\n    id\n    status\n    officialStatusCode\n    useUnitUscc\n    useUnitName\n    relationshipCode\n    capabilityCodes\n    lastReason\n  }\n": typeof types.InvitationSummaryFragmentDoc,
    "\n  mutation InviteUseUnits($input: InviteUseUnitsInput!) {\n    inviteUseUnits(input: $input) {\n      __typename\n      ... on InviteUseUnitsSuccess {\n        succeeded {\n          ...InvitationSummary\n        }\n        failed {\n          row\n          uscc\n          code\n          message\n        }\n      }\n      ...Refusal\n    }\n  }\n": typeof types.InviteUseUnitsDocument,
    "\n  query SentInvitations($first: Int!, $after: String, $status: InvitationStatus) {\n    sentInvitations(first: $first, after: $after, status: $status) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          ...InvitationSummary\n        }\n      }\n    }\n  }\n": typeof types.SentInvitationsDocument,
    "\n  mutation UnbindUseUnits($input: UnbindUseUnitsInput!) {\n    unbindUseUnits(input: $input) {\n      __typename\n      ... on UnbindUseUnitsSuccess {\n        unbound {\n          id\n          status\n          useUnit {\n            uscc\n          }\n        }\n        failed {\n          uscc\n          code\n          message\n        }\n      }\n      ...Refusal\n    }\n  }\n": typeof types.UnbindUseUnitsDocument,
    "\n  subscription FollowCaseEvents($after: String) {\n    caseEvents(after: $after) {\n      cursor\n      caseKind\n      caseId\n      event\n      fromStatus\n      toStatus\n      actorName\n      reason\n      createdAt\n    }\n  }\n": typeof types.FollowCaseEventsDocument,
};
const documents: Documents = {
    "\n  fragment Refusal on Error {\n    code\n    message\n    ... on ValidationError {\n      issues {\n        field\n        code\n        message\n      }\n    }\n  }\n": types.RefusalFragmentDoc,
    "\n  fragment InvitationSummary on Invitation {\n    id\n    status\n    officialStatusCode\n    useUnitUscc\n    useUnitName\n    relationshipCode\n    capabilityCodes\n    lastReason\n  }\n": types.InvitationSummaryFragmentDoc,
    "\n  mutation InviteUseUnits($input: InviteUseUnitsInput!) {\n    inviteUseUnits(input: $input) {\n      __typename\n      ... on InviteUseUnitsSuccess {\n        succeeded {\n          ...InvitationSummary\n        }\n        failed {\n          row\n          uscc\n          code\n          message\n        }\n      }\n      ...Refusal\n    }\n  }\n": types.InviteUseUnitsDocument,
    "\n  query SentInvitations($first: Int!, $after: String, $status: InvitationStatus) {\n    sentInvitations(first: $first, after: $after, status: $status) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          ...InvitationSummary\n        }\n      }\n    }\n  }\n": types.SentInvitationsDocument,
    "\n  mutation UnbindUseUnits($input: UnbindUseUnitsInput!) {\n    unbindUseUnits(input: $input) {\n      __typename\n      ... on UnbindUseUnitsSuccess {\n        unbound {\n          id\n          status\n          useUnit {\n            uscc\n          }\n        }\n        failed {\n          uscc\n          code\n          message\n        }\n      }\n      ...Refusal\n    }\n  }\n": types.UnbindUseUnitsDocument,
    "\n  subscription FollowCaseEvents($after: String) {\n    caseEvents(after: $after) {\n      cursor\n      caseKind\n      caseId\n      event\n      fromStatus\n      toStatus\n      actorName\n      reason\n      createdAt\n    }\n  }\n": types.FollowCaseEventsDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment Refusal on Error {\n    code\n    message\n    ... on ValidationError {\n      issues {\n        field\n        code\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  fragment Refusal on Error {\n    code\n    message\n    ... on ValidationError {\n      issues {\n        field\n        code\n        message\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment InvitationSummary on Invitation {\n    id\n    status\n    officialStatusCode\n    useUnitUscc\n    useUnitName\n    relationshipCode\n    capabilityCodes\n    lastReason\n  }\n"): (typeof documents)["\n  fragment InvitationSummary on Invitation {\n    id\n    status\n    officialStatusCode\n    useUnitUscc\n    useUnitName\n    relationshipCode\n    capabilityCodes\n    lastReason\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation InviteUseUnits($input: InviteUseUnitsInput!) {\n    inviteUseUnits(input: $input) {\n      __typename\n      ... on InviteUseUnitsSuccess {\n        succeeded {\n          ...InvitationSummary\n        }\n        failed {\n          row\n          uscc\n          code\n          message\n        }\n      }\n      ...Refusal\n    }\n  }\n"): (typeof documents)["\n  mutation InviteUseUnits($input: InviteUseUnitsInput!) {\n    inviteUseUnits(input: $input) {\n      __typename\n      ... on InviteUseUnitsSuccess {\n        succeeded {\n          ...InvitationSummary\n        }\n        failed {\n          row\n          uscc\n          code\n          message\n        }\n      }\n      ...Refusal\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SentInvitations($first: Int!, $after: String, $status: InvitationStatus) {\n    sentInvitations(first: $first, after: $after, status: $status) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          ...InvitationSummary\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query SentInvitations($first: Int!, $after: String, $status: InvitationStatus) {\n    sentInvitations(first: $first, after: $after, status: $status) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          ...InvitationSummary\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UnbindUseUnits($input: UnbindUseUnitsInput!) {\n    unbindUseUnits(input: $input) {\n      __typename\n      ... on UnbindUseUnitsSuccess {\n        unbound {\n          id\n          status\n          useUnit {\n            uscc\n          }\n        }\n        failed {\n          uscc\n          code\n          message\n        }\n      }\n      ...Refusal\n    }\n  }\n"): (typeof documents)["\n  mutation UnbindUseUnits($input: UnbindUseUnitsInput!) {\n    unbindUseUnits(input: $input) {\n      __typename\n      ... on UnbindUseUnitsSuccess {\n        unbound {\n          id\n          status\n          useUnit {\n            uscc\n          }\n        }\n        failed {\n          uscc\n          code\n          message\n        }\n      }\n      ...Refusal\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription FollowCaseEvents($after: String) {\n    caseEvents(after: $after) {\n      cursor\n      caseKind\n      caseId\n      event\n      fromStatus\n      toStatus\n      actorName\n      reason\n      createdAt\n    }\n  }\n"): (typeof documents)["\n  subscription FollowCaseEvents($after: String) {\n    caseEvents(after: $after) {\n      cursor\n      caseKind\n      caseId\n      event\n      fromStatus\n      toStatus\n      actorName\n      reason\n      createdAt\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;