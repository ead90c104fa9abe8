import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'

import { Op, type Ready } from '@/api/gateway'
import { FakeSocket } from '@/test/FakeSocket'

import {
  BACKOFF_BASE_MS,
  BACKOFF_MAX_MS,
  backoffDelay,
  createGatewayConnection,
  type GatewayOptions,
} from './useGateway'

function ready(sessionId: string): object {
  return { op: Op.DISPATCH, s: 1, t: 'READY', d: { session_id: sessionId } }
}

function setup(overrides: Partial<GatewayOptions> = {}) {
  const onReady = vi.fn()
  const onDispatch = vi.fn()
  const token = vi.fn(async (fresh: boolean) => (fresh ? 'fresh-token' : 'token'))
  const connection = createGatewayConnection({
    url: () => 'ws://test/gateway',
    token,
    onReady,
    onDispatch,
    WebSocket: FakeSocket as unknown as typeof WebSocket,
    random: () => 0.5,
    ...overrides,
  })
  return { connection, onReady, onDispatch, token }
}

/** Lets the token promise inside `authenticate` settle. */
const settle = () => vi.advanceTimersByTimeAsync(0)

describe('gateway connection', () => {
  beforeEach(() => {
    vi.useFakeTimers()
    FakeSocket.made = []
  })
  afterEach(() => vi.useRealTimers())

  it('identifies after HELLO and reports READY', async () => {
    const { connection, onReady } = setup()
    connection.start()
    FakeSocket.latest().open()
    await settle()

    expect(FakeSocket.latest().sent).toEqual([{ op: Op.IDENTIFY, d: { token: 'token' } }])
    FakeSocket.latest().receive(ready('s1'))
    expect(onReady).toHaveBeenCalledWith({ session_id: 's1' } as Ready, { catchUp: false })
    expect(connection.status.value).toBe('ready')
  })

  it('heartbeats with the last sequence number and forwards dispatches', async () => {
    const { connection, onDispatch } = setup()
    connection.start()
    const socket = FakeSocket.latest()
    socket.open(1000)
    await settle()
    socket.receive(ready('s1'))
    socket.receive({ op: Op.DISPATCH, s: 7, t: 'MESSAGE_CREATE', d: { id: 'm' } })

    await vi.advanceTimersByTimeAsync(500)
    expect(socket.sent.at(-1)).toEqual({ op: Op.HEARTBEAT, d: 7 })
    expect(onDispatch).toHaveBeenCalledWith('MESSAGE_CREATE', { id: 'm' })

    socket.receive({ op: Op.HEARTBEAT_ACK })
    await vi.advanceTimersByTimeAsync(1000)
    expect(socket.ops().filter((op) => op === Op.HEARTBEAT)).toHaveLength(2)
  })

  it('resumes with the session and last seq after a drop, after a backoff', async () => {
    const { connection } = setup()
    connection.start()
    FakeSocket.latest().open()
    await settle()
    FakeSocket.latest().receive(ready('s1'))
    FakeSocket.latest().receive({ op: Op.DISPATCH, s: 5, t: 'TYPING_START', d: {} })

    FakeSocket.latest().drop()
    expect(connection.status.value).toBe('reconnecting')
    expect(FakeSocket.made).toHaveLength(1)
    await vi.advanceTimersByTimeAsync(backoffDelay(0, () => 0.5))
    expect(FakeSocket.made).toHaveLength(2)

    FakeSocket.latest().open()
    await settle()
    expect(FakeSocket.latest().sent).toEqual([
      { op: Op.RESUME, d: { token: 'token', session_id: 's1', seq: 5 } },
    ])
    FakeSocket.latest().receive({ op: Op.DISPATCH, s: 6, t: 'RESUMED', d: {} })
    expect(connection.status.value).toBe('ready')
  })

  it('identifies again after INVALID_SESSION and asks for a catch-up', async () => {
    const { connection, onReady } = setup()
    connection.start()
    FakeSocket.latest().open()
    await settle()
    FakeSocket.latest().receive(ready('s1'))
    FakeSocket.latest().drop(1001)
    await vi.advanceTimersByTimeAsync(BACKOFF_BASE_MS)

    const second = FakeSocket.latest()
    second.open()
    await settle()
    expect(second.ops()).toEqual([Op.RESUME])
    second.receive({ op: Op.INVALID_SESSION, d: false })
    await settle()
    expect(second.ops()).toEqual([Op.RESUME, Op.IDENTIFY])

    second.receive(ready('s2'))
    expect(onReady).toHaveBeenLastCalledWith({ session_id: 's2' }, { catchUp: true })
  })

  it('reconnects when a heartbeat goes unanswered', async () => {
    const { connection } = setup()
    connection.start()
    const socket = FakeSocket.latest()
    socket.open(1000)
    await settle()
    socket.receive(ready('s1'))

    await vi.advanceTimersByTimeAsync(500)
    await vi.advanceTimersByTimeAsync(1000)

    expect(socket.closedWith).toBe(4000)
    expect(connection.status.value).toBe('reconnecting')
    await vi.advanceTimersByTimeAsync(BACKOFF_BASE_MS)
    expect(FakeSocket.made).toHaveLength(2)
  })

  it('asks for a fresh token after the server refused one', async () => {
    const { connection, token } = setup()
    connection.start()
    FakeSocket.latest().open()
    await settle()
    FakeSocket.latest().drop(4004)
    await vi.advanceTimersByTimeAsync(BACKOFF_BASE_MS)
    FakeSocket.latest().open()
    await settle()

    expect(token).toHaveBeenLastCalledWith(true)
    expect(FakeSocket.latest().sent).toEqual([{ op: Op.IDENTIFY, d: { token: 'fresh-token' } }])
  })

  it('stops for good on stop, and when signed out', async () => {
    const { connection } = setup({ token: async () => null })
    connection.start()
    FakeSocket.latest().open()
    await settle()

    expect(FakeSocket.latest().closedWith).toBe(1000)
    expect(connection.status.value).toBe('idle')
    await vi.advanceTimersByTimeAsync(60_000)
    expect(FakeSocket.made).toHaveLength(1)
  })

  it('backs off exponentially with jitter, up to a ceiling', () => {
    expect(backoffDelay(0, () => 0)).toBe(BACKOFF_BASE_MS / 2)
    expect(backoffDelay(0, () => 0.999)).toBeLessThan(BACKOFF_BASE_MS)
    expect(backoffDelay(3, () => 0)).toBe((BACKOFF_BASE_MS * 8) / 2)
    expect(backoffDelay(30, () => 0.999)).toBeLessThan(BACKOFF_MAX_MS)
    expect(backoffDelay(30, () => 0)).toBe(BACKOFF_MAX_MS / 2)
  })
})
