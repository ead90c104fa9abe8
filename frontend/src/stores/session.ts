/**
 * The signed-in session: who the user is and the short-lived access token.
 *
 * The access token lives only in memory. The refresh token is an httpOnly cookie the
 * browser keeps across reloads; `refresh` trades it for a new access token (sending the
 * readable `csrf_token` cookie back as `X-CSRF-Token`), shortly before the token expires
 * and whenever a call is answered 401 (see `api/http.ts`).
 */
import { defineStore } from 'pinia'
import { computed, ref } from 'vue'

import { ApiError, api, unwrap } from '@/api/client'
import { uploadFile } from '@/api/files'
import { setAuthHooks } from '@/api/http'
import type { AuthSession, CurrentUser, User } from '@/api/types'
import type { components } from '@/api/schema'
import { readCookie } from '@/utils/cookies'

/** Where the session stands. */
export type SessionStatus = 'unknown' | 'anonymous' | 'authenticated'

/** Refresh this long before the access token expires, in seconds (at most). */
const REFRESH_LEAD_S = 60

type UpdateMeBody = components['schemas']['UpdateMeBody']

export const useSessionStore = defineStore('session', () => {
  const user = ref<CurrentUser | null>(null)
  const accessToken = ref<string | null>(null)
  const status = ref<SessionStatus>('unknown')

  let refreshTimer: ReturnType<typeof setTimeout> | undefined
  let refreshing: Promise<string | null> | null = null

  const isAuthenticated = computed(() => status.value === 'authenticated')
  const userId = computed(() => user.value?.id ?? null)

  function adopt(session: AuthSession): void {
    user.value = session.user
    accessToken.value = session.access_token
    status.value = 'authenticated'
    scheduleRefresh(session.expires_in)
  }

  function scheduleRefresh(expiresIn: number): void {
    clearTimeout(refreshTimer)
    const lead = Math.min(REFRESH_LEAD_S, expiresIn / 5)
    const delay = Math.max(5, expiresIn - lead) * 1000
    refreshTimer = setTimeout(() => void refresh().catch(() => undefined), delay)
  }

  function clear(): void {
    clearTimeout(refreshTimer)
    user.value = null
    accessToken.value = null
    status.value = 'anonymous'
  }

  /** Creates an account and signs in. */
  async function register(input: {
    username: string
    email: string
    password: string
    display_name?: string
  }): Promise<void> {
    adopt(await unwrap(api.POST('/auth/register', { body: input })))
  }

  /** Signs in with a username or email. */
  async function login(login: string, password: string): Promise<void> {
    adopt(await unwrap(api.POST('/auth/login', { body: { login, password } })))
  }

  /**
   * A new access token through the refresh cookie, one request at a time. Null when
   * the server refused (the session is over); throws when the server was unreachable.
   */
  function refresh(): Promise<string | null> {
    refreshing ??= (async () => {
      const csrf = readCookie('csrf_token')
      if (!csrf) {
        clear()
        return null
      }
      try {
        const params = { header: { 'X-CSRF-Token': csrf } }
        adopt(await unwrap(api.POST('/auth/refresh', { params })))
        return accessToken.value
      } catch (error) {
        if (error instanceof ApiError && error.status !== 0 && error.status < 500) {
          clear()
          return null
        }
        throw error
      }
    })().finally(() => {
      refreshing = null
    })
    return refreshing
  }

  /** On start-up: resumes the session the refresh cookie holds, if any. */
  async function restore(): Promise<void> {
    if (status.value !== 'unknown') return
    try {
      await refresh()
    } catch {
      // The server is unreachable: show the sign-in page rather than hang.
      clear()
    }
  }

  /** Signs out here and on the server. */
  async function logout(): Promise<void> {
    try {
      await unwrap(api.POST('/auth/logout'))
    } finally {
      clear()
    }
  }

  /** Changes the display name or username. */
  async function updateProfile(changes: UpdateMeBody): Promise<void> {
    user.value = await unwrap(api.PATCH('/users/@me', { body: changes }))
  }

  /** Uploads an image as the new avatar and sets it; others see it through USER_UPDATE. */
  async function updateAvatar(file: File): Promise<void> {
    const uploaded = await uploadFile(file, 'avatar')
    user.value = await unwrap(api.PATCH('/users/@me', { body: { avatar: uploaded.id } }))
  }

  /** Applies a USER_UPDATE about oneself. */
  function applyUserUpdate(changed: User): void {
    if (user.value && user.value.id === changed.id) {
      user.value = { ...user.value, ...changed }
    }
  }

  setAuthHooks({
    token: () => accessToken.value,
    refresh,
    lost: clear,
  })

  return {
    user,
    accessToken,
    status,
    isAuthenticated,
    userId,
    register,
    login,
    refresh,
    restore,
    logout,
    updateProfile,
    updateAvatar,
    applyUserUpdate,
  }
})
