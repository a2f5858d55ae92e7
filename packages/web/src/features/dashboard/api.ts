import { graphql } from '../../app/graphql.ts';

export interface StatusCount {
  status: string;
  label: string;
  count: number;
}

export interface CaseProgress {
  id: string;
  status: string;
  statusLabel: string;
  step: 'ACCEPTANCE' | 'REVIEW' | 'CONFIRMATION' | null;
  since: string;
  lastReason: string | null;
}

export interface AccessValidity {
  endsAt: string;
  renewalRemindFrom: string;
  state: 'VALID' | 'RENEWAL_DUE' | 'EXPIRED';
  stateLabel: string;
  remindRenewal: boolean;
  daysLeft: number;
}

export interface EnterpriseOverview {
  enterprise: { id: string; name: string; uscc: string };
  dcuStatus: string;
  leqiId: string | null;
  confirmedAt: string | null;
  accessValidity: AccessValidity | null;
  accessApplication: CaseProgress | null;
  exitApplication: CaseProgress | null;
  sentInvitations: StatusCount[];
  receivedInvitations: StatusCount[];
  activeBindingCount: number;
  directUnit: { id: string; name: string; uscc: string } | null;
  subscriptions: StatusCount[];
  subscribedCapabilityCount: number;
  authorisationsGiven: number;
  authorisationsHeld: number;
}

export const ENTERPRISE_OVERVIEW_QUERY = graphql(
  `
  query EnterpriseOverview {
    enterpriseOverview {
      enterprise { id name uscc }
      dcuStatus
      leqiId
      confirmedAt
      accessValidity { endsAt renewalRemindFrom state stateLabel remindRenewal daysLeft }
      accessApplication { id status statusLabel step since lastReason }
      exitApplication { id status statusLabel step since lastReason }
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
