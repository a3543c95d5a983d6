// Limits that keep a hostile query from tying up the server, applied to HTTP
// and WebSocket operations alike. Introspection is exempt from depth and cost.
import { costLimitRule } from '@escape.tech/graphql-armor-cost-limit';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import type { GraphQLError, ParseOptions, ValidationContext, ValidationRule } from 'graphql';

export const QUERY_LIMITS = {
  /** Nesting of selections (the workbench needs about 5). */
  maxDepth: 12,
  /** Aliased fields per operation (aliases multiply work). */
  maxAliases: 20,
  /** Estimated cost: 2 per object, 1 per scalar, ×1.5 per level of depth. */
  maxCost: 8_000,
  /** Lexical tokens in a document. */
  maxTokens: 4_000,
} as const;

export const parseOptions: ParseOptions = { maxTokens: QUERY_LIMITS.maxTokens };

/**
 * Each armor rule reports its rejection as an ordinary validation error
 * (instead of throwing), so clients get GRAPHQL_VALIDATION_FAILED with the
 * limit in the message, over HTTP and WebSocket alike.
 */
function reporting(
  make: (callbacks: {
    propagateOnRejection: false;
    onReject: ((context: ValidationContext | null, error: GraphQLError) => void)[];
  }) => (context: ValidationContext) => unknown,
): ValidationRule {
  return (context) =>
    make({ propagateOnRejection: false, onReject: [(_, error) => context.reportError(error)] })(
      context,
    ) as ReturnType<ValidationRule>;
}

export function queryLimitRules(): ValidationRule[] {
  return [
    reporting((cb) => maxDepthRule({ n: QUERY_LIMITS.maxDepth, exposeLimits: true, ...cb })),
    reporting((cb) => maxAliasesRule({ n: QUERY_LIMITS.maxAliases, exposeLimits: true, ...cb })),
    reporting((cb) => costLimitRule({ maxCost: QUERY_LIMITS.maxCost, exposeLimits: true, ...cb })),
  ];
}
