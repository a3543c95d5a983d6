import type { Metadata } from 'next';
import { LoginForm } from '@/components/login-form';

export const metadata: Metadata = { title: 'Sign in · Parley' };

export default function LoginPage() {
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
          <div>
            <h1 className="text-2xl font-semibold tracking-tight">Sign in to Parley</h1>
            <p className="mt-1 text-sm text-slate-500">Your customers are waiting in the inbox.</p>
          </div>
        </div>
        <LoginForm />
      </div>
    </main>
  );
}
