// Which fields a connection's nodes are asked for: a queue page whose nodes ask only for what every review case
// offers (the ReviewCase interface) needs none of a kind's own columns (an application's forms, its report).
import {
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLResolveInfo,
  isInterfaceType,
  type SelectionSetNode,
} from 'graphql';

function fieldsOf(
  selectionSet: SelectionSetNode | undefined,
  fragments: Record<string, FragmentDefinitionNode>,
  into: FieldNode[] = [],
): FieldNode[] {
  for (const selection of selectionSet?.selections ?? []) {
    if (selection.kind === 'Field') into.push(selection);
    else if (selection.kind === 'InlineFragment') fieldsOf(selection.selectionSet, fragments, into);
    else fieldsOf(fragments[selection.name.value]?.selectionSet, fragments, into);
  }
  return into;
}

/** Whether every field asked of `edges.node` (and `nodes`) of the resolved connection is a field of `interfaceName`. */
export function nodesAskOnlyFor(info: GraphQLResolveInfo, interfaceName: string): boolean {
  const type = info.schema.getType(interfaceName);
  if (!isInterfaceType(type)) return false;
  const offered = new Set([...Object.keys(type.getFields()), '__typename']);
  const connection = info.fieldNodes.flatMap((node) => fieldsOf(node.selectionSet, info.fragments));
  const nodes = [
    ...connection.filter((field) => field.name.value === 'nodes'),
    ...connection
      .filter((field) => field.name.value === 'edges')
      .flatMap((edges) => fieldsOf(edges.selectionSet, info.fragments))
      .filter((field) => field.name.value === 'node'),
  ];
  return nodes
    .flatMap((node) => fieldsOf(node.selectionSet, info.fragments))
    .every((field) => offered.has(field.name.value));
}
