import { beforeEach, describe, expect, it, vi } from 'vitest'

import { useMessagesStore } from '@/stores/messages'
import { useSessionStore } from '@/stores/session'
import { useUsersStore } from '@/stores/users'
import { message } from '@/test/fakeApi'
import { mountWith } from '@/test/mountWith'
import { createTestingPinia } from '@/test/pinia'

import MessageItem from './MessageItem.vue'

const ME = 'M'.repeat(26)
const ADA = 'A'.repeat(26)

function mountItem(props: Record<string, unknown>) {
  return mountWith(MessageItem, {
    props: { continued: false, canManage: false, editing: false, ...props } as never,
  })
}

describe('MessageItem', () => {
  beforeEach(() => {
    createTestingPinia()
  })

  function signIn() {
    useSessionStore().user = { id: ME, username: 'me', email: 'm@x', display_name: 'Me', created_at: 0 }
    useUsersStore().upsert({ id: ADA, username: 'ada', display_name: 'Ada' })
    useUsersStore().upsert({ id: ME, username: 'me', display_name: 'Me' })
  }

  it('shows the author and text, and hides the header when continuing a group', () => {
    signIn()
    const wrapper = mountWith(MessageItem, {
      props: { message: message(1, { author_id: ADA, content: 'hello' }), continued: false, canManage: false, editing: false },
    })
    expect(wrapper.text()).toContain('Ada')
    expect(wrapper.text()).toContain('hello')

    const continued = mountWith(MessageItem, {
      props: { message: message(2, { author_id: ADA }), continued: true, canManage: false, editing: false },
    })
    expect(continued.text()).not.toContain('Ada')
  })

  it('offers edit and delete only on one’s own messages', () => {
    signIn()
    const mine = mountItem({ message: message(1, { author_id: ME }) })
    const theirs = mountItem({ message: message(2, { author_id: ADA }) })

    expect(mine.find('button[aria-label="Edit"]').exists()).toBe(true)
    expect(mine.find('button[aria-label="Delete"]').exists()).toBe(true)
    expect(theirs.find('button[aria-label="Edit"]').exists()).toBe(false)
    expect(theirs.find('button[aria-label="Delete"]').exists()).toBe(false)
    expect(theirs.find('button[aria-label="Reply"]').exists()).toBe(true)
  })

  it('highlights messages that mention the reader and names the mentioned', () => {
    signIn()
    const wrapper = mountItem({ message: message(1, { author_id: ADA, content: `hey <@${ME}>` }) })
    expect(wrapper.find('li').classes()).toContain('mention-me')
    expect(wrapper.text()).toContain('hey @Me')
  })

  it('shows a message of files alone as just its files', () => {
    signIn()
    const picture = {
      id: 'P'.repeat(26),
      url: `/files/${'P'.repeat(26)}/cat.png`,
      filename: 'cat.png',
      content_type: 'image/png',
      size: 68,
    }
    const wrapper = mountItem({ message: message(1, { author_id: ADA, content: '', attachments: [picture] }) })

    expect(wrapper.get('ul[aria-label="Attachments"] img').attributes('alt')).toBe('cat.png')
    expect(wrapper.find('.whitespace-pre-wrap').exists()).toBe(false)
  })

  it('offers a retry when a send failed', async () => {
    signIn()
    const failed = { ...message(1, { author_id: ME, nonce: 'n1' }), id: 'pending-n1', state: 'failed', error: 'down' }
    const wrapper = mountItem({ message: failed })
    const retry = vi.spyOn(useMessagesStore(), 'retry').mockResolvedValue()

    const button = wrapper.findAll('button').find((b) => b.text() === 'Retry')
    await button?.trigger('click')

    expect(wrapper.text()).toContain('Not sent (down)')
    expect(retry).toHaveBeenCalledWith(failed.channel_id, 'n1')
  })
})
