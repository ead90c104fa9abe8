import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'

import { api, unwrap } from '@/api/client'
import { fakeApi, json } from '@/test/fakeApi'

import { useSessionStore } from './session'

const USER = { id: 'U'.repeat(26), username: 'ada', email: 'ada@x', display_name: 'Ada', created_at: 0 }

function auth(token: string, expiresIn = 900) {
  return json(200, { user: USER, access_token: token, expires_in: expiresIn })
}

describe('session store', () => {
  beforeEach(() => {
    setActivePinia(createPinia())
    document.cookie = 'csrf_token=csrf-1; path=/'
  })
  afterEach(() => {
    document.cookie = 'csrf_token=; path=/; max-age=0'
    vi.useRealTimers()
  })

  it('signs in and sends the token with later calls', async () => {
    const fake = fakeApi({
      'POST /auth/login': () => auth('token-1'),
      'GET /users/@me': () => json(200, USER),
    })
    const session = useSessionStore()

    await session.login('ada', 'secret password')
    await unwrap(api.GET('/users/@me'))

    expect(session.isAuthenticated).toBe(true)
    expect(fake.seen[1]?.headers.get('Authorization')).toBe('Bearer token-1')
  })

  it('refreshes with the CSRF cookie echoed in X-CSRF-Token', async () => {
    const fake = fakeApi({ 'POST /auth/refresh': () => auth('token-2') })
    const session = useSessionStore()

    await session.restore()

    expect(session.accessToken).toBe('token-2')
    expect(fake.seen[0]?.headers.get('X-CSRF-Token')).toBe('csrf-1')
  })

  it('stays signed out on start-up without a CSRF cookie', async () => {
    document.cookie = 'csrf_token=; path=/; max-age=0'
    const fake = fakeApi()
    const session = useSessionStore()

    await session.restore()

    expect(session.status).toBe('anonymous')
    expect(fake.seen).toHaveLength(0)
  })

  it('refreshes once on 401 and retries the call', async () => {
    let calls = 0
    const fake = fakeApi({
      'POST /auth/login': () => auth('old'),
      'POST /auth/refresh': () => auth('new'),
      'GET /users/@me': ({ headers }) => {
        calls++
        return headers.get('Authorization') === 'Bearer new'
          ? json(200, USER)
          : json(401, { code: 'unauthorized', message: 'expired' })
      },
    })
    const session = useSessionStore()
    await session.login('ada', 'secret password')

    const [a, b] = await Promise.all([unwrap(api.GET('/users/@me')), unwrap(api.GET('/users/@me'))])

    expect(a.id).toBe(USER.id)
    expect(b.id).toBe(USER.id)
    expect(fake.seen.filter((r) => r.path === '/auth/refresh')).toHaveLength(1)
    expect(calls).toBe(4)
  })

  it('ends the session when the refresh is refused', async () => {
    fakeApi({
      'POST /auth/login': () => auth('old'),
      'POST /auth/refresh': () => json(401, { code: 'unauthorized', message: 'revoked' }),
      'GET /users/@me': () => json(401, { code: 'unauthorized', message: 'expired' }),
    })
    const session = useSessionStore()
    await session.login('ada', 'secret password')

    await expect(unwrap(api.GET('/users/@me'))).rejects.toMatchObject({ status: 401 })

    expect(session.status).toBe('anonymous')
    expect(session.accessToken).toBeNull()
  })

  it('refreshes silently before the token expires', async () => {
    vi.useFakeTimers()
    const fake = fakeApi({
      'POST /auth/login': () => auth('first', 300),
      'POST /auth/refresh': () => auth('second', 300),
    })
    const session = useSessionStore()
    await session.login('ada', 'secret password')

    await vi.advanceTimersByTimeAsync(239_000)
    expect(fake.seen.filter((r) => r.path === '/auth/refresh')).toHaveLength(0)
    await vi.advanceTimersByTimeAsync(2_000)

    expect(fake.seen.filter((r) => r.path === '/auth/refresh')).toHaveLength(1)
    expect(session.accessToken).toBe('second')
  })
})
