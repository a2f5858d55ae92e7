import { graphql } from '../app/graphql.ts';

/** What every review case (接入申请, 退出申请, 邀请, 能力订阅) shows: its step, per-viewer actions and its audit trail. */
export const REVIEW_CASE_FIELDS = graphql(`
  fragment ReviewCaseFields on ReviewCase {
    stepEnteredAt
    submittedAt
    lastReason
    availableActions {
      event
      label
      needsReason
    }
    blockedReason
    blockedReasonCode
    claim {
      holder {
        name
        username
      }
      expiresAt
      heldByViewer
    }
    claimOptions {
      canClaim
      canRelease
      canReassign
    }
    auditTrail {
      id
      cursor
      event
      fromStatus
      toStatus
      actorName
      actorRole
      reason
      createdAt
    }
  }
`);
