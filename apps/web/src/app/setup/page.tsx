import type { Metadata } from 'next';
import { AuthLayout } from '@/components/auth/auth-layout';
import { NewWorkspaceForm } from '@/components/auth/new-workspace-form';

export const metadata: Metadata = { title: 'Set up Parley' };

export default function SetupPage() {
  return (
    <AuthLayout
      title="Welcome to Parley"
      subtitle="Create the first workspace and its owner account."
    >
      <NewWorkspaceForm mode="setup" />
    </AuthLayout>
  );
}
