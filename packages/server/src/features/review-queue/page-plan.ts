// Which queue pages the database can answer as JSON (queue-page-json.ts): a reviewQueue selection asking only for
// fields that are columns of the case or of its enterprise — the page's counts and cursors, each case's id, version,
// status and dates, and who its enterprise is. Anything else (a kind's own fields, claims, due dates, abilities, a
// directive, a fragment, a field selected twice) is answered by ordinary execution.
import type { FieldNode, SelectionSetNode } from 'graphql';

/** A field of the selection as the response names it (`key`, its alias or name) and its own selection. */
export interface Selected {
  key: string;
  name: string;
  fields: Selected[];
}

/** Per type, the fields a JSON page answers: a leaf (null) or the type of the field's object. */
const ANSWERED: Record<string, Record<string, string | null>> = {
  ReviewCaseConnection: {
    __typename: null,
    totalCount: null,
    totalCountCapped: null,
    pageInfo: 'PageInfo',
    edges: 'ReviewCaseEdge',
  },
  PageInfo: { __typename: null, hasNextPage: null, hasPreviousPage: null, startCursor: null, endCursor: null },
  ReviewCaseEdge: { __typename: null, cursor: null, node: 'ReviewCase' },
  ReviewCase: {
    __typename: null,
    id: null,
    version: null,
    status: null,
    statusLabel: null,
    stepEnteredAt: null,
    submittedAt: null,
    lastReason: null,
    enterprise: 'Enterprise',
  },
  Enterprise: { __typename: null, id: null, uscc: null, name: null },
};

/** The selection of `selectionSet` on `type`; null when a JSON page cannot answer it. */
function selectedOn(type: string, selectionSet: SelectionSetNode | undefined): Selected[] | null {
  const into: Selected[] = [];
  const answered = ANSWERED[type];
  if (!answered || !selectionSet) return null;
  for (const selection of selectionSet.selections) {
    if (selection.directives?.length) return null;
    if (selection.kind === 'Field') {
      const name = selection.name.value;
      const child = answered[name];
      if (child === undefined || selection.arguments?.length) return null;
      const key = selection.alias?.value ?? name;
      // a key selected twice would need GraphQL's field merging: ordinary execution does it
      if (into.some((field) => field.key === key)) return null;
      if (child === null) {
        if (selection.selectionSet) return null;
        into.push({ key, name, fields: [] });
        continue;
      }
      const fields = selectedOn(child, selection.selectionSet);
      if (!fields) return null;
      into.push({ key, name, fields });
      continue;
    }
    // fragments are left to execution: graphql-jit orders the fields of a fragment on an abstract type its own way,
    // and the answer must be execution's byte for byte
    return null;
  }
  return into;
}

const plans = new WeakMap<FieldNode, Selected[] | null>();

/**
 * The connection fields a reviewQueue field asks for, when a JSON page answers all of them; null otherwise. Worked
 * out once per parsed field (parsed documents are cached).
 */
export function jsonPagePlan(field: FieldNode): Selected[] | null {
  const known = plans.get(field);
  if (known !== undefined) return known;
  const plan = selectedOn('ReviewCaseConnection', field.selectionSet);
  plans.set(field, plan);
  return plan;
}
