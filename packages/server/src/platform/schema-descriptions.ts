import {
  type GraphQLSchema,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
  isSpecifiedScalarType,
} from 'graphql';

const HAN = /\p{Script=Han}/u;
const LATIN = /[A-Za-z]/;

/** Chinese in the first paragraph, English (and no Chinese) in the last: the form `bilingual()` writes. */
function isBilingual(description: string): boolean {
  const paragraphs = description.split('\n\n');
  const english = paragraphs.at(-1) ?? '';
  return paragraphs.length >= 2 && HAN.test(paragraphs[0] ?? '') && LATIN.test(english) && !HAN.test(english);
}

function check(path: string, description: string | null | undefined): string[] {
  if (!description) return [`${path}: no description`];
  return isBilingual(description) ? [] : [`${path}: not "中文\\n\\nEnglish"`];
}

/** Every element of the schema (built-in scalars and introspection types aside) without a bilingual description. */
export function undescribedElements(schema: GraphQLSchema): string[] {
  const problems: string[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith('__') || isSpecifiedScalarType(type)) continue;
    problems.push(...check(type.name, type.description));
    if (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)) {
      for (const field of Object.values(type.getFields())) {
        problems.push(...check(`${type.name}.${field.name}`, field.description));
        for (const arg of 'args' in field ? field.args : []) {
          problems.push(...check(`${type.name}.${field.name}(${arg.name})`, arg.description));
        }
      }
    }
    if (isEnumType(type)) {
      for (const value of type.getValues()) problems.push(...check(`${type.name}.${value.name}`, value.description));
    }
  }
  return problems;
}
