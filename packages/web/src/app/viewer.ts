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
    twoFactorEnabled
    twoFactorRequired
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
export const TWO_FACTOR_PATH = '/account/two-factor';

/** The page a user must finish before any other: 修改密码, then 设置双因素认证 where their role requires it. */
export function firstStepPath(viewer: SessionViewer): string | null {
  if (viewer.passwordChangeRequired) return CHANGE_PASSWORD_PATH;
  if (viewer.twoFactorRequired && !viewer.twoFactorEnabled) return TWO_FACTOR_PATH;
  return null;
}

/** Where a user lands after signing in: a required first step, else their side of the product. */
export function homePath(viewer: SessionViewer): string {
  const first = firstStepPath(viewer);
  if (first) return first;
  if (viewer.role === 'ADMIN') return '/admin';
  return viewer.role === 'OFFICER' ? '/workbench' : '/access/overview';
}
