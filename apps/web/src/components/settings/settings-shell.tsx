'use client';

import Link from 'next/link';
import { usePathname, useRouter } from 'next/navigation';
import { useEffect, useMemo, type ReactNode } from 'react';
import { useSettingsViewerQuery, useViewerPermissionsQuery } from '@/generated/graphql';
import { describeError, hasErrorCode } from '@/lib/graphql-error-code';
import { ACCOUNT_SECTIONS } from '@/lib/settings/account-sections';
import { canSeeSection, visibleSections, type SettingsSection } from '@/lib/settings/permissions';
import { redirectToSignIn } from '@/lib/sign-in-redirect';
import { useIsBrowser } from '@/lib/use-is-browser';
import { BackIcon } from '../icons';
import { focusRing } from '../labels';
import { SettingsViewerContext, useSettingsViewer, type SettingsViewer } from './settings-context';
import { Notice } from './ui';

function Centered({ children }: { children: ReactNode }) {
  return (
    <main className="flex min-h-dvh items-center justify-center p-6 text-sm text-slate-500">
      {children}
    </main>
  );
}

/** The settings layout: checks the session, then the header, the section nav and the page. */
export function SettingsShell({ children }: { children: ReactNode }) {
  const isBrowser = useIsBrowser();
  if (!isBrowser) return <Centered>Loading settings…</Centered>;
  return <LoadedSettingsShell>{children}</LoadedSettingsShell>;
}

function LoadedSettingsShell({ children }: { children: ReactNode }) {
  const [{ data, error, fetching }] = useSettingsViewerQuery({ requestPolicy: 'network-only' });
  // Asked separately: until the server knows `permissions`, fall back to the role.
  const [permissions] = useViewerPermissionsQuery({ requestPolicy: 'network-only' });
  const unauthenticated = hasErrorCode(error, 'UNAUTHENTICATED');

  useEffect(() => {
    if (unauthenticated) redirectToSignIn();
  }, [unauthenticated]);

  const viewer = useMemo<SettingsViewer | null>(() => {
    if (!data) return null;
    return {
      role: data.viewer.role ?? null,
      permissions: permissions.data?.viewer.permissions ?? null,
      agentId: data.viewer.agent?.id ?? null,
      agentName: data.viewer.agent?.name ?? null,
      workspaceName: data.viewer.workspace.name,
    };
  }, [data, permissions.data]);

  if (unauthenticated) return <Centered>Redirecting to sign in…</Centered>;
  if (error && !data) {
    return (
      <Centered>
        <span role="alert">{describeError(error)}</span>
      </Centered>
    );
  }
  // Wait for the permissions answer too (an error means: fall back to the role).
  if (fetching || !viewer || (permissions.fetching && !permissions.data && !permissions.error)) {
    return <Centered>Loading settings…</Centered>;
  }

  return (
    <SettingsViewerContext.Provider value={viewer}>
      <div className="flex min-h-dvh flex-col bg-slate-50">
        <header className="flex h-14 shrink-0 items-center gap-3 border-b border-slate-200 bg-white px-3 sm:px-4">
          <span
            aria-hidden="true"
            className="flex size-8 shrink-0 items-center justify-center rounded-lg bg-indigo-600 text-sm font-bold text-white"
          >
            P
          </span>
          <div className="min-w-0">
            <p
              className="truncate text-sm font-semibold text-slate-900"
              title={viewer.workspaceName}
            >
              {viewer.workspaceName}
            </p>
            <p className="hidden text-xs text-slate-500 sm:block">Settings</p>
          </div>
          <Link
            href="/"
            data-testid="back-to-inbox"
            className={`ml-auto inline-flex items-center gap-1 rounded-lg border border-slate-300 px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-50 ${focusRing}`}
          >
            <BackIcon className="size-4" />
            Inbox
          </Link>
        </header>
        <div className="mx-auto flex w-full max-w-6xl flex-1 flex-col gap-6 px-3 py-6 sm:px-6 md:flex-row">
          <SettingsNav />
          <main className="min-w-0 flex-1">{children}</main>
        </div>
      </div>
    </SettingsViewerContext.Provider>
  );
}

function SettingsNav() {
  const viewer = useSettingsViewer();
  const pathname = usePathname();
  // Workspace sections the viewer may use, then their own account's.
  const sections = [...visibleSections(viewer), ...ACCOUNT_SECTIONS];
  return (
    <nav aria-label="Settings" className="md:w-52 md:shrink-0">
      {/* Narrow screens: the sections wrap onto a second line rather than
          scrolling sideways out of sight. */}
      <ul className="flex flex-wrap gap-1 md:flex-col md:flex-nowrap">
        {sections.map((section) => {
          const current = pathname === section.href;
          return (
            <li key={section.id}>
              <Link
                href={section.href}
                aria-current={current ? 'page' : undefined}
                data-testid={`settings-nav-${section.id}`}
                className={`block rounded-lg px-3 py-2 text-sm font-medium whitespace-nowrap ${focusRing} ${
                  current
                    ? 'bg-indigo-50 text-indigo-700'
                    : 'text-slate-600 hover:bg-white hover:text-slate-900'
                }`}
              >
                {section.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}

/** Renders a section only for viewers allowed to use it; a notice otherwise. */
export function SectionGate({
  section,
  children,
}: {
  section: SettingsSection;
  children: ReactNode;
}) {
  const viewer = useSettingsViewer();
  if (canSeeSection(viewer, section)) return <>{children}</>;
  return <NoAccessNotice />;
}

export function NoAccessNotice() {
  return (
    <Notice>
      <span data-testid="settings-no-access">
        Your role does not include this part of the settings. Ask a workspace owner or admin if you
        need access.
      </span>
    </Notice>
  );
}

/** `/settings`: the first section the viewer may use, or the notice. */
export function SettingsIndex() {
  const viewer = useSettingsViewer();
  // Without any workspace section, the viewer's own account settings.
  const first = visibleSections(viewer)[0] ?? ACCOUNT_SECTIONS[0];
  const router = useRouter();
  useEffect(() => {
    if (first) router.replace(first.href);
  }, [first, router]);
  if (!first) return <NoAccessNotice />;
  return <Notice>Opening {first.label}…</Notice>;
}
