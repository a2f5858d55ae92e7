import type { Label } from '@leqi/domain';
import { builder } from './builder.ts';

/** The schema's one form of a description: Chinese first, then English, as two paragraphs. */
export function bilingual(label: Label): string {
  return `${label.zh}\n\n${label.en}`;
}

/**
 * A GraphQL enum generated from a domain list: its values are the list's, each described by the domain's words for
 * it, so the schema never lists an enumeration a second time.
 */
export function describedEnum<const V extends string>(
  name: string,
  options: { description: Label; values: readonly V[]; label: (value: V) => Label },
) {
  const values = Object.fromEntries(
    options.values.map((value) => [value, { value, description: bilingual(options.label(value)) }]),
  ) as { [K in V]: { value: K; description: string } };
  return builder.enumType(name, { description: bilingual(options.description), values });
}
