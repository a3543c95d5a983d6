import type { Metadata } from 'next';
import { InviteAccept } from '@/components/settings/invite-accept';

export const metadata: Metadata = { title: 'Join a workspace · Parley' };

export default async function InvitePage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { token } = await searchParams;
  return (
    <main className="flex min-h-dvh items-center justify-center bg-gradient-to-br from-indigo-50 via-slate-50 to-white px-4 py-12">
      <div className="w-full max-w-sm">
        <div className="mb-8 flex flex-col items-center gap-3 text-center">
          <span
            aria-hidden="true"
            className="flex size-12 items-center justify-center rounded-2xl bg-indigo-600 text-xl font-bold text-white shadow-lg shadow-indigo-600/25"
          >
            P
          </span>
          <h1 className="text-2xl font-semibold tracking-tight">Join your team on Parley</h1>
        </div>
        <InviteAccept token={typeof token === 'string' ? token : ''} />
      </div>
    </main>
  );
}
