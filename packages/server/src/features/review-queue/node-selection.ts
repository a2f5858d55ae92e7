// Which fields a connection's nodes are asked for: a queue page whose nodes ask only for what every review case
// offers (the ReviewCase interface) needs none of a kind's own columns (an application's forms, its report), and one
// asking only who each case's enterprise is needs none of the enterprise's other columns.
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

/** The fields asked of `edges.node` (and `nodes`) of the resolved connection. */
export function nodeFieldsAsked(info: GraphQLResolveInfo): FieldNode[] {
  const connection = info.fieldNodes.flatMap((node) => fieldsOf(node.selectionSet, info.fragments));
  const nodes = [
    ...connection.filter((field) => field.name.value === 'nodes'),
    ...connection
      .filter((field) => field.name.value === 'edges')
      .flatMap((edges) => fieldsOf(edges.selectionSet, info.fragments))
      .filter((field) => field.name.value === 'node'),
  ];
  return nodes.flatMap((node) => fieldsOf(node.selectionSet, info.fragments));
}

/** Whether every field asked of the nodes (`nodeFieldsAsked`) is a field of `interfaceName`. */
export function nodesAskOnlyFor(info: GraphQLResolveInfo, asked: FieldNode[], interfaceName: string): boolean {
  const type = info.schema.getType(interfaceName);
  if (!isInterfaceType(type)) return false;
  const offered = new Set([...Object.keys(type.getFields()), '__typename']);
  return asked.every((field) => offered.has(field.name.value));
}

/** Whether every field asked of the nodes' `field` (an object) is one of `names` (or `__typename`). */
export function subfieldsAskedOnly(
  info: GraphQLResolveInfo,
  asked: FieldNode[],
  field: string,
  names: readonly string[],
): boolean {
  const allowed = new Set([...names, '__typename']);
  return asked
    .filter((node) => node.name.value === field)
    .flatMap((node) => fieldsOf(node.selectionSet, info.fragments))
    .every((subfield) => allowed.has(subfield.name.value));
}
