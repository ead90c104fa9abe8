/**
 * Friends, friend requests (incoming and outgoing) and blocks, and the actions on them.
 */
import { defineStore } from 'pinia'
import { computed, reactive } from 'vue'

import { api, unwrap } from '@/api/client'
import type { Relationship, RelationshipType } from '@/api/types'

import { useUsersStore } from './users'

export const useRelationshipsStore = defineStore('relationships', () => {
  const byId = reactive(new Map<string, Relationship>())
  const users = useUsersStore()

  function ofType(type: RelationshipType): Relationship[] {
    return [...byId.values()]
      .filter((r) => r.type === type)
      .sort((a, b) => a.user.username.localeCompare(b.user.username))
  }

  const friends = computed(() => ofType('friend'))
  const incoming = computed(() => ofType('incoming'))
  const outgoing = computed(() => ofType('outgoing'))
  const blocked = computed(() => ofType('blocked'))

  /** Records a relationship (from READY, an event or an answer). */
  function apply(relationship: Relationship): void {
    users.upsert(relationship.user)
    byId.set(relationship.id, relationship)
  }

  /** Replaces everything with what READY says. */
  function hydrate(relationships: Relationship[]): void {
    byId.clear()
    relationships.forEach(apply)
  }

  function forget(userId: string): void {
    byId.delete(userId)
  }

  // Actions

  /** Sends a friend request by username (or accepts theirs). */
  async function request(username: string): Promise<void> {
    apply(await unwrap(api.POST('/users/@me/relationships', { body: { username } })))
  }

  /** Accepts an incoming request. */
  async function accept(userId: string): Promise<void> {
    await put(userId, 'friend')
  }

  /** Blocks a user. */
  async function block(userId: string): Promise<void> {
    await put(userId, 'block')
  }

  async function put(userId: string, type: 'friend' | 'block'): Promise<void> {
    const path = { user_id: userId }
    const answer = await unwrap(
      api.PUT('/users/@me/relationships/{user_id}', { params: { path }, body: { type } }),
    )
    if (answer) apply(answer)
  }

  /** Declines or cancels a request, removes a friend, or unblocks. */
  async function remove(userId: string): Promise<void> {
    const path = { user_id: userId }
    await unwrap(api.DELETE('/users/@me/relationships/{user_id}', { params: { path } }))
    forget(userId)
  }

  /** Forgets everything (sign-out). */
  function reset(): void {
    byId.clear()
  }

  return {
    byId,
    friends,
    incoming,
    outgoing,
    blocked,
    apply,
    hydrate,
    forget,
    request,
    accept,
    block,
    remove,
    reset,
  }
})
