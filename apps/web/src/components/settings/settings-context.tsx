'use client';

import { createContext, useContext } from 'react';
import type { Role } from '@/generated/graphql';
import type { SettingsAccess } from '@/lib/settings/permissions';

export type SettingsViewer = SettingsAccess & {
  role: Role | null;
  agentId: string | null;
  agentName: string | null;
  workspaceName: string;
};

export const SettingsViewerContext = createContext<SettingsViewer | null>(null);

/** The signed-in viewer, for settings sections (inside the settings layout only). */
export function useSettingsViewer(): SettingsViewer {
  const viewer = useContext(SettingsViewerContext);
  if (!viewer) throw new Error('useSettingsViewer outside the settings layout');
  return viewer;
}
