import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it } from 'vitest'

import type { Channel } from '@/api/types'
import { fakeApi, id, json } from '@/test/fakeApi'

import { useChannelsStore } from './channels'

const GUILD = 'G'.repeat(26)

function channel(n: number, overrides: Partial<Channel> = {}): Channel {
  return {
    id: id(n),
    type: 'text',
    guild_id: GUILD,
    name: `channel-${n}`,
    position: n,
    recipients: [],
    created_at: n,
    ...overrides,
  }
}

describe('channels store', () => {
  beforeEach(() => setActivePinia(createPinia()))

  it('groups text channels under their categories, loose ones first', () => {
    const store = useChannelsStore()
    store.upsertMany([
      channel(1, { type: 'category', name: 'Info', position: 0 }),
      channel(2, { parent_id: id(1) }),
      channel(3),
      channel(4, { type: 'category', name: 'Empty' }),
      channel(5, { guild_id: 'other' }),
    ])

    const groups = store.grouped(GUILD)

    expect(groups.map((g) => [g.category?.name ?? null, g.channels.map((c) => c.name)])).toEqual([
      [null, ['channel-3']],
      ['Info', ['channel-2']],
      ['Empty', []],
    ])
    expect(store.firstText(GUILD)?.id).toBe(id(3))
  })

  it('counts messages as unread until acknowledged', async () => {
    const fake = fakeApi({ [`POST /channels/${id(2)}/ack`]: () => json(200, {}) })
    const store = useChannelsStore()
    store.upsert(channel(2, { last_message_id: id(10) }))
    store.hydrate([], [{ channel_id: id(2), last_message_id: id(10) }])
    expect(store.isUnread(id(2))).toBe(false)

    store.noteMessage(id(2), id(11), { mine: false, mentionsMe: true, viewing: false })
    store.noteMessage(id(2), id(12), { mine: false, mentionsMe: false, viewing: false })
    expect(store.isUnread(id(2))).toBe(true)
    expect(store.unreadCount(id(2))).toBe(2)
    expect(store.guildMentions(GUILD)).toBe(1)

    await store.ack(id(2), id(12))
    expect(store.isUnread(id(2))).toBe(false)
    expect(store.mentionsIn(id(2))).toBe(0)
    expect(fake.seen[0]?.body).toEqual({ message_id: id(12) })
  })

  it('does not count what one sends or reads as it arrives', () => {
    const store = useChannelsStore()
    store.upsert(channel(2))
    store.noteMessage(id(2), id(11), { mine: true, mentionsMe: false, viewing: false })
    store.noteMessage(id(2), id(12), { mine: false, mentionsMe: false, viewing: true })
    expect(store.unreadCount(id(2))).toBe(1)
    expect(store.readStates.get(id(2))).toBe(id(11))
  })

  it('lists DMs by their newest message', () => {
    const store = useChannelsStore()
    store.upsertMany([
      channel(1, { type: 'dm', guild_id: undefined, last_message_id: id(5) }),
      channel(2, { type: 'dm', guild_id: undefined, last_message_id: id(9) }),
    ])
    expect(store.dms.map((c) => c.id)).toEqual([id(2), id(1)])
  })
})
