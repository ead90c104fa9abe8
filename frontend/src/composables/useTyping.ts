/**
 * Tells the server the user is typing in a channel: at most once every few seconds
 * while keys are pressed, and not at all for empty drafts.
 */
import { api } from '@/api/client'

/** Least time between two typing notices for one channel, ms. */
export const TYPING_EVERY_MS = 6000

export function useTyping() {
  const lastSent = new Map<string, number>()

  /** Call on input; sends a notice when the last one is old enough. */
  function typed(channelId: string, draft: string, now = Date.now()): void {
    if (!draft.trim()) return
    if (now - (lastSent.get(channelId) ?? 0) < TYPING_EVERY_MS) return
    lastSent.set(channelId, now)
    const params = { path: { channel_id: channelId } }
    void api.POST('/channels/{channel_id}/typing', { params }).catch(() => undefined)
  }

  /** Call after sending, so the next keystroke notifies again. */
  function sent(channelId: string): void {
    lastSent.delete(channelId)
  }

  return { typed, sent }
}
