import { graphql } from '../../app/graphql.ts';
import { SESSION_VIEWER_FIELDS, type SessionViewer, type UserRole } from '../../app/viewer.ts';

export const DEMO_PASSWORD = 'Leqi@2026';

export interface DemoUser {
  username: string;
  displayName: string;
  role: UserRole;
  hint: string;
}

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

export interface SignInData {
  signIn: {
    __typename: 'SignInSuccess' | 'BaseError' | 'ValidationError' | 'RetryLaterError';
    token?: string;
    viewer?: SessionViewer;
    code?: string;
    message?: string;
    issues?: { field: string; message: string }[];
  };
}

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
      ... on Error {
        code
        message
      }
      ... on ValidationError {
        issues {
          field
          message
        }
      }
    }
  }
`,
  [SESSION_VIEWER_FIELDS],
);
