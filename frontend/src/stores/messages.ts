/**
 * Message history per channel: pages loaded newest first and scrolled back through with
 * `?before=`, live events merged in (deduplicated by id), optimistic sends matched to the
 * stored message by their nonce, and catch-up with `?after=` after a gateway outage.
 */
import { defineStore } from 'pinia'
import { reactive } from 'vue'

import { ApiError, api, unwrap } from '@/api/client'
import { attachmentUrl } from '@/api/files'
import type { GatewayMessage, ReactionEvent } from '@/api/gateway'
import type { Attachment, Message } from '@/api/types'
import { compareIds, newNonce } from '@/utils/ids'

import { useSessionStore } from './session'

/** Messages per history page. */
export const PAGE_SIZE = 50
/** Messages per catch-up page (the server's maximum). */
export const CATCH_UP_PAGE = 100

/** A message as the views show it: stored, or still on its way. */
export interface ChatMessage extends Message {
  /** Set while an optimistic send is pending or after it failed. */
  state?: 'sending' | 'failed'
  /** Why the send failed. */
  error?: string
}

/** What is loaded of one channel's history. */
export interface ChannelHistory {
  /** Oldest first; pending sends come last. */
  messages: ChatMessage[]
  /** Whether older messages exist on the server. */
  hasMore: boolean
  /** Whether the newest page has been loaded. */
  loaded: boolean
  loading: boolean
}

/**
 * A message from an event, in the REST shape: reactions gain their counts and
 * attachments their URLs.
 */
export function fromGateway(message: GatewayMessage): Message {
  return {
    ...message,
    nonce: message.nonce ?? undefined,
    reply_to: message.reply_to ?? undefined,
    edited_at: message.edited_at ?? undefined,
    attachments: message.attachments.map((a) => ({ ...a, url: attachmentUrl(a) })),
    reactions: message.reactions.map((r) => ({ ...r, count: r.count ?? r.users.length })),
  }
}

function pendingId(nonce: string): string {
  return `pending-${nonce}`
}

export const useMessagesStore = defineStore('messages', () => {
  const channels = reactive(new Map<string, ChannelHistory>())
  const session = useSessionStore()

  /** The history of a channel, created empty on first use. */
  function history(channelId: string): ChannelHistory {
    let entry = channels.get(channelId)
    if (!entry) {
      channels.set(channelId, { messages: [], hasMore: true, loaded: false, loading: false })
      entry = channels.get(channelId) as ChannelHistory
    }
    return entry
  }

  function find(channelId: string, messageId: string): ChatMessage | undefined {
    return channels.get(channelId)?.messages.find((m) => m.id === messageId)
  }

  /** The newest stored (not pending) message id of a channel. */
  function newestStored(channelId: string): string | undefined {
    const messages = channels.get(channelId)?.messages ?? []
    for (let i = messages.length - 1; i >= 0; i--) {
      const message = messages[i]
      if (message && !message.state) return message.id
    }
    return undefined
  }

  /**
   * Puts stored messages in place: replaces known ids and pending sends with the same
   * nonce, inserts the rest in id order. Returns the ids that were new.
   */
  function merge(channelId: string, incoming: Message[]): string[] {
    const entry = history(channelId)
    const added: string[] = []
    for (const message of incoming) {
      const known = entry.messages.findIndex(
        (m) => m.id === message.id || (!!m.state && !!message.nonce && m.nonce === message.nonce),
      )
      if (known >= 0) entry.messages.splice(known, 1)
      else added.push(message.id)
      insertSorted(entry, message)
    }
    return added
  }

  function insertSorted(entry: ChannelHistory, message: Message): void {
    const list = entry.messages
    let index = list.length
    // Stored messages go before pending ones, in id order.
    while (index > 0) {
      const before = list[index - 1]
      if (before && !before.state && compareIds(before.id, message.id) < 0) break
      index--
    }
    list.splice(index, 0, message)
  }

  // Loading

  async function fetchPage(
    channelId: string,
    query: { before?: string; after?: string; limit: number },
  ): Promise<Message[]> {
    const params = { path: { channel_id: channelId }, query }
    return unwrap(api.GET('/channels/{channel_id}/messages', { params }))
  }

  /** Loads the newest page of a channel once. */
  async function loadLatest(channelId: string): Promise<void> {
    const entry = history(channelId)
    if (entry.loaded || entry.loading) return
    entry.loading = true
    try {
      const page = await fetchPage(channelId, { limit: PAGE_SIZE })
      merge(channelId, page.reverse())
      entry.hasMore = page.length === PAGE_SIZE
      entry.loaded = true
    } finally {
      entry.loading = false
    }
  }

  /** Loads the page before the oldest loaded message. */
  async function loadOlder(channelId: string): Promise<void> {
    const entry = history(channelId)
    const oldest = entry.messages.find((m) => !m.state)
    if (!entry.loaded || entry.loading || !entry.hasMore || !oldest) return
    entry.loading = true
    try {
      const page = await fetchPage(channelId, { before: oldest.id, limit: PAGE_SIZE })
      merge(channelId, page.reverse())
      entry.hasMore = page.length === PAGE_SIZE
    } finally {
      entry.loading = false
    }
  }

  /**
   * Fetches what every loaded channel missed while the gateway could not deliver it,
   * page by page after the newest known message. Returns the new messages.
   */
  async function catchUp(): Promise<Message[]> {
    const missed: Message[] = []
    const loaded = [...channels.entries()].filter(([, entry]) => entry.loaded)
    await Promise.all(
      loaded.map(async ([channelId]) => {
        for (;;) {
          const after = newestStored(channelId)
          if (!after) return
          let page: Message[]
          try {
            page = await fetchPage(channelId, { after, limit: CATCH_UP_PAGE })
          } catch (error) {
            // A channel we lost access to: forget its history.
            if (error instanceof ApiError && (error.status === 403 || error.status === 404)) {
              channels.delete(channelId)
              return
            }
            throw error
          }
          const added = merge(channelId, page.reverse())
          missed.push(...page.filter((m) => added.includes(m.id)))
          if (page.length < CATCH_UP_PAGE) return
        }
      }),
    )
    return missed
  }

  // Sending

  /**
   * Sends a message optimistically: it shows at once and is replaced when stored.
   * `attachments` are files already uploaded for it; `content` may be empty with them.
   */
  async function send(
    channelId: string,
    content: string,
    options: { replyTo?: string; attachments?: Attachment[] } = {},
  ): Promise<void> {
    const nonce = newNonce()
    const pending: ChatMessage = {
      id: pendingId(nonce),
      channel_id: channelId,
      author_id: session.userId ?? '',
      content,
      nonce,
      reply_to: options.replyTo,
      attachments: options.attachments ?? [],
      mentions: [],
      reactions: [],
      created_at: Date.now(),
      state: 'sending',
    }
    history(channelId).messages.push(pending)
    await deliver(channelId, pending)
  }

  /** Sends a failed message again with the same nonce (the server will not duplicate it). */
  async function retry(channelId: string, nonce: string): Promise<void> {
    const pending = history(channelId).messages.find((m) => m.nonce === nonce && m.state)
    if (!pending) return
    pending.state = 'sending'
    pending.error = undefined
    await deliver(channelId, pending)
  }

  async function deliver(channelId: string, pending: ChatMessage): Promise<void> {
    const body = {
      content: pending.content,
      nonce: pending.nonce,
      ...(pending.reply_to ? { reply_to: pending.reply_to } : {}),
      ...(pending.attachments.length ? { attachments: pending.attachments.map((a) => a.id) } : {}),
    }
    try {
      const stored = await unwrap(
        api.POST('/channels/{channel_id}/messages', {
          params: { path: { channel_id: channelId } },
          body,
        }),
      )
      merge(channelId, [stored])
    } catch (error) {
      const live = history(channelId).messages.find((m) => m.id === pending.id)
      if (live) {
        live.state = 'failed'
        live.error = error instanceof Error ? error.message : 'not sent'
      }
    }
  }

  /** Drops a failed send. */
  function discard(channelId: string, nonce: string): void {
    const entry = history(channelId)
    entry.messages = entry.messages.filter((m) => !(m.state && m.nonce === nonce))
  }

  // Changes

  /** Edits one's own message. */
  async function edit(channelId: string, messageId: string, content: string): Promise<void> {
    const path = { channel_id: channelId, message_id: messageId }
    const stored = await unwrap(
      api.PATCH('/channels/{channel_id}/messages/{message_id}', { params: { path }, body: { content } }),
    )
    applyUpdate(stored)
  }

  /** Deletes a message (one's own, or any with MANAGE_MESSAGES). */
  async function remove(channelId: string, messageId: string): Promise<void> {
    const path = { channel_id: channelId, message_id: messageId }
    await unwrap(api.DELETE('/channels/{channel_id}/messages/{message_id}', { params: { path } }))
    applyDelete(channelId, messageId)
  }

  /** Adds one's reaction, or takes it back when it is there. */
  async function toggleReaction(channelId: string, messageId: string, emoji: string): Promise<void> {
    const me = session.userId
    if (!me) return
    const message = find(channelId, messageId)
    const mine = !!message?.reactions.find((r) => r.emoji === emoji)?.users.includes(me)
    const event = { channel_id: channelId, message_id: messageId, user_id: me, emoji }
    const path = { channel_id: channelId, message_id: messageId, emoji }
    const route = '/channels/{channel_id}/messages/{message_id}/reactions/{emoji}'
    if (mine) {
      applyReaction(event, false)
      await unwrap(api.DELETE(route, { params: { path } })).catch((error: unknown) => {
        applyReaction(event, true)
        throw error
      })
    } else {
      applyReaction(event, true)
      await unwrap(api.PUT(route, { params: { path } })).catch((error: unknown) => {
        applyReaction(event, false)
        throw error
      })
    }
  }

  // Events

  /** A new message; kept only where history is loaded. Returns whether it was new. */
  function applyCreate(message: Message): boolean {
    const entry = channels.get(message.channel_id)
    if (!entry?.loaded) return true
    return merge(message.channel_id, [message]).length > 0
  }

  function applyUpdate(message: Message): void {
    const known = find(message.channel_id, message.id)
    if (known) Object.assign(known, message)
  }

  function applyDelete(channelId: string, messageId: string): void {
    const entry = channels.get(channelId)
    if (entry) entry.messages = entry.messages.filter((m) => m.id !== messageId)
  }

  /** A reaction added (`added`) or taken back; idempotent. */
  function applyReaction(event: ReactionEvent, added: boolean): void {
    const message = find(event.channel_id, event.message_id)
    if (!message) return
    const reaction = message.reactions.find((r) => r.emoji === event.emoji)
    if (added) {
      if (!reaction) {
        message.reactions.push({ emoji: event.emoji, count: 1, users: [event.user_id] })
      } else if (!reaction.users.includes(event.user_id)) {
        reaction.users.push(event.user_id)
        reaction.count = reaction.users.length
      }
    } else if (reaction) {
      reaction.users = reaction.users.filter((u) => u !== event.user_id)
      reaction.count = reaction.users.length
      if (reaction.count === 0) message.reactions = message.reactions.filter((r) => r !== reaction)
    }
  }

  /** Forgets a channel's history (the channel is gone). */
  function forget(channelId: string): void {
    channels.delete(channelId)
  }

  /** Forgets everything (sign-out). */
  function reset(): void {
    channels.clear()
  }

  return {
    channels,
    history,
    find,
    newestStored,
    loadLatest,
    loadOlder,
    catchUp,
    send,
    retry,
    discard,
    edit,
    remove,
    toggleReaction,
    applyCreate,
    applyUpdate,
    applyDelete,
    applyReaction,
    forget,
    reset,
  }
})
