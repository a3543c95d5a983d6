// Browser-only helpers that get an agent's attention while the tab is hidden:
// a short chime made with the Web Audio API (no asset) and a notification.

type AudioContextConstructor = typeof AudioContext;

let audio: AudioContext | null = null;

function audioContextClass(): AudioContextConstructor | null {
  if (typeof window === 'undefined') return null;
  const withPrefix = window as Window & { webkitAudioContext?: AudioContextConstructor };
  return window.AudioContext ?? withPrefix.webkitAudioContext ?? null;
}

/**
 * Browsers only let audio start after a user gesture: call this from one
 * (any click or key press) so later chimes can play while the tab is hidden.
 */
export function unlockAudio(): void {
  const Ctor = audioContextClass();
  if (!Ctor) return;
  try {
    audio ??= new Ctor();
    if (audio.state === 'suspended') void audio.resume();
  } catch {
    audio = null;
  }
}

/** Two soft rising tones, ~0.35 s. Silent if audio was never unlocked. */
export function playChime(): void {
  const ctx = audio;
  if (!ctx || ctx.state !== 'running') return;
  const start = ctx.currentTime + 0.01;
  const gain = ctx.createGain();
  gain.connect(ctx.destination);
  gain.gain.setValueAtTime(0.0001, start);
  gain.gain.exponentialRampToValueAtTime(0.18, start + 0.02);
  gain.gain.exponentialRampToValueAtTime(0.0001, start + 0.35);
  [880, 1320].forEach((frequency, i) => {
    const tone = ctx.createOscillator();
    tone.type = 'sine';
    tone.frequency.setValueAtTime(frequency, start + i * 0.12);
    tone.connect(gain);
    tone.start(start + i * 0.12);
    tone.stop(start + 0.36);
  });
}

export type NotificationState = NotificationPermission | 'unsupported';

export function notificationState(): NotificationState {
  if (typeof window === 'undefined' || !('Notification' in window)) return 'unsupported';
  return Notification.permission;
}

/** Asks once, from a click: the answer sticks in the browser either way. */
export async function requestNotifications(): Promise<NotificationState> {
  if (notificationState() !== 'default') return notificationState();
  try {
    return await Notification.requestPermission();
  } catch {
    return notificationState();
  }
}

/** One notification per conversation (a newer one replaces it); clicking focuses the tab. */
export function showNotification(
  alert: { conversationId: string; title: string; body: string },
  onClick: (conversationId: string) => void,
): void {
  if (notificationState() !== 'granted') return;
  try {
    const notification = new Notification(alert.title, {
      body: alert.body,
      tag: `parley-${alert.conversationId}`,
      icon: '/icon.svg',
    });
    notification.onclick = () => {
      window.focus();
      onClick(alert.conversationId);
      notification.close();
    };
  } catch {
    // Some browsers only allow notifications from a service worker.
  }
}
