/**
 * What each gateway event changes in the stores. READY replaces what the stores hold;
 * after a lost session it is followed by a REST catch-up of the loaded channels.
 */
import type { EventName, GatewayEvents, Ready } from '@/api/gateway'
import type { Message } from '@/api/types'
import { useChannelsStore } from '@/stores/channels'
import { useGuildsStore } from '@/stores/guilds'
import { fromGateway, useMessagesStore } from '@/stores/messages'
import { usePresenceStore } from '@/stores/presence'
import { useRelationshipsStore } from '@/stores/relationships'
import { useSessionStore } from '@/stores/session'
import { useUsersStore } from '@/stores/users'
import { mentionsUser } from '@/utils/mentions'

type Handlers = { [K in EventName]?: (data: GatewayEvents[K]) => void }

/** Counts a new message as unread where it should, and ends its author's typing. */
function noteNewMessage(message: Message): void {
  const me = useSessionStore().userId
  const channels = useChannelsStore()
  const viewing = channels.viewing === message.channel_id && document.visibilityState === 'visible'
  channels.noteMessage(message.channel_id, message.id, {
    mine: message.author_id === me,
    mentionsMe: !!me && (message.mentions.includes(me) || mentionsUser(message.content, me)),
    viewing,
  })
  usePresenceStore().stopTyping(message.channel_id, message.author_id)
  void useUsersStore().ensure(message.author_id)
}

const handlers: Handlers = {
  MESSAGE_CREATE(data) {
    const message = fromGateway(data)
    if (useMessagesStore().applyCreate(message)) noteNewMessage(message)
  },
  MESSAGE_UPDATE: (data) => useMessagesStore().applyUpdate(fromGateway(data)),
  MESSAGE_DELETE: (data) => useMessagesStore().applyDelete(data.channel_id, data.id),
  MESSAGE_REACTION_ADD: (data) => useMessagesStore().applyReaction(data, true),
  MESSAGE_REACTION_REMOVE: (data) => useMessagesStore().applyReaction(data, false),
  TYPING_START(data) {
    if (data.user_id !== useSessionStore().userId) {
      usePresenceStore().startTyping(data.channel_id, data.user_id)
    }
  },
  PRESENCE_UPDATE: (data) => usePresenceStore().set(data),
  GUILD_CREATE: (data) => void useGuildsStore().add(data),
  GUILD_UPDATE: (data) => useGuildsStore().applyGuildUpdate(data),
  GUILD_DELETE: (data) => useGuildsStore().remove(data.id),
  GUILD_MEMBER_ADD: (data) => useGuildsStore().applyMemberAdd(data.member, data.user),
  GUILD_MEMBER_UPDATE: (data) => useGuildsStore().applyMemberUpdate(data),
  GUILD_MEMBER_REMOVE: (data) => useGuildsStore().applyMemberRemove(data.guild_id, data.user_id),
  GUILD_ROLE_CREATE: (data) => useGuildsStore().applyRole(data),
  GUILD_ROLE_UPDATE: (data) => useGuildsStore().applyRole(data),
  GUILD_ROLE_DELETE: (data) => useGuildsStore().applyRoleDelete(data.guild_id, data.role_id),
  CHANNEL_CREATE: (data) => useChannelsStore().upsert(data),
  CHANNEL_UPDATE: (data) => useChannelsStore().upsert(data),
  CHANNEL_DELETE(data) {
    useChannelsStore().remove(data.id)
    useMessagesStore().forget(data.id)
  },
  RELATIONSHIP_ADD: (data) => useRelationshipsStore().apply(data),
  RELATIONSHIP_REMOVE: (data) => useRelationshipsStore().forget(data.id),
  USER_UPDATE(data) {
    useUsersStore().upsert(data)
    useSessionStore().applyUserUpdate(data)
  },
  READ_STATE_UPDATE: (data) => useChannelsStore().applyReadState(data),
}

/** Routes one dispatch to the stores; unknown events are ignored. */
export function applyEvent(name: string, data: unknown): void {
  const handler = handlers[name as EventName] as ((data: unknown) => void) | undefined
  handler?.(data)
}

/**
 * Replaces the stores' state with READY; with `catchUp`, then fetches what the loaded
 * channels missed while no session delivered events.
 */
export async function applyReady(ready: Ready, catchUp: boolean): Promise<void> {
  const users = useUsersStore()
  const channels = useChannelsStore()
  const presence = usePresenceStore()

  users.upsert(ready.user)
  useSessionStore().applyUserUpdate(ready.user)
  channels.reset()
  presence.reset()
  useGuildsStore().hydrate(ready.guilds)
  channels.hydrate(ready.dm_channels, ready.read_states)
  useRelationshipsStore().hydrate(ready.relationships)
  presence.setMany(ready.presences)

  if (!catchUp) return
  const missed = await useMessagesStore().catchUp()
  missed.forEach(noteNewMessage)
}
