/**
 * The signed-in workbench's pages: the inbox (`/`, `/conversations/<id>`)
 * and the settings. While one of them is open the agent's live socket stays
 * open, so their presence does not depend on which of them is on screen.
 */
export function isWorkbenchPath(pathname: string): boolean {
  return (
    pathname === '/' ||
    pathname === '/conversations' ||
    pathname.startsWith('/conversations/') ||
    pathname === '/settings' ||
    pathname.startsWith('/settings/')
  );
}
