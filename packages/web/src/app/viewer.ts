import { graphql, type ResultOf } from './graphql.ts';

export const SESSION_VIEWER_FIELDS = graphql(`
  fragment SessionViewerFields on Viewer {
    accountId
    username
    displayName
    role
    identityType
    enterprise {
      id
      uscc
      name
    }
    authority {
      code
      name
      level
    }
    passwordChangeRequired
    passwordExpiresAt
  }
`);

export const VIEWER_QUERY = graphql(
  `
  query SessionViewer {
    viewer {
      ...SessionViewerFields
    }
  }
`,
  [SESSION_VIEWER_FIELDS],
);

/** The signed-in user as the session query reads it. */
export type SessionViewer = ResultOf<typeof SESSION_VIEWER_FIELDS>;
export type UserRole = SessionViewer['role'];
export type TaxAuthority = NonNullable<SessionViewer['authority']>;
export type AuthorityLevel = TaxAuthority['level'];

export const CHANGE_PASSWORD_PATH = '/account/password';

/** Where a user lands after signing in: 修改密码 first when the password must be changed. */
export function homePath(viewer: SessionViewer): string {
  if (viewer.passwordChangeRequired) return CHANGE_PASSWORD_PATH;
  if (viewer.role === 'ADMIN') return '/admin';
  return viewer.role === 'OFFICER' ? '/workbench' : '/access/overview';
}
