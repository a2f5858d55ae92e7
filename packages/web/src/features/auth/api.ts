import { graphql, type ResultOf } from '../../app/graphql.ts';
import { SESSION_VIEWER_FIELDS } from '../../app/viewer.ts';
import { ERROR_FIELDS } from '../../ui/shared-fields.ts';

export const DEMO_PASSWORD = 'Leqi@2026';

export const DEMO_USERS_QUERY = graphql(`
  query DemoUsers {
    demoUsers {
      username
      displayName
      role
      hint
    }
  }
`);

export const SIGN_IN_MUTATION = graphql(
  `
  mutation SignIn($input: SignInInput!) {
    signIn(input: $input) {
      __typename
      ... on SignInSuccess {
        token
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

export type DemoUser = ResultOf<typeof DEMO_USERS_QUERY>['demoUsers'][number];
export type SignInData = ResultOf<typeof SIGN_IN_MUTATION>;
