/**
 * Users seen anywhere (members, friends, message authors), by id, so every view shows
 * the same names. Filled by the other stores and by events; unknown authors are fetched.
 */
import { defineStore } from 'pinia'
import { reactive } from 'vue'

import { api, unwrap } from '@/api/client'
import type { User } from '@/api/types'

export const useUsersStore = defineStore('users', () => {
  const byId = reactive(new Map<string, User>())
  const pending = new Map<string, Promise<void>>()

  /** Records what is known of a user. */
  function upsert(user: User): void {
    const known = byId.get(user.id)
    byId.set(user.id, known ? { ...known, ...user } : { ...user })
  }

  /** The user, if known. */
  function get(id: string): User | undefined {
    return byId.get(id)
  }

  /** A name to show for a user id. */
  function displayName(id: string): string {
    const user = byId.get(id)
    return user ? user.display_name || user.username : 'Unknown user'
  }

  /** Fetches a user not seen yet (once, however many ask). */
  function ensure(id: string): Promise<void> {
    if (byId.has(id)) return Promise.resolve()
    let loading = pending.get(id)
    if (!loading) {
      loading = unwrap(api.GET('/users/{user_id}', { params: { path: { user_id: id } } }))
        .then(upsert)
        .catch(() => undefined)
        .finally(() => pending.delete(id))
      pending.set(id, loading)
    }
    return loading
  }

  /** Forgets everyone (sign-out). */
  function reset(): void {
    byId.clear()
  }

  return { byId, upsert, get, displayName, ensure, reset }
})
