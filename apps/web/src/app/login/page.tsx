import type { Metadata } from 'next';
import { AuthLayout } from '@/components/auth/auth-layout';
import { LoginForm } from '@/components/login-form';

export const metadata: Metadata = { title: 'Sign in · Parley' };

export default function LoginPage() {
  return (
    <AuthLayout title="Sign in to Parley" subtitle="Your customers are waiting in the inbox.">
      <LoginForm />
    </AuthLayout>
  );
}
