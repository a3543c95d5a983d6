// Limits that keep a hostile query from tying up the server, applied to HTTP
// and WebSocket operations alike. Introspection is exempt from depth and cost.
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import type { GraphQLError, ParseOptions, ValidationContext, ValidationRule } from 'graphql';
import { costLimitRule, type CostModel } from './cost-limit.js';

export const QUERY_LIMITS = {
  /** Nesting of selections (the workbench needs about 5). */
  maxDepth: 12,
  /** Aliased fields per operation (aliases multiply work). */
  maxAliases: 20,
  /** Estimated response size in ~100-byte units (see COST_MODEL): about 3 MB. */
  maxCost: 30_000,
  /** Lexical tokens in a document. */
  maxTokens: 4_000,
} as const;

/**
 * What each list may return. Sizes of paged fields are the maxima core
 * accepts (its zod validators); lists without a size argument are bounded by
 * what they hold. Keep in step with core when a maximum changes.
 */
export const COST_MODEL: CostModel = {
  maxCost: QUERY_LIMITS.maxCost,
  listSizes: {
    'Query.conversations': 100, // list-conversations.ts
    'ConversationConnection.edges': 1, // counted by `conversations(first:)`
    'Conversation.messages': 200, // list-messages.ts
    'VisitorConversation.messages': 200,
    'Visitor.pageViews': 100, // visitor-profile.ts
    'Visitor.tags': 20,
    'Query.workspaceEvents': 500, // workspace-events.ts
    'Query.sessionEvents': 500, // session-events.ts
    'Query.auditLog': 200, // audit-log.ts
    'Webhook.deliveries': 200, // manage-webhooks.ts
    'Query.visitorConversations': 100, // get-conversation.ts: the 100 most recent
  },
  // Team-sized lists (agents, tags, members, roles, tokens, webhooks, groups,
  // permissions…): a workspace's own configuration, not what a caller grows.
  defaultListSize: 50,
  weights: {
    // Up to 10,000 characters each (send-message.ts).
    'Message.body': 100,
    'VisitorMessage.body': 100,
    // Before/after snapshots of a settings change.
    'AuditEntry.before': 20,
    'AuditEntry.after': 20,
  },
};

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
    costLimitRule(COST_MODEL),
  ];
}
