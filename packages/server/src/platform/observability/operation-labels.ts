import { type DocumentNode, type GraphQLSchema, getOperationAST, Kind, parse } from 'graphql';

/** The label of every operation outside the bounded set (several root fields, fragments at the root…). */
const OTHER_OPERATION = 'other';

const META_FIELDS = new Set(['__typename', '__schema', '__type']);

/**
 * The `operation` label of the HTTP metrics, from a set bounded by the server, never by what clients send (one
 * series per client-chosen name would let anyone grow /metrics without end): the name of one of the web app's
 * persisted operations, else the schema coordinate of the one root field the operation selects
 * (`Mutation.acceptAccessApplication`), else "other".
 */
export class OperationLabels {
  private readonly persistedNames: ReadonlySet<string>;

  constructor(
    private readonly schema: GraphQLSchema,
    persistedDocuments: Iterable<string>,
  ) {
    const names = new Set<string>();
    for (const document of persistedDocuments) {
      for (const name of operationNames(document)) names.add(name);
    }
    this.persistedNames = names;
  }

  of(document: DocumentNode, operationName?: string | null): string {
    const operation = getOperationAST(document, operationName ?? undefined);
    if (!operation) return OTHER_OPERATION;
    const name = operation.name?.value;
    if (name && this.persistedNames.has(name)) return name;
    const rootType = this.schema.getRootType(operation.operation);
    if (!rootType) return OTHER_OPERATION;
    const fields = new Set<string>();
    for (const selection of operation.selectionSet.selections) {
      if (selection.kind !== Kind.FIELD) return OTHER_OPERATION;
      fields.add(selection.name.value);
    }
    const [field] = fields;
    if (fields.size !== 1 || !field) return OTHER_OPERATION;
    if (!META_FIELDS.has(field) && !rootType.getFields()[field]) return OTHER_OPERATION;
    return `${rootType.name}.${field}`;
  }
}

function operationNames(document: string): string[] {
  try {
    return parse(document).definitions.flatMap((definition) =>
      definition.kind === Kind.OPERATION_DEFINITION && definition.name ? [definition.name.value] : [],
    );
  } catch {
    return [];
  }
}
