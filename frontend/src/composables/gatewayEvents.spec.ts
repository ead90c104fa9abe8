import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it } from 'vitest'

import type { Ready } from '@/api/gateway'
import { useChannelsStore } from '@/stores/channels'
import { useMessagesStore } from '@/stores/messages'
import { usePresenceStore } from '@/stores/presence'
import { useRelationshipsStore } from '@/stores/relationships'
import { useSessionStore } from '@/stores/session'
import { fakeApi, id, json, message } from '@/test/fakeApi'

import { applyEvent, applyReady } from './gatewayEvents'

const ME = 'M'.repeat(26)
const FRIEND = 'F'.repeat(26)
const DM = 'C'.repeat(26)

function ready(): Ready {
  return {
    session_id: 's',
    user: { id: ME, username: 'me', email: 'me@x', display_name: 'Me', created_at: 0 },
    guilds: [],
    dm_channels: [{ id: DM, type: 'dm', name: '', position: 0, recipients: [ME, FRIEND], created_at: 0, last_message_id: id(1) }],
    relationships: [{ id: FRIEND, type: 'friend', user: { id: FRIEND, username: 'fr', display_name: 'Friend' } }],
    read_states: [{ channel_id: DM, last_message_id: id(1) }],
    presences: [{ user_id: FRIEND, status: 'idle' }],
  }
}

describe('gateway events', () => {
  beforeEach(() => {
    setActivePinia(createPinia())
    useSessionStore().user = ready().user
  })

  it('fills the stores from READY', async () => {
    await applyReady(ready(), false)
    expect(useChannelsStore().dms.map((c) => c.id)).toEqual([DM])
    expect(useRelationshipsStore().friends.map((f) => f.id)).toEqual([FRIEND])
    expect(usePresenceStore().statusOf(FRIEND)).toBe('idle')
    expect(useChannelsStore().isUnread(DM)).toBe(false)
  })

  it('adds live messages once, counts them unread and ends typing', async () => {
    fakeApi({ [`GET /channels/${DM}/messages`]: () => json(200, [message(1)]) })
    await applyReady(ready(), false)
    const messages = useMessagesStore()
    await messages.loadLatest(DM)
    applyEvent('TYPING_START', { channel_id: DM, user_id: FRIEND, at: 0 })
    expect(usePresenceStore().typingIn(DM)).toEqual([FRIEND])

    const event = { ...message(2, { author_id: FRIEND, channel_id: DM }), reactions: [] }
    applyEvent('MESSAGE_CREATE', event)
    applyEvent('MESSAGE_CREATE', event)

    expect(messages.history(DM).messages.map((m) => m.id)).toEqual([id(1), id(2)])
    expect(useChannelsStore().unreadCount(DM)).toBe(1)
    expect(usePresenceStore().typingIn(DM)).toEqual([])
  })

  it('catches up the loaded channels after a lost session', async () => {
    const fake = fakeApi({
      [`GET /channels/${DM}/messages`]: ({ query }) =>
        query.get('after') === id(1)
          ? json(200, [message(3, { channel_id: DM, author_id: FRIEND }), message(2, { channel_id: DM, author_id: FRIEND })])
          : json(200, [message(1, { channel_id: DM })]),
    })
    await applyReady(ready(), false)
    await useMessagesStore().loadLatest(DM)

    await applyReady(ready(), true)

    expect(fake.seen.at(-1)?.query.get('after')).toBe(id(1))
    expect(useMessagesStore().history(DM).messages.map((m) => m.id)).toEqual([id(1), id(2), id(3)])
    expect(useChannelsStore().unreadCount(DM)).toBe(2)
  })
})
