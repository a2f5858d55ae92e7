import type { GraphQLResolveInfo } from 'graphql';
import { accessApplicationCase } from '../access-application/case.ts';
import { subscriptionCase } from '../capability-subscription/case.ts';
import { exitApplicationCase } from '../exit-application/case.ts';
import { invitationCase } from '../invitation/case.ts';
import type { CaseKind } from './kind.ts';

export const CASE_KINDS: readonly CaseKind[] = [
  accessApplicationCase,
  invitationCase,
  exitApplicationCase,
  subscriptionCase,
] as const;

/** The declared kind of a stored case kind name, if any. */
export function caseKindOf(kind: string, kinds: readonly CaseKind[] = CASE_KINDS): CaseKind | null {
  return kinds.find((candidate) => candidate.kind === kind) ?? null;
}

/** The declared kind whose GraphQL type is `typename`, if any. */
export function caseKindOfTypename(typename: string, kinds: readonly CaseKind[] = CASE_KINDS): CaseKind | null {
  return kinds.find((candidate) => candidate.typename === typename) ?? null;
}

/**
 * The kinds of the schema executing a request: `buildSchema(kinds)` puts them in the schema's extensions (a test may
 * serve a kind of its own); CASE_KINDS otherwise.
 */
export function servedCaseKinds(info: Pick<GraphQLResolveInfo, 'schema'>): readonly CaseKind[] {
  return (info.schema.extensions.caseKinds as readonly CaseKind[] | undefined) ?? CASE_KINDS;
}
