import { graphql, type ResultOf } from '../../app/graphql.ts';
import { SESSION_VIEWER_FIELDS } from '../../app/viewer.ts';
import { ERROR_FIELDS } from '../../ui/shared-fields.ts';

export const PASSWORD_POLICY_QUERY = graphql(`
  query PasswordPolicy {
    passwordPolicy {
      minLength
      maxLength
      minClasses
      maxAgeDays
      history
    }
  }
`);

export const CHANGE_PASSWORD_MUTATION = graphql(
  `
  mutation ChangePassword($input: ChangePasswordInput!) {
    changePassword(input: $input) {
      __typename
      ... on ChangePasswordSuccess {
        viewer {
          ...SessionViewerFields
        }
      }
      ...ErrorFields
    }
  }
`,
  [ERROR_FIELDS, SESSION_VIEWER_FIELDS],
);

export type PasswordPolicy = ResultOf<typeof PASSWORD_POLICY_QUERY>['passwordPolicy'];

export const BEGIN_TWO_FACTOR_MUTATION = graphql(
  `
  mutation BeginTwoFactorEnrolment {
    beginTwoFactorEnrolment {
      __typename
      ... on TwoFactorEnrolmentOffer {
        secret
        otpauthUri
      }
      ...ErrorFields
    }
  }
`,
  [ERROR_FIELDS],
);

export const CONFIRM_TWO_FACTOR_MUTATION = graphql(
  `
  mutation ConfirmTwoFactorEnrolment($input: OneTimeCodeInput!) {
    confirmTwoFactorEnrolment(input: $input) {
      __typename
      ... on TwoFactorEnrolled {
        recoveryCodes
        viewer {
          ...SessionViewerFields
        }
      }
      ...ErrorFields
    }
  }
`,
  [ERROR_FIELDS, SESSION_VIEWER_FIELDS],
);

export const DISABLE_TWO_FACTOR_MUTATION = graphql(
  `
  mutation DisableTwoFactor($input: OneTimeCodeInput!) {
    disableTwoFactor(input: $input) {
      __typename
      ... on TwoFactorDisabled {
        viewer {
          ...SessionViewerFields
        }
      }
      ...ErrorFields
    }
  }
`,
  [ERROR_FIELDS, SESSION_VIEWER_FIELDS],
);

export const REGENERATE_RECOVERY_CODES_MUTATION = graphql(
  `
  mutation RegenerateRecoveryCodes($input: OneTimeCodeInput!) {
    regenerateRecoveryCodes(input: $input) {
      __typename
      ... on RecoveryCodes {
        recoveryCodes
      }
      ...ErrorFields
    }
  }
`,
  [ERROR_FIELDS],
);
