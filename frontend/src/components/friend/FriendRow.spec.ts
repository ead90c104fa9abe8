import { beforeEach, describe, expect, it, vi } from 'vitest'

import type { Relationship } from '@/api/types'
import { useRelationshipsStore } from '@/stores/relationships'
import { mountWith } from '@/test/mountWith'
import { createTestingPinia } from '@/test/pinia'

import FriendRow from './FriendRow.vue'

const ADA = { id: 'A'.repeat(26), username: 'ada', display_name: 'Ada' }

function row(type: Relationship['type']) {
  return mountWith(FriendRow, { props: { relationship: { id: ADA.id, type, user: ADA } } })
}

describe('FriendRow', () => {
  beforeEach(() => {
    createTestingPinia()
  })

  it('accepts or declines an incoming request', async () => {
    const store = useRelationshipsStore()
    const accept = vi.spyOn(store, 'accept').mockResolvedValue()
    const remove = vi.spyOn(store, 'remove').mockResolvedValue()
    const wrapper = row('incoming')

    expect(wrapper.text()).toContain('Incoming friend request')
    await wrapper.get('button[aria-label="Accept Ada"]').trigger('click')
    await wrapper.get('button[aria-label="Decline Ada"]').trigger('click')

    expect(accept).toHaveBeenCalledWith(ADA.id)
    expect(remove).toHaveBeenCalledWith(ADA.id)
  })

  it('offers a message button for friends and a cancel for outgoing requests', () => {
    expect(row('friend').find('button[aria-label="Message Ada"]').exists()).toBe(true)
    expect(row('outgoing').find('button[aria-label="Cancel request to Ada"]').exists()).toBe(true)
  })
})
