import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it } from 'vitest'

import type { ReadyGuild } from '@/api/gateway'
import { Permission } from '@/utils/permissions'

import { useChannelsStore } from './channels'
import { useGuildsStore } from './guilds'
import { usePresenceStore } from './presence'
import { useSessionStore } from './session'
import { useUsersStore } from './users'

const GUILD = 'G'.repeat(26)
const OWNER = 'O'.repeat(26)
const ME = 'M'.repeat(26)
const MOD_ROLE = 'R'.repeat(26)

function readyGuild(myRoles: string[]): ReadyGuild {
  return {
    id: GUILD,
    name: 'Engines',
    owner_id: OWNER,
    created_at: 0,
    channels: [
      { id: 'c'.repeat(26), type: 'text', guild_id: GUILD, name: 'general', position: 0, recipients: [], created_at: 0 },
    ],
    roles: [
      { id: GUILD, guild_id: GUILD, name: '@everyone', permissions: Permission.VIEW_CHANNEL | Permission.SEND_MESSAGES, position: 0 },
      { id: MOD_ROLE, guild_id: GUILD, name: 'mod', permissions: Permission.KICK_MEMBERS, position: 1 },
    ],
    members: [
      { guild_id: GUILD, user_id: ME, roles: myRoles, joined_at: 0, user: { id: ME, username: 'me', display_name: 'Me' } },
      { guild_id: GUILD, user_id: OWNER, roles: [], joined_at: 0, user: { id: OWNER, username: 'boss', display_name: 'Boss' } },
    ],
    presences: [{ user_id: OWNER, status: 'online' }],
  }
}

describe('guilds store', () => {
  beforeEach(() => {
    setActivePinia(createPinia())
    useSessionStore().user = { id: ME, username: 'me', email: 'me@x', display_name: 'Me', created_at: 0 }
  })

  it('fills guilds, channels, members and presence from READY', () => {
    const guilds = useGuildsStore()
    guilds.hydrate([readyGuild([])])

    expect(guilds.list.map((g) => g.name)).toEqual(['Engines'])
    expect(useChannelsStore().firstText(GUILD)?.name).toBe('general')
    expect(guilds.membersOf(GUILD).map((m) => m.user_id)).toEqual([OWNER, ME])
    expect(useUsersStore().displayName(OWNER)).toBe('Boss')
    expect(usePresenceStore().statusOf(OWNER)).toBe('online')
  })

  it('derives permissions from @everyone and held roles', () => {
    const guilds = useGuildsStore()
    guilds.hydrate([readyGuild([])])
    expect(guilds.can(GUILD, Permission.SEND_MESSAGES)).toBe(true)
    expect(guilds.can(GUILD, Permission.KICK_MEMBERS)).toBe(false)

    guilds.applyMemberUpdate({ guild_id: GUILD, user_id: ME, roles: [MOD_ROLE], joined_at: 0 })
    expect(guilds.can(GUILD, Permission.KICK_MEMBERS)).toBe(true)
    expect(guilds.can(GUILD, Permission.BAN_MEMBERS)).toBe(false)
  })

  it('gives the owner every permission', () => {
    useSessionStore().user = { id: OWNER, username: 'boss', email: 'b@x', display_name: 'Boss', created_at: 0 }
    const guilds = useGuildsStore()
    guilds.hydrate([readyGuild([])])
    expect(guilds.can(GUILD, Permission.BAN_MEMBERS | Permission.MANAGE_GUILD)).toBe(true)
  })

  it('forgets a guild the user was removed from', () => {
    const guilds = useGuildsStore()
    guilds.hydrate([readyGuild([])])
    guilds.applyMemberRemove(GUILD, ME)
    expect(guilds.list).toEqual([])
    expect(useChannelsStore().ofGuild(GUILD)).toEqual([])
  })
})
