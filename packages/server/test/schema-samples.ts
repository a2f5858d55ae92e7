// Calls of any root field with arguments built from the schema itself, so a sweep over every field calls a new
// field too (signed-in.test.ts, refusal-channels.test.ts).
import {
  type GraphQLField,
  type GraphQLInputType,
  getNamedType,
  getNullableType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
} from 'graphql';
import type { GraphQLResponse, TestServer } from './harness.ts';

/** The smallest value of an input type the schema accepts; Upload variables are collected for a multipart body. */
function sample(type: GraphQLInputType, path: string, uploads: string[]): unknown {
  const inner = getNullableType(type);
  if (isListType(inner)) return [sample(inner.ofType, `${path}.0`, uploads)];
  if (isEnumType(inner)) return inner.getValues()[0]?.value;
  if (isInputObjectType(inner)) {
    const value: Record<string, unknown> = {};
    for (const field of Object.values(inner.getFields())) {
      if (isNonNullType(field.type)) value[field.name] = sample(field.type, `${path}.${field.name}`, uploads);
    }
    return value;
  }
  switch (inner.name) {
    case 'ID':
      return Buffer.from('Nothing:none').toString('base64');
    case 'Int':
    case 'Float':
      return 1;
    case 'Boolean':
      return false;
    case 'DateTime':
      return '2026-01-01T00:00:00.000Z';
    case 'Upload':
      uploads.push(path);
      return null;
    default:
      return 'x';
  }
}

export interface SampleOperation {
  query: string;
  variables: Record<string, unknown>;
  /** the variable paths of its files: sent as a multipart request */
  uploads: string[];
}

/** A document calling `field` with sample values of its required arguments, selecting its refusal. */
export function sampleOperation(operation: string, field: GraphQLField<unknown, unknown>): SampleOperation {
  const defs: string[] = [];
  const args: string[] = [];
  const variables: Record<string, unknown> = {};
  const uploads: string[] = [];
  for (const arg of field.args) {
    if (!isNonNullType(arg.type)) continue;
    defs.push(`$${arg.name}: ${String(arg.type)}`);
    args.push(`${arg.name}: $${arg.name}`);
    variables[arg.name] = sample(arg.type, `variables.${arg.name}`, uploads);
  }
  const named = getNamedType(field.type);
  const selection =
    isScalarType(named) || isEnumType(named)
      ? ''
      : isObjectType(named)
        ? '{ __typename }'
        : '{ __typename ... on Error { code message } }';
  const head = defs.length ? `(${defs.join(', ')})` : '';
  const call = args.length ? `(${args.join(', ')})` : '';
  return { query: `${operation} ${head} { ${field.name}${call} ${selection} }`, variables, uploads };
}

/** Sends a query or mutation over HTTP (multipart when it carries files), with `bearer` if given. */
export async function sendSample(
  server: TestServer,
  op: SampleOperation,
  bearer: string | null = null,
): Promise<GraphQLResponse & { status: number }> {
  if (op.uploads.length === 0) {
    const response = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(bearer ? { authorization: `Bearer ${bearer}` } : {}) },
      body: JSON.stringify({ query: op.query, variables: op.variables }),
    });
    return { status: response.status, ...((await response.json()) as GraphQLResponse) };
  }
  const form = new FormData();
  form.append('operations', JSON.stringify({ query: op.query, variables: op.variables }));
  form.append('map', JSON.stringify(Object.fromEntries(op.uploads.map((path, index) => [index, [path]]))));
  for (const [index] of op.uploads.entries()) form.append(String(index), new Blob(['x']), 'file.xlsx');
  const response = await fetch(`${server.url}/graphql`, {
    method: 'POST',
    headers: { 'x-leqi-csrf': '1', ...(bearer ? { authorization: `Bearer ${bearer}` } : {}) },
    body: form,
  });
  return { status: response.status, ...((await response.json()) as GraphQLResponse) };
}
