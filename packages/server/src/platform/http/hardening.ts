import { blockFieldSuggestionsPlugin } from '@escape.tech/graphql-armor-block-field-suggestions';
import { costLimitPlugin } from '@escape.tech/graphql-armor-cost-limit';
import { maxAliasesPlugin } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthPlugin } from '@escape.tech/graphql-armor-max-depth';
import { maxTokensPlugin } from '@escape.tech/graphql-armor-max-tokens';
import { type GraphQLError, NoSchemaIntrospectionCustomRule, type ValidationContext } from 'graphql';
import { createGraphQLError, type Plugin } from 'graphql-yoga';

interface QueryLimits {
  maxDepth: number;
  maxAliases: number;
  maxTokens: number;
  maxCost: number;
  /** off: introspection queries are refused and "Did you mean …" suggestions removed from errors */
  introspection: boolean;
}

type QueryLimit = 'DEPTH' | 'ALIASES' | 'TOKENS' | 'COST';

const LIMIT_LABEL: Record<QueryLimit, string> = {
  DEPTH: '查询嵌套深度',
  ALIASES: '别名数量',
  TOKENS: '查询长度（词法单元数）',
  COST: '查询复杂度',
};

/** A query over one of the limits: code LIMIT_EXCEEDED, which limit and its value, worded in Chinese first. */
function queryLimitError(limit: QueryLimit, max: number, armorMessage: string): GraphQLError {
  const detail = armorMessage.replace(/^Syntax Error: /, '');
  return createGraphQLError(`${LIMIT_LABEL[limit]}超过上限 ${max} (${detail})`, {
    extensions: { code: 'LIMIT_EXCEEDED', limit, max },
  });
}

/**
 * GraphQL Armor's rules, each refusing with our typed error instead of its own untyped "Syntax Error".
 * Validation rules report through the validation context; the token counter runs inside the parser and throws.
 */
function reportAs(limit: QueryLimit, max: number) {
  return {
    propagateOnRejection: false,
    onReject: [
      (context: ValidationContext | null, error: GraphQLError) => {
        const typed = queryLimitError(limit, max, error.message);
        if (context) context.reportError(typed);
        else throw typed;
      },
    ],
  };
}

export function queryHardeningPlugins(limits: QueryLimits): Plugin[] {
  const plugins: Plugin[] = [
    maxTokensPlugin({ n: limits.maxTokens, ...reportAs('TOKENS', limits.maxTokens) }),
    maxDepthPlugin({ n: limits.maxDepth, ...reportAs('DEPTH', limits.maxDepth) }),
    maxAliasesPlugin({ n: limits.maxAliases, ...reportAs('ALIASES', limits.maxAliases) }),
    costLimitPlugin({ maxCost: limits.maxCost, ...reportAs('COST', limits.maxCost) }),
  ];
  if (!limits.introspection) {
    plugins.push(
      { onValidate: ({ addValidationRule }) => addValidationRule(NoSchemaIntrospectionCustomRule) },
      blockFieldSuggestionsPlugin(),
    );
  }
  return plugins;
}
