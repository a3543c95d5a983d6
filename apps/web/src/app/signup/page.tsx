import type { Metadata } from 'next';
import { AuthLayout } from '@/components/auth/auth-layout';
import { NewWorkspaceForm } from '@/components/auth/new-workspace-form';

export const metadata: Metadata = { title: 'Create a workspace · Parley' };

export default function SignUpPage() {
  return (
    <AuthLayout title="Create a workspace" subtitle="A new inbox for your team, with you as owner.">
      <NewWorkspaceForm mode="signup" />
    </AuthLayout>
  );
}
