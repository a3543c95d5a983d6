import { describe, expect, it } from 'vitest';
import {
  DEFAULT_NOTIFICATION_PREFERENCES,
  NotificationPreferencesPatch,
  readNotificationPreferences,
} from './profile-options.js';

describe('notification preferences', () => {
  it('reads a stored object, taking defaults for missing or malformed keys', () => {
    expect(readNotificationPreferences({})).toEqual(DEFAULT_NOTIFICATION_PREFERENCES);
    expect(readNotificationPreferences(null)).toEqual(DEFAULT_NOTIFICATION_PREFERENCES);
    expect(
      readNotificationPreferences({ sound: false, desktopAssignedToMe: 'no', extra: true }),
    ).toEqual({ ...DEFAULT_NOTIFICATION_PREFERENCES, sound: false });
  });

  it('refuses unknown keys and non-boolean values in an update', () => {
    expect(NotificationPreferencesPatch.safeParse({ sound: false }).success).toBe(true);
    expect(NotificationPreferencesPatch.safeParse({ mentions: true }).success).toBe(false);
    expect(NotificationPreferencesPatch.safeParse({ sound: 'yes' }).success).toBe(false);
  });
});
