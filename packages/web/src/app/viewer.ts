import { graphql } from './graphql.ts';
export type UserRole = 'ENTERPRISE' | 'OFFICER' | 'ADMIN' | 'API_CLIENT';
export type AuthorityLevel = 'PROVINCIAL' | 'LOCAL';

export interface TaxAuthority {
  code: string;
  name: string;
  level: AuthorityLevel;
}

export interface SessionViewer {
  id: string;
  username: string;
  displayName: string;
  role: UserRole;
  identityType: string | null;
  enterprise: { id: string; uscc: string; name: string } | null;
  authority: TaxAuthority | null;
}

export const SESSION_VIEWER_FIELDS = graphql(`
  fragment SessionViewerFields on Viewer {
    id
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

/** Where a user lands after signing in. */
export function homePath(viewer: SessionViewer): string {
  if (viewer.role === 'ADMIN') return '/admin';
  return viewer.role === 'OFFICER' ? '/workbench' : '/access/overview';
}
