import type { Client as WsClient, SubscribePayload } from 'graphql-ws';
import { subscriptionExchange, type Exchange } from 'urql';
import { resumeVariables } from './resume-cursor';

/**
 * urql's subscription exchange over a graphql-ws socket that resumes from the
 * last event's cursor: graphql-ws re-sends the same payload after a reconnect,
 * and its `variables` getter follows the latest cursor, so nothing is skipped
 * or repeated. `socket` is asked for on the first subscription, so a page
 * that never subscribes (sign-in) never opens one.
 */
export function resumingSubscriptionExchange(socket: () => WsClient): Exchange {
  return subscriptionExchange({
    forwardSubscription(request) {
      let variables: Record<string, unknown> = request.variables ?? {};
      const payload: SubscribePayload = {
        query: request.query ?? '',
        operationName: request.operationName ?? null,
        get variables() {
          return variables;
        },
      };
      return {
        subscribe(observer) {
          const dispose = socket().subscribe<Record<string, unknown>, Record<string, unknown>>(
            payload,
            {
              next(result) {
                variables = resumeVariables(variables, result.data) ?? variables;
                observer.next(result);
              },
              error: (error) => observer.error(error),
              complete: () => observer.complete(),
            },
          );
          return { unsubscribe: dispose };
        },
      };
    },
  });
}
