/**
 * Channels (guild channels, categories and DMs), how far the user has read in each, and
 * the unread and mention counts behind the badges. A channel is unread when its newest
 * message is newer than the user's read state.
 */
import { defineStore } from 'pinia'
import { computed, reactive, ref } from 'vue'

import { api, unwrap } from '@/api/client'
import type { Channel, ChannelType, ReadState } from '@/api/types'
import { compareIds, isNewer } from '@/utils/ids'

/** A category with the text channels under it; `category` is null for the loose ones. */
export interface ChannelGroup {
  category: Channel | null
  channels: Channel[]
}

function byPosition(a: Channel, b: Channel): number {
  return a.position - b.position || compareIds(a.id, b.id)
}

export const useChannelsStore = defineStore('channels', () => {
  const byId = reactive(new Map<string, Channel>())
  const readStates = reactive(new Map<string, string>())
  const unreadCounts = reactive(new Map<string, number>())
  const mentionCounts = reactive(new Map<string, number>())
  /** The channel on screen, if any; its new messages do not count as unread. */
  const viewing = ref<string | null>(null)

  /** DM channels, the most recently active first. */
  const dms = computed(() =>
    [...byId.values()]
      .filter((c) => c.type === 'dm')
      .sort((a, b) => compareIds(b.last_message_id ?? b.id, a.last_message_id ?? a.id)),
  )

  function ofGuild(guildId: string): Channel[] {
    return [...byId.values()].filter((c) => c.guild_id === guildId).sort(byPosition)
  }

  /** A guild's channels grouped by category, loose channels first. */
  function grouped(guildId: string): ChannelGroup[] {
    const channels = ofGuild(guildId)
    const loose: ChannelGroup = { category: null, channels: [] }
    const groups = new Map<string, ChannelGroup>()
    for (const category of channels.filter((c) => c.type === 'category')) {
      groups.set(category.id, { category, channels: [] })
    }
    for (const channel of channels.filter((c) => c.type === 'text')) {
      const group = (channel.parent_id && groups.get(channel.parent_id)) || loose
      group.channels.push(channel)
    }
    return [loose, ...groups.values()].filter((g) => g.category || g.channels.length)
  }

  /** The first text channel of a guild, to land in. */
  function firstText(guildId: string): Channel | undefined {
    return grouped(guildId).flatMap((g) => g.channels)[0]
  }

  function isUnread(channelId: string): boolean {
    const channel = byId.get(channelId)
    return !!channel && isNewer(channel.last_message_id, readStates.get(channelId))
  }

  function guildHasUnread(guildId: string): boolean {
    return ofGuild(guildId).some((c) => c.type === 'text' && isUnread(c.id))
  }

  function mentionsIn(channelId: string): number {
    return mentionCounts.get(channelId) ?? 0
  }

  function guildMentions(guildId: string): number {
    return ofGuild(guildId).reduce((sum, c) => sum + mentionsIn(c.id), 0)
  }

  /** Unread messages counted since the page loaded (a lower bound). */
  function unreadCount(channelId: string): number {
    return unreadCounts.get(channelId) ?? (isUnread(channelId) ? 1 : 0)
  }

  // Local changes

  function upsert(channel: Channel): void {
    byId.set(channel.id, { ...byId.get(channel.id), ...channel })
  }

  function upsertMany(channels: Channel[]): void {
    channels.forEach(upsert)
  }

  function remove(channelId: string): void {
    byId.delete(channelId)
  }

  function removeGuild(guildId: string): void {
    for (const channel of ofGuild(guildId)) byId.delete(channel.id)
  }

  /** Replaces DMs and read states with what READY says (guild channels come with guilds). */
  function hydrate(dmChannels: Channel[], states: ReadState[]): void {
    upsertMany(dmChannels)
    readStates.clear()
    for (const state of states) readStates.set(state.channel_id, state.last_message_id)
  }

  /**
   * Notes a new message in a channel: it is the channel's newest, and it counts as
   * unread unless the user wrote it or is looking at the channel.
   */
  function noteMessage(
    channelId: string,
    messageId: string,
    options: { mine: boolean; mentionsMe: boolean; viewing: boolean },
  ): void {
    const channel = byId.get(channelId)
    if (channel && isNewer(messageId, channel.last_message_id)) {
      byId.set(channelId, { ...channel, last_message_id: messageId })
    }
    if (options.mine) {
      applyReadState({ channel_id: channelId, last_message_id: messageId })
    } else if (!options.viewing) {
      unreadCounts.set(channelId, (unreadCounts.get(channelId) ?? 0) + 1)
      if (options.mentionsMe) mentionCounts.set(channelId, mentionsIn(channelId) + 1)
    }
  }

  /** Records a read state (from the server or after acking). */
  function applyReadState(state: ReadState): void {
    if (!isNewer(state.last_message_id, readStates.get(state.channel_id))) return
    readStates.set(state.channel_id, state.last_message_id)
    if (!isUnread(state.channel_id)) {
      unreadCounts.delete(state.channel_id)
      mentionCounts.delete(state.channel_id)
    }
  }

  // Actions

  /** Marks a channel read up to `messageId`, when that is news. */
  async function ack(channelId: string, messageId: string): Promise<void> {
    if (!isNewer(messageId, readStates.get(channelId))) return
    applyReadState({ channel_id: channelId, last_message_id: messageId })
    const path = { channel_id: channelId }
    await unwrap(
      api.POST('/channels/{channel_id}/ack', { params: { path }, body: { message_id: messageId } }),
    )
  }

  /** Creates a text channel or a category. */
  async function create(
    guildId: string,
    input: { name: string; type: Exclude<ChannelType, 'dm'>; parentId?: string },
  ): Promise<Channel> {
    const body = {
      name: input.name,
      type: input.type,
      ...(input.parentId ? { parent_id: input.parentId } : {}),
    }
    const channel = await unwrap(
      api.POST('/guilds/{guild_id}/channels', { params: { path: { guild_id: guildId } }, body }),
    )
    upsert(channel)
    return channel
  }

  /** Opens (or finds) the DM with a user. */
  async function openDm(userId: string): Promise<Channel> {
    const existing = dms.value.find((c) => c.recipients.includes(userId))
    if (existing) return existing
    const channel = await unwrap(
      api.POST('/users/@me/channels', { body: { recipient_id: userId } }),
    )
    upsert(channel)
    return channel
  }

  /** Forgets everything (sign-out). */
  function reset(): void {
    byId.clear()
    readStates.clear()
    unreadCounts.clear()
    mentionCounts.clear()
  }

  return {
    byId,
    readStates,
    viewing,
    dms,
    ofGuild,
    grouped,
    firstText,
    isUnread,
    guildHasUnread,
    mentionsIn,
    guildMentions,
    unreadCount,
    upsert,
    upsertMany,
    remove,
    removeGuild,
    hydrate,
    noteMessage,
    applyReadState,
    ack,
    create,
    openDm,
    reset,
  }
})
