import { graphql, type ResultOf } from '../../app/graphql.ts';

export const ENTERPRISE_OVERVIEW_QUERY = graphql(
  `
  query EnterpriseOverview {
    enterpriseOverview {
      enterprise { id name uscc mayApplyForExit }
      dcuStatus
      leqiId
      confirmedAt
      accessValidity { endsAt renewalRemindFrom state stateLabel remindRenewal daysLeft }
      accessApplication { caseId status statusLabel step since lastReason }
      exitApplication { caseId status statusLabel step since lastReason }
      sentInvitations { status label count }
      receivedInvitations { status label count }
      activeBindingCount
      directUnit { id name uscc }
      subscriptions { status label count }
      subscribedCapabilityCount
      authorisationsGiven
      authorisationsHeld
    }
  }
`,
);

export type EnterpriseOverview = ResultOf<typeof ENTERPRISE_OVERVIEW_QUERY>['enterpriseOverview'];
export type StatusCount = EnterpriseOverview['sentInvitations'][number];
export type CaseProgress = NonNullable<EnterpriseOverview['accessApplication']>;
export type AccessValidity = NonNullable<EnterpriseOverview['accessValidity']>;
