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
