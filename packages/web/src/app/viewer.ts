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

/** Where a user lands after signing in. */
export function homePath(viewer: SessionViewer): string {
  if (viewer.role === 'ADMIN') return '/admin';
  return viewer.role === 'OFFICER' ? '/workbench' : '/access/overview';
}
