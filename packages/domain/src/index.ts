// The public surface of @leqi/domain: nothing else is imported from outside the package.

export * from './actors.ts';
export * from './errors.ts';
export * from './result.ts';
export * from './rules/access-validity.ts';
export * from './rules/admin.ts';
export * from './rules/authority-code.ts';
export * from './rules/case-visibility.ts';
export * from './rules/claim.ts';
export * from './rules/confidentiality.ts';
export * from './rules/due-state.ts';
export * from './rules/eligibility.ts';
export * from './rules/invitation-rows.ts';
export * from './rules/limits.ts';
export * from './rules/materials.ts';
export * from './rules/relationship.ts';
export * from './rules/uscc.ts';
export * from './rules/working-days.ts';
export * from './workflows/access-application.ts';
export * from './workflows/audit-fold.ts';
export * from './workflows/binding.ts';
export * from './workflows/capability-subscription.ts';
export * from './workflows/exit-application.ts';
export * from './workflows/invitation.ts';
export * from './workflows/registry.ts';
export * from './workflows/workflow.ts';
