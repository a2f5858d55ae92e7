import { buildSchema, execute, type GraphQLResolveInfo, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { nodesAskOnlyFor } from './node-selection.ts';

const schema = buildSchema(`
  interface ReviewCase { id: ID! status: String! }
  type AccessApplication implements ReviewCase { id: ID! status: String! basicInfo: String }
  type Edge { node: ReviewCase! cursor: String! }
  type Connection { edges: [Edge!]! nodes: [ReviewCase!]! totalCount: Int! }
  type Query { reviewQueue: Connection! }
`);

function askOnly(document: string): boolean {
  let answer: boolean | null = null;
  execute({
    schema,
    document: parse(document),
    rootValue: {
      reviewQueue: (_args: unknown, _context: unknown, info: GraphQLResolveInfo) => {
        answer = nodesAskOnlyFor(info, 'ReviewCase');
        return { edges: [], nodes: [], totalCount: 0 };
      },
    },
  });
  if (answer === null) throw new Error('reviewQueue was not resolved');
  return answer;
}

describe('nodesAskOnlyFor', () => {
  it('is true when the nodes ask only for interface fields, directly, in fragments or on the interface', () => {
    expect(askOnly('{ reviewQueue { totalCount edges { cursor node { id status __typename } } } }')).toBe(true);
    expect(askOnly('{ reviewQueue { nodes { ...F } } } fragment F on ReviewCase { id }')).toBe(true);
    expect(askOnly('{ reviewQueue { edges { node { ... on AccessApplication { status } } } } }')).toBe(true);
  });

  it("is false as soon as a node asks for a kind's own field, however it is written", () => {
    expect(askOnly('{ reviewQueue { edges { node { id ... on AccessApplication { basicInfo } } } } }')).toBe(false);
    expect(askOnly('{ reviewQueue { nodes { ...F } } } fragment F on AccessApplication { basicInfo }')).toBe(false);
    expect(askOnly('{ reviewQueue { edges { node { ... on AccessApplication { info: basicInfo } } } } }')).toBe(false);
  });
});
