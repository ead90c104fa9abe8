import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it } from 'vitest'

import { fakeApi, id, json, message } from '@/test/fakeApi'

import { CATCH_UP_PAGE, PAGE_SIZE, fromGateway, useMessagesStore } from './messages'
import { useSessionStore } from './session'

const CHANNEL = 'C'.repeat(26)
const ME = 'M'.repeat(26)
const FILE = 'F'.repeat(26)
const PICTURE = {
  id: FILE,
  url: `/files/${FILE}/cat.png`,
  filename: 'cat.png',
  content_type: 'image/png',
  size: 68,
}

function page(from: number, to: number) {
  const list = []
  for (let n = to; n >= from; n--) list.push(message(n))
  return list
}

describe('messages store', () => {
  beforeEach(() => {
    setActivePinia(createPinia())
    const session = useSessionStore()
    session.user = { id: ME, username: 'me', email: 'me@x', display_name: 'Me', created_at: 0 }
  })

  it('loads the newest page oldest first and pages back with before', async () => {
    const api = fakeApi({
      [`GET /channels/${CHANNEL}/messages`]: ({ query }) =>
        query.get('before') ? json(200, page(1, 10)) : json(200, page(11, 10 + PAGE_SIZE)),
    })
    const store = useMessagesStore()

    await store.loadLatest(CHANNEL)
    const history = store.history(CHANNEL)
    expect(history.messages.map((m) => m.id).slice(0, 2)).toEqual([id(11), id(12)])
    expect(history.hasMore).toBe(true)

    await store.loadOlder(CHANNEL)
    expect(api.seen.at(-1)?.query.get('before')).toBe(id(11))
    expect(history.messages[0]?.id).toBe(id(1))
    expect(history.messages).toHaveLength(PAGE_SIZE + 10)
    expect(history.hasMore).toBe(false)
  })

  it('keeps one copy of a message that arrives twice', async () => {
    fakeApi({ [`GET /channels/${CHANNEL}/messages`]: () => json(200, [message(2), message(1)]) })
    const store = useMessagesStore()
    await store.loadLatest(CHANNEL)

    expect(store.applyCreate(message(3))).toBe(true)
    expect(store.applyCreate(message(3))).toBe(false)
    expect(store.applyCreate(message(2))).toBe(false)

    expect(store.history(CHANNEL).messages.map((m) => m.id)).toEqual([id(1), id(2), id(3)])
  })

  it('shows a send at once and swaps it for the stored message by nonce', async () => {
    fakeApi({
      [`GET /channels/${CHANNEL}/messages`]: () => json(200, []),
      [`POST /channels/${CHANNEL}/messages`]: ({ body }) =>
        json(201, message(5, { author_id: ME, content: 'hi', nonce: (body as { nonce: string }).nonce })),
    })
    const store = useMessagesStore()
    await store.loadLatest(CHANNEL)

    const sending = store.send(CHANNEL, 'hi')
    const pending = store.history(CHANNEL).messages[0]
    expect(pending?.state).toBe('sending')
    const nonce = pending?.nonce
    // The gateway echo may beat the HTTP answer; either way one message remains.
    store.applyCreate(message(5, { author_id: ME, content: 'hi', nonce }))
    await sending

    const messages = store.history(CHANNEL).messages
    expect(messages).toHaveLength(1)
    expect(messages[0]).toMatchObject({ id: id(5), content: 'hi' })
    expect(messages[0]?.state).toBeUndefined()
  })

  it('sends attached files by id, showing them at once, with or without text', async () => {
    const api = fakeApi({
      [`GET /channels/${CHANNEL}/messages`]: () => json(200, []),
      [`POST /channels/${CHANNEL}/messages`]: ({ body }) =>
        json(201, message(6, { author_id: ME, content: '', attachments: [PICTURE], nonce: (body as { nonce: string }).nonce })),
    })
    const store = useMessagesStore()
    await store.loadLatest(CHANNEL)

    const sending = store.send(CHANNEL, '', { attachments: [PICTURE] })
    expect(store.history(CHANNEL).messages[0]).toMatchObject({ state: 'sending', attachments: [PICTURE] })
    await sending

    expect(api.seen.at(-1)?.body).toMatchObject({ content: '', attachments: [FILE] })
    expect(store.history(CHANNEL).messages).toEqual([expect.objectContaining({ id: id(6), attachments: [PICTURE] })])
  })

  it('marks a failed send and retries it with the same nonce', async () => {
    const api = fakeApi({
      [`GET /channels/${CHANNEL}/messages`]: () => json(200, []),
      [`POST /channels/${CHANNEL}/messages`]: () => json(503, { code: 'unavailable', message: 'down' }),
    })
    const store = useMessagesStore()
    await store.loadLatest(CHANNEL)

    await store.send(CHANNEL, 'hello')
    const failed = store.history(CHANNEL).messages[0]
    expect(failed?.state).toBe('failed')
    expect(failed?.error).toBe('down')

    api.on(`POST /channels/${CHANNEL}/messages`, ({ body }) =>
      json(201, message(9, { author_id: ME, nonce: (body as { nonce: string }).nonce })),
    )
    await store.retry(CHANNEL, failed?.nonce ?? '')

    const posts = api.seen.filter((r) => r.method === 'POST')
    expect((posts[0]?.body as { nonce: string }).nonce).toBe((posts[1]?.body as { nonce: string }).nonce)
    expect(store.history(CHANNEL).messages.map((m) => [m.id, m.state])).toEqual([[id(9), undefined]])
  })

  it('catches up page by page after the newest known message', async () => {
    const api = fakeApi({
      [`GET /channels/${CHANNEL}/messages`]: ({ query }) => {
        const after = query.get('after')
        if (!after) return json(200, [message(1)])
        if (after === id(1)) return json(200, page(2, 1 + CATCH_UP_PAGE))
        return json(200, [message(2 + CATCH_UP_PAGE)])
      },
    })
    const store = useMessagesStore()
    await store.loadLatest(CHANNEL)

    const missed = await store.catchUp()

    expect(missed).toHaveLength(CATCH_UP_PAGE + 1)
    const afters = api.seen.map((r) => r.query.get('after')).filter(Boolean)
    expect(afters).toEqual([id(1), id(1 + CATCH_UP_PAGE)])
    expect(store.newestStored(CHANNEL)).toBe(id(2 + CATCH_UP_PAGE))
  })

  it('applies reactions once per user, and takes them back', async () => {
    fakeApi({ [`GET /channels/${CHANNEL}/messages`]: () => json(200, [message(1)]) })
    const store = useMessagesStore()
    await store.loadLatest(CHANNEL)
    const event = { channel_id: CHANNEL, message_id: id(1), user_id: ME, emoji: '👍' }

    store.applyReaction(event, true)
    store.applyReaction(event, true)
    expect(store.find(CHANNEL, id(1))?.reactions).toEqual([{ emoji: '👍', count: 1, users: [ME] }])

    store.applyReaction(event, false)
    expect(store.find(CHANNEL, id(1))?.reactions).toEqual([])
  })

  it('turns gateway messages into the REST shape', () => {
    const converted = fromGateway({
      ...message(1),
      nonce: null,
      reply_to: null,
      edited_at: null,
      reactions: [{ emoji: '🎉', users: ['a', 'b'] }],
    })
    expect(converted.reactions).toEqual([{ emoji: '🎉', users: ['a', 'b'], count: 2 }])
    expect(converted.nonce).toBeUndefined()
  })

  it('gives gateway attachments the URL they are served at', () => {
    const converted = fromGateway({
      ...message(1),
      attachments: [{ id: FILE, filename: 'my notes.txt', content_type: 'text/plain', size: 5 }],
    })
    expect(converted.attachments).toEqual([
      { id: FILE, url: `/files/${FILE}/my%20notes.txt`, filename: 'my notes.txt', content_type: 'text/plain', size: 5 },
    ])
  })
})
