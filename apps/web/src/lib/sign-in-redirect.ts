export const SIGN_IN_PATH = '/login';

let redirecting = false;

/**
 * Leaves the workbench for the sign-in page with a full navigation, so every
 * piece of state (the urql client, the socket, loaded conversations) is
 * dropped with the old session. Safe to call from several places at once.
 */
export function redirectToSignIn(): void {
  if (typeof window === 'undefined' || redirecting) return;
  if (window.location.pathname === SIGN_IN_PATH) return;
  redirecting = true;
  window.location.replace(SIGN_IN_PATH);
}
