/**
 * The agent side of the widget's browser test over plain GraphQL HTTP, with a
 * session token from `signIn`: checks of what the server recorded, and a
 * fallback for steps the workbench UI does not offer.
 */
type GraphQLResponse<T> = {
  data?: T | null;
  errors?: readonly { message: string; extensions?: { code?: string } }[];
};

export type AgentApi = {
  request: <T>(query: string, variables?: object) => Promise<T>;
};

async function post<T>(
  url: string,
  query: string,
  variables: object,
  headers: Record<string, string>,
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

export async function signInAgent(
  apiGraphqlUrl: string,
  email: string,
  password: string,
): Promise<AgentApi> {
  const { signIn } = await post<{ signIn: { token: string } }>(
    apiGraphqlUrl,
    `mutation SignIn($input: SignInInput!) { signIn(input: $input) { token } }`,
    { input: { email, password } },
    {},
  );
  const authorization = `Bearer ${signIn.token}`;
  return {
    request: (query, variables = {}) => post(apiGraphqlUrl, query, variables, { authorization }),
  };
}

export type AgentViewOfMessage = {
  id: string;
  body: string;
  senderType: string;
  recalledAt: string | null;
};

/** The conversation as agents see it: messages, status and the visitor's page views. */
export async function agentConversation(api: AgentApi, id: string) {
  const { conversation } = await api.request<{
    conversation: {
      id: string;
      status: string;
      visitor: {
        name: string;
        language: string | null;
        pageViews: { url: string; title: string | null; utmSource: string | null }[];
      };
      messages: AgentViewOfMessage[];
    };
  }>(
    `query Conversation($id: ID!) {
      conversation(id: $id) {
        id
        status
        visitor { name language pageViews(last: 10) { url title utmSource } }
        messages(last: 50) { id body senderType recalledAt }
      }
    }`,
    { id },
  );
  return conversation;
}

/** Retries `check` until it passes or `timeoutMs` runs out (for eventually-consistent checks). */
export async function eventually<T>(check: () => Promise<T>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}

/** The conversations of the visitor holding `visitorToken` (as the widget sees them). */
export async function visitorConversationIds(
  apiGraphqlUrl: string,
  visitorToken: string,
): Promise<string[]> {
  const { visitorConversations } = await post<{ visitorConversations: { id: string }[] }>(
    apiGraphqlUrl,
    `{ visitorConversations { id } }`,
    {},
    { authorization: `Visitor ${visitorToken}` },
  );
  return visitorConversations.map((c) => c.id);
}
