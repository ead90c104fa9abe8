/**
 * Who is online, and who is typing where. Typing entries expire on their own after a
 * few seconds, or when the typist's message arrives.
 */
import { defineStore } from 'pinia'
import { reactive, ref } from 'vue'

import type { Presence } from '@/api/gateway'
import type { Status } from '@/api/types'

/** How long a TYPING_START shows, in ms. */
export const TYPING_SHOWN_MS = 8000

export const usePresenceStore = defineStore('presence', () => {
  const statuses = reactive(new Map<string, Status>())
  /** channel id → user id → when the indicator ends (ms). */
  const typing = reactive(new Map<string, Map<string, number>>())
  /** The signed-in user's own chosen status. */
  const ownStatus = ref<Exclude<Status, 'offline'>>('online')

  const timers = new Map<string, ReturnType<typeof setTimeout>>()

  function statusOf(userId: string): Status {
    return statuses.get(userId) ?? 'offline'
  }

  function set(presence: Presence): void {
    statuses.set(presence.user_id, presence.status)
  }

  function setMany(presences: Presence[]): void {
    presences.forEach(set)
  }

  /** Someone started typing in a channel. */
  function startTyping(channelId: string, userId: string, now = Date.now()): void {
    let channel = typing.get(channelId)
    if (!channel) {
      typing.set(channelId, new Map())
      channel = typing.get(channelId)
    }
    channel?.set(userId, now + TYPING_SHOWN_MS)
    const key = `${channelId}:${userId}`
    clearTimeout(timers.get(key))
    timers.set(key, setTimeout(() => stopTyping(channelId, userId), TYPING_SHOWN_MS))
  }

  /** Someone stopped typing (their message arrived, or the indicator expired). */
  function stopTyping(channelId: string, userId: string): void {
    typing.get(channelId)?.delete(userId)
    const key = `${channelId}:${userId}`
    clearTimeout(timers.get(key))
    timers.delete(key)
  }

  /** User ids typing in a channel now. */
  function typingIn(channelId: string): string[] {
    return [...(typing.get(channelId)?.keys() ?? [])]
  }

  /** Forgets everything (sign-out, or before READY). */
  function reset(): void {
    statuses.clear()
    typing.clear()
    timers.forEach(clearTimeout)
    timers.clear()
  }

  return { statuses, typing, ownStatus, statusOf, set, setMany, startTyping, stopTyping, typingIn, reset }
})
