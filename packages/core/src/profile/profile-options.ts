// What an agent may choose in their profile: a preferred language from a fixed
// list, and notification preferences as a small validated object.
import { z } from 'zod';

/**
 * BCP-47 tags the workbench will offer once it is translated (it is
 * English-only for now; the reports/i18n work reads the stored choice).
 */
export const PROFILE_LANGUAGES = ['en', 'zh-CN', 'zh-TW', 'es', 'fr', 'de', 'ja', 'pt-BR'] as const;
export type ProfileLanguage = (typeof PROFILE_LANGUAGES)[number];

/** What the workbench does while its tab is hidden; every switch on by default. */
export interface NotificationPreferences {
  /** A chime on a new conversation or a visitor message the agent would be alerted to. */
  sound: boolean;
  /** A desktop notification when a new conversation arrives or waits for an agent. */
  desktopNewConversation: boolean;
  /** A desktop notification for a visitor message in a conversation assigned to me. */
  desktopMyConversationMessage: boolean;
  /** A desktop notification when a conversation is assigned to me by someone else. */
  desktopAssignedToMe: boolean;
}

export const DEFAULT_NOTIFICATION_PREFERENCES: Readonly<NotificationPreferences> = Object.freeze({
  sound: true,
  desktopNewConversation: true,
  desktopMyConversationMessage: true,
  desktopAssignedToMe: true,
});

/** A partial update: unknown keys are refused, missing ones keep their value. */
export const NotificationPreferencesPatch = z
  .object({
    sound: z.boolean().nullish(),
    desktopNewConversation: z.boolean().nullish(),
    desktopMyConversationMessage: z.boolean().nullish(),
    desktopAssignedToMe: z.boolean().nullish(),
  })
  .strict();

/** The stored object read back: anything unknown or malformed falls back to the default. */
export function readNotificationPreferences(stored: unknown): NotificationPreferences {
  const result = { ...DEFAULT_NOTIFICATION_PREFERENCES };
  if (stored && typeof stored === 'object') {
    for (const key of Object.keys(result) as (keyof NotificationPreferences)[]) {
      const value = (stored as Record<string, unknown>)[key];
      if (typeof value === 'boolean') result[key] = value;
    }
  }
  return result;
}
