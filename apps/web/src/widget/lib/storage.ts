/**
 * The visitor token is kept per channel, so one browser can be a visitor of
 * several Parley-powered sites (or channels) at once without mixing them up.
 */
export function visitorTokenKey(channelKey: string): string {
  return `parley:visitor-token:${channelKey}`;
}

type TokenStorage = Pick<Storage, 'getItem' | 'setItem'>;

/** The browser's localStorage, or null where it is blocked (privacy modes, sandboxed frames). */
export function browserStorage(): TokenStorage | null {
  try {
    return typeof window === 'undefined' ? null : window.localStorage;
  } catch {
    return null;
  }
}

export function loadVisitorToken(storage: TokenStorage | null, channelKey: string): string | null {
  try {
    const token = storage?.getItem(visitorTokenKey(channelKey)) ?? null;
    return token && token.length <= 500 ? token : null;
  } catch {
    return null;
  }
}

export function saveVisitorToken(
  storage: TokenStorage | null,
  channelKey: string,
  token: string,
): void {
  try {
    storage?.setItem(visitorTokenKey(channelKey), token);
  } catch {
    // Storage full or blocked: the visitor stays anonymous for this page only.
  }
}
