/**
 * Guilds with their roles and members, what the signed-in user may do in each, and the
 * actions on them: create, rename, set the icon, invite, join, leave, kick and ban.
 * Channels live in the channels store.
 */
import { defineStore } from 'pinia'
import { computed, reactive } from 'vue'

import { api, unwrap } from '@/api/client'
import { uploadFile } from '@/api/files'
import type { GatewayMember, ReadyGuild } from '@/api/gateway'
import type { components } from '@/api/schema'
import type { Guild, Invite, InvitePreview, Member, Role } from '@/api/types'
import { allows, permissionsOf } from '@/utils/permissions'

import { useChannelsStore } from './channels'
import { usePresenceStore } from './presence'
import { useSessionStore } from './session'
import { useUsersStore } from './users'

/** A membership without the user (the users store has them). */
export type GuildMember = Omit<GatewayMember, 'guild_id'>

type UpdateGuildBody = components['schemas']['UpdateGuildBody']

function memberFromDto(member: Member): GuildMember {
  return {
    user_id: member.user.id,
    nickname: member.nickname,
    roles: member.roles,
    joined_at: member.joined_at,
  }
}

export const useGuildsStore = defineStore('guilds', () => {
  const byId = reactive(new Map<string, Guild>())
  const roles = reactive(new Map<string, Role[]>())
  const members = reactive(new Map<string, Map<string, GuildMember>>())

  const session = useSessionStore()
  const users = useUsersStore()

  /** Guilds in the order they were joined or created. */
  const list = computed(() => [...byId.values()])

  /** Replaces everything with what READY says. */
  function hydrate(guilds: ReadyGuild[]): void {
    reset()
    const channels = useChannelsStore()
    const presence = usePresenceStore()
    for (const ready of guilds) {
      const { channels: guildChannels, roles: guildRoles, members: guildMembers, presences, ...guild } = ready
      byId.set(guild.id, guild)
      roles.set(guild.id, guildRoles)
      const roster = new Map<string, GuildMember>()
      for (const { user, ...member } of guildMembers) {
        users.upsert(user)
        roster.set(user.id, { ...member, user_id: user.id })
      }
      members.set(guild.id, roster)
      channels.upsertMany(guildChannels)
      presence.setMany(presences)
    }
  }

  /** Adds a guild and loads its channels, roles and members. */
  async function add(guild: Guild): Promise<void> {
    byId.set(guild.id, guild)
    const path = { guild_id: guild.id }
    const [guildChannels, guildRoles, guildMembers] = await Promise.all([
      unwrap(api.GET('/guilds/{guild_id}/channels', { params: { path } })),
      unwrap(api.GET('/guilds/{guild_id}/roles', { params: { path } })),
      unwrap(api.GET('/guilds/{guild_id}/members', { params: { path, query: { limit: 1000 } } })),
    ])
    if (!byId.has(guild.id)) return
    useChannelsStore().upsertMany(guildChannels)
    roles.set(guild.id, guildRoles)
    const roster = new Map<string, GuildMember>()
    for (const member of guildMembers) {
      users.upsert(member.user)
      roster.set(member.user.id, memberFromDto(member))
    }
    members.set(guild.id, roster)
  }

  /** Forgets a guild the user left or lost. */
  function remove(guildId: string): void {
    byId.delete(guildId)
    roles.delete(guildId)
    members.delete(guildId)
    useChannelsStore().removeGuild(guildId)
  }

  /** The signed-in user's permission bits in a guild. */
  function permissions(guildId: string): number {
    const guild = byId.get(guildId)
    const me = session.userId
    if (!guild || !me) return 0
    return permissionsOf({
      guildId,
      ownerId: guild.owner_id,
      userId: me,
      memberRoles: members.get(guildId)?.get(me)?.roles ?? [],
      roles: roles.get(guildId) ?? [],
    })
  }

  /** Whether the signed-in user holds `permission` in a guild. */
  function can(guildId: string, permission: number): boolean {
    return allows(permissions(guildId), permission)
  }

  /** Members of a guild, by display name. */
  function membersOf(guildId: string): GuildMember[] {
    const roster = members.get(guildId)
    if (!roster) return []
    return [...roster.values()].sort((a, b) =>
      users.displayName(a.user_id).localeCompare(users.displayName(b.user_id)),
    )
  }

  // Actions

  /** Creates a guild (with a `general` channel) and returns it. */
  async function create(name: string): Promise<Guild> {
    const guild = await unwrap(api.POST('/guilds', { body: { name } }))
    await add(guild)
    return guild
  }

  /** Renames a guild. */
  async function rename(guildId: string, name: string): Promise<void> {
    const body: UpdateGuildBody = { name }
    const guild = await unwrap(
      api.PATCH('/guilds/{guild_id}', { params: { path: { guild_id: guildId } }, body }),
    )
    byId.set(guild.id, guild)
  }

  /** Uploads an image as the guild's icon and sets it. */
  async function setIcon(guildId: string, file: File): Promise<void> {
    const uploaded = await uploadFile(file, 'icon')
    const body: UpdateGuildBody = { icon: uploaded.id }
    const guild = await unwrap(
      api.PATCH('/guilds/{guild_id}', { params: { path: { guild_id: guildId } }, body }),
    )
    byId.set(guild.id, guild)
  }

  /** Deletes a guild (owner only). */
  async function destroy(guildId: string): Promise<void> {
    await unwrap(api.DELETE('/guilds/{guild_id}', { params: { path: { guild_id: guildId } } }))
    remove(guildId)
  }

  /** Leaves a guild. */
  async function leave(guildId: string): Promise<void> {
    const me = session.userId
    if (!me) return
    await kick(guildId, me)
    remove(guildId)
  }

  /** Removes a member (KICK_MEMBERS), or leaves when it is oneself. */
  async function kick(guildId: string, userId: string): Promise<void> {
    const path = { guild_id: guildId, user_id: userId }
    await unwrap(api.DELETE('/guilds/{guild_id}/members/{user_id}', { params: { path } }))
    members.get(guildId)?.delete(userId)
  }

  /** Bans a member (BAN_MEMBERS). */
  async function ban(guildId: string, userId: string, reason?: string): Promise<void> {
    const path = { guild_id: guildId, user_id: userId }
    const body = reason ? { reason } : {}
    await unwrap(api.PUT('/guilds/{guild_id}/bans/{user_id}', { params: { path }, body }))
    members.get(guildId)?.delete(userId)
  }

  /** Creates an invite that never expires. */
  function createInvite(guildId: string): Promise<Invite> {
    const path = { guild_id: guildId }
    return unwrap(api.POST('/guilds/{guild_id}/invites', { params: { path }, body: {} }))
  }

  /** What an invite leads to. */
  function previewInvite(code: string): Promise<InvitePreview> {
    return unwrap(api.GET('/invites/{code}', { params: { path: { code } } }))
  }

  /** Joins the guild an invite leads to and returns it. */
  async function joinInvite(code: string): Promise<Guild> {
    const guild = await unwrap(api.POST('/invites/{code}', { params: { path: { code } } }))
    await add(guild)
    return guild
  }

  // Events

  function applyGuildUpdate(guild: Guild): void {
    if (byId.has(guild.id)) byId.set(guild.id, { ...byId.get(guild.id), ...guild })
  }

  function applyMemberAdd(member: GatewayMember, user: Parameters<typeof users.upsert>[0]): void {
    users.upsert(user)
    const { guild_id: guildId, ...rest } = member
    members.get(guildId)?.set(member.user_id, rest)
  }

  function applyMemberUpdate(member: GatewayMember): void {
    const { guild_id: guildId, ...rest } = member
    members.get(guildId)?.set(member.user_id, rest)
  }

  function applyMemberRemove(guildId: string, userId: string): void {
    if (userId === session.userId) remove(guildId)
    else members.get(guildId)?.delete(userId)
  }

  function applyRole(role: Role): void {
    const list = (roles.get(role.guild_id) ?? []).filter((r) => r.id !== role.id)
    roles.set(role.guild_id, [...list, role].sort((a, b) => a.position - b.position))
  }

  function applyRoleDelete(guildId: string, roleId: string): void {
    roles.set(guildId, (roles.get(guildId) ?? []).filter((r) => r.id !== roleId))
  }

  /** Forgets every guild (sign-out, or before READY). */
  function reset(): void {
    byId.clear()
    roles.clear()
    members.clear()
  }

  return {
    byId,
    roles,
    members,
    list,
    hydrate,
    add,
    remove,
    permissions,
    can,
    membersOf,
    create,
    rename,
    setIcon,
    destroy,
    leave,
    kick,
    ban,
    createInvite,
    previewInvite,
    joinInvite,
    applyGuildUpdate,
    applyMemberAdd,
    applyMemberUpdate,
    applyMemberRemove,
    applyRole,
    applyRoleDelete,
    reset,
  }
})
