import { buildSchema, execute, type GraphQLResolveInfo, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { nodeFieldsAsked, nodesAskOnlyFor, subfieldsAskedOnly } from './node-selection.ts';

const schema = buildSchema(`
  type Enterprise { id: ID! uscc: String! name: String! dcuStatus: String! }
  interface ReviewCase { id: ID! status: String! enterprise: Enterprise! }
  type AccessApplication implements ReviewCase { id: ID! status: String! enterprise: Enterprise! basicInfo: String }
  type Edge { node: ReviewCase! cursor: String! }
  type Connection { edges: [Edge!]! nodes: [ReviewCase!]! totalCount: Int! }
  type Query { reviewQueue: Connection! }
`);

function answerOf(document: string, ask: (info: GraphQLResolveInfo) => boolean): boolean {
  let answer: boolean | null = null;
  execute({
    schema,
    document: parse(document),
    rootValue: {
      reviewQueue: (_args: unknown, _context: unknown, info: GraphQLResolveInfo) => {
        answer = ask(info);
        return { edges: [], nodes: [], totalCount: 0 };
      },
    },
  });
  if (answer === null) throw new Error('reviewQueue was not resolved');
  return answer;
}

const askOnly = (document: string) =>
  answerOf(document, (info) => nodesAskOnlyFor(info, nodeFieldsAsked(info), 'ReviewCase'));
const enterpriseIdentityOnly = (document: string) =>
  answerOf(document, (info) => subfieldsAskedOnly(info, nodeFieldsAsked(info), 'enterprise', ['id', 'uscc', 'name']));

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

describe('subfieldsAskedOnly', () => {
  it('is true when the nodes ask of their enterprise only the named fields, or nothing of it', () => {
    expect(enterpriseIdentityOnly('{ reviewQueue { edges { node { id enterprise { uscc name } } } } }')).toBe(true);
    expect(
      enterpriseIdentityOnly(
        '{ reviewQueue { nodes { enterprise { ...E } } } } fragment E on Enterprise { id __typename }',
      ),
    ).toBe(true);
    expect(enterpriseIdentityOnly('{ reviewQueue { edges { node { id status } } } }')).toBe(true);
  });

  it('is false as soon as any other field of the enterprise is asked, however it is written', () => {
    expect(enterpriseIdentityOnly('{ reviewQueue { edges { node { enterprise { uscc dcuStatus } } } } }')).toBe(false);
    expect(
      enterpriseIdentityOnly(
        '{ reviewQueue { nodes { e: enterprise { ...E } } } } fragment E on Enterprise { s: dcuStatus }',
      ),
    ).toBe(false);
    expect(
      enterpriseIdentityOnly(
        '{ reviewQueue { edges { node { ... on AccessApplication { enterprise { dcuStatus } } } } } }',
      ),
    ).toBe(false);
  });
});
