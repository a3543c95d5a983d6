/**
 * A website visitor talking to the API over plain HTTP, as the chat widget
 * does: one session token, then messages.
 */
export type VisitorClient = {
  send: (body: string, conversationId?: string) => Promise<{ id: string; conversationId: string }>;
  /** What the widget sends while the visitor types (agents see "… is typing"). */
  typing: (conversationId: string, typing: boolean) => Promise<void>;
};

type GraphQLResponse<T> = { data?: T | null; errors?: readonly { message: string }[] };

async function post<T>(
  url: string,
  query: string,
  variables: object,
  headers: Record<string, string> = {},
): Promise<T> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  const json = (await response.json()) as GraphQLResponse<T>;
  if (json.errors?.length || !json.data) {
    throw new Error(`GraphQL ${response.status}: ${JSON.stringify(json.errors ?? json)}`);
  }
  return json.data;
}

export async function startVisitor(
  apiGraphqlUrl: string,
  channelKey: string,
  name: string,
): Promise<VisitorClient> {
  const { startVisitorSession } = await post<{ startVisitorSession: { token: string } }>(
    apiGraphqlUrl,
    `mutation Start($input: StartVisitorSessionInput!) {
      startVisitorSession(input: $input) { token visitor { id name } }
    }`,
    { input: { channelKey, name } },
  );
  const authorization = `Visitor ${startVisitorSession.token}`;

  return {
    async send(body, conversationId) {
      const { visitorSendMessage } = await post<{
        visitorSendMessage: { id: string; conversationId: string };
      }>(
        apiGraphqlUrl,
        `mutation Send($input: VisitorSendMessageInput!) {
          visitorSendMessage(input: $input) { id conversationId seq body }
        }`,
        { input: { body, ...(conversationId ? { conversationId } : {}) } },
        { authorization },
      );
      return visitorSendMessage;
    },
    async typing(conversationId, typing) {
      await post<{ visitorSendTyping: boolean }>(
        apiGraphqlUrl,
        `mutation Typing($input: TypingInput!) { visitorSendTyping(input: $input) }`,
        { input: { conversationId, typing } },
        { authorization },
      );
    },
  };
}
