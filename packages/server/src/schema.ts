// Assembles the GraphQL schema from every feature's registrations on the one builder.
import './features/enterprise/schema.ts';
import './features/auth/schema.ts';
import './features/auth/password-schema.ts';
import './features/auth/two-factor-schema.ts';
import './features/security-log/schema.ts';
import './features/materials/schema.ts';
import './features/eligibility/schema.ts';
import './features/cases/review-case.ts';
import './features/review-queue/schema.ts';
import './features/access-application/schema.ts';
import './features/access-application/material-templates.ts';
import './features/invitation/schema.ts';
import './features/invitation/invite-schema.ts';
import './features/invitation/listings.ts';
import './features/invitation/bulk-decisions.ts';
import './features/invitation-import/schema.ts';
import './features/binding/schema.ts';
import './features/capability/schema.ts';
import './features/capability/catalogue-admin.ts';
import './features/capability/authorise-schema.ts';
import './features/api-token/schema.ts';
import './features/capability-subscription/schema.ts';
import './features/exit-application/schema.ts';
import './features/events/schema.ts';
import './features/audit/schema.ts';
import './features/case-claim/schema.ts';
import './features/admin/authorities.ts';
import './features/admin/registry.ts';
import './features/admin/registry-import-schema.ts';
import './features/admin/province-rules.ts';
import './features/admin/accounts-schema.ts';
import './features/admin/capabilities.ts';
import './features/enterprise-overview/schema.ts';
import './features/notification/schema.ts';
import './features/queue-view/schema.ts';
import './features/bureau-dashboard/schema.ts';
import './features/webhooks/schema.ts';
import { GraphQLObjectType, type GraphQLSchema, lexicographicSortSchema, printSchema } from 'graphql';
import { CASE_KINDS } from './features/cases/index.ts';
import type { CaseKind } from './features/cases/kind.ts';
import { builder } from './platform/builder.ts';

/**
 * The schema of every feature's registrations; each declared case kind must be a ReviewCase of it (its queue, claims
 * and node() resolve to that type). `kinds`: the declared kinds and any a test declares and registers itself.
 */
export function buildSchema(kinds: readonly CaseKind[] = CASE_KINDS): GraphQLSchema {
  const built = builder.toSchema({ extensions: { caseKinds: kinds } });
  for (const kind of kinds) {
    const type = built.getType(kind.typename);
    if (!(type instanceof GraphQLObjectType) || !type.getInterfaces().some((face) => face.name === 'ReviewCase')) {
      throw new Error(`case kind ${kind.kind}: no ReviewCase type ${kind.typename} in the schema`);
    }
  }
  return built;
}

export const schema = buildSchema();

export function printedSchema(): string {
  return `${printSchema(lexicographicSortSchema(schema))}\n`;
}
