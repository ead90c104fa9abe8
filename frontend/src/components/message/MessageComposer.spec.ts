import { flushPromises } from '@vue/test-utils'
import { beforeEach, describe, expect, it, vi } from 'vitest'

import { useMessagesStore } from '@/stores/messages'
import { useUsersStore } from '@/stores/users'
import { fakeApi, json } from '@/test/fakeApi'
import { mountWith } from '@/test/mountWith'
import { createTestingPinia } from '@/test/pinia'

import MessageComposer from './MessageComposer.vue'

const CHANNEL = 'C'.repeat(26)
const ADA = 'A'.repeat(26)
const FILE = 'F'.repeat(26)

function mountComposer(disabled = false) {
  return mountWith(MessageComposer, {
    props: {
      channelId: CHANNEL,
      placeholder: 'Message #general',
      disabled,
      mentionable: new Map([['ada', ADA]]),
      replyTo: null,
    },
  })
}

describe('MessageComposer', () => {
  beforeEach(() => {
    createTestingPinia()
    fakeApi({ [`POST /channels/${CHANNEL}/typing`]: () => json(204) })
  })

  it('sends on Enter with mentions encoded, and clears the draft', async () => {
    const wrapper = mountComposer()
    const send = vi.spyOn(useMessagesStore(), 'send').mockResolvedValue()
    const box = wrapper.get('textarea[aria-label="Message #general"]')

    await box.setValue('hi @ada')
    await box.trigger('keydown', { key: 'Enter' })

    expect(send).toHaveBeenCalledWith(CHANNEL, `hi <@${ADA}>`, { attachments: [] })
    expect((box.element as HTMLTextAreaElement).value).toBe('')
  })

  it('uploads picked files and sends them alone, without inventing text', async () => {
    const stored = { id: FILE, url: `/files/${FILE}/cat.png`, filename: 'cat.png', content_type: 'image/png', size: 3 }
    const api = fakeApi({
      [`POST /channels/${CHANNEL}/typing`]: () => json(204),
      'POST /files': () => json(201, stored),
    })
    const wrapper = mountComposer()
    const send = vi.spyOn(useMessagesStore(), 'send').mockResolvedValue()
    const picker = wrapper.get('input[type="file"]')

    const file = new File(['abc'], 'cat.png', { type: 'image/png' })
    Object.defineProperty(picker.element, 'files', { value: [file] })
    await picker.trigger('change')
    await flushPromises()

    expect(String(api.seen[0]?.body)).toMatch(/name="purpose"\s+attachment/)
    expect(wrapper.get('[aria-label="Files to send"]').text()).toContain('Ready')
    await wrapper.get('textarea').trigger('keydown', { key: 'Enter' })

    expect(send).toHaveBeenCalledWith(CHANNEL, '', { attachments: [stored] })
    expect(wrapper.find('[aria-label="Files to send"]').exists()).toBe(false)
  })

  it('keeps Shift+Enter for new lines', async () => {
    const wrapper = mountComposer()
    const send = vi.spyOn(useMessagesStore(), 'send').mockResolvedValue()
    const box = wrapper.get('textarea')

    await box.setValue('line one')
    await box.trigger('keydown', { key: 'Enter', shiftKey: true })

    expect(send).not.toHaveBeenCalled()
  })

  it('suggests people to mention after @', async () => {
    useUsersStore().upsert({ id: ADA, username: 'ada', display_name: 'Ada Lovelace' })
    const wrapper = mountComposer()
    const box = wrapper.get('textarea')

    ;(box.element as HTMLTextAreaElement).value = 'hello @a'
    ;(box.element as HTMLTextAreaElement).setSelectionRange(8, 8)
    await box.trigger('input')

    const options = wrapper.findAll('[role="option"]')
    expect(options.map((o) => o.text())).toEqual(['Ada Lovelace@ada'])
    await box.trigger('keydown', { key: 'Tab' })
    expect((box.element as HTMLTextAreaElement).value).toBe('hello @ada ')
  })

  it('says so when sending is not allowed', () => {
    const wrapper = mountComposer(true)
    const box = wrapper.get('textarea')
    expect(box.attributes('disabled')).toBeDefined()
    expect(box.attributes('placeholder')).toBe('You cannot send messages here')
  })
})
