/**
 * The realtime gateway, as one composable.
 *
 * `createGatewayConnection` keeps one connection up: HELLO → IDENTIFY (or RESUME),
 * heartbeats with the last sequence number, and after any drop a reconnect with
 * exponential backoff and jitter that resumes the session. When the session cannot be
 * resumed it identifies again, and flags the next READY so missed messages are fetched
 * through REST. It knows nothing of stores; `useGateway` wires the app's one connection
 * to the session and feeds every event into the stores (`gatewayEvents.ts`).
 */
import { ref, type Ref } from 'vue'

import { CLOSE_AUTH_FAILED, CLOSE_INVALID_SEQ, Op, type Frame, type Ready } from '@/api/gateway'
import { useSessionStore } from '@/stores/session'

import { applyEvent, applyReady } from './gatewayEvents'

/** Where the connection stands. */
export type GatewayStatus = 'idle' | 'connecting' | 'ready' | 'reconnecting'

/** First reconnect delay, ms (before jitter). */
export const BACKOFF_BASE_MS = 1000
/** Longest reconnect delay, ms (before jitter). */
export const BACKOFF_MAX_MS = 15_000

export interface GatewayOptions {
  /** The WebSocket URL. */
  url(): string
  /** An access token; `fresh` after the server refused the last one. Null: stop. */
  token(fresh: boolean): Promise<string | null>
  /** READY arrived; `catchUp` when an earlier session was lost (events were missed). */
  onReady(ready: Ready, info: { catchUp: boolean }): void
  /** Any other dispatch. */
  onDispatch(name: string, data: unknown): void
  /** The WebSocket implementation (tests pass a fake). */
  WebSocket?: typeof WebSocket
  /** Random numbers in [0, 1) for jitter (tests pass a fixed one). */
  random?: () => number
}

export interface GatewayConnection {
  status: Ref<GatewayStatus>
  /** Connects, unless already connected or connecting. */
  start(): void
  /** Disconnects for good (sign-out); forgets the session. */
  stop(): void
  /** Reconnects now if waiting to (the browser came back online). */
  nudge(): void
  /** Sets the user's status. */
  setPresence(status: 'online' | 'idle' | 'dnd'): void
}

/** The delay before reconnect attempt `attempt` (0-based): half fixed, half random. */
export function backoffDelay(attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** attempt)
  return ceiling / 2 + (ceiling / 2) * random()
}

export function createGatewayConnection(options: GatewayOptions): GatewayConnection {
  const Socket = options.WebSocket ?? WebSocket
  const random = options.random ?? Math.random
  const status = ref<GatewayStatus>('idle')

  let socket: WebSocket | null = null
  let sessionId: string | null = null
  let seq: number | null = null
  let attempt = 0
  let everReady = false
  let freshToken = false
  let acked = true
  let heartbeatTimer: ReturnType<typeof setTimeout> | undefined
  let reconnectTimer: ReturnType<typeof setTimeout> | undefined
  let stopped = true

  function send(frame: Frame): void {
    if (socket?.readyState === Socket.OPEN) socket.send(JSON.stringify(frame))
  }

  function connect(): void {
    clearTimeout(reconnectTimer)
    reconnectTimer = undefined
    status.value = everReady || attempt > 0 ? 'reconnecting' : 'connecting'
    const current = new Socket(options.url())
    socket = current
    current.onmessage = (event: MessageEvent) => {
      if (socket !== current) return
      let frame: Frame
      try {
        frame = JSON.parse(String(event.data)) as Frame
      } catch {
        return
      }
      handle(frame)
    }
    current.onclose = (event: CloseEvent) => {
      if (socket === current) lost(event.code)
    }
  }

  function handle(frame: Frame): void {
    switch (frame.op) {
      case Op.HELLO: {
        const interval = (frame.d as { heartbeat_interval: number }).heartbeat_interval
        startHeartbeat(interval)
        void authenticate()
        break
      }
      case Op.DISPATCH:
        if (typeof frame.s === 'number') seq = frame.s
        dispatch(frame.t ?? '', frame.d)
        break
      case Op.HEARTBEAT:
        beatNow()
        break
      case Op.HEARTBEAT_ACK:
        acked = true
        break
      case Op.INVALID_SESSION:
        // The session is gone: identify again on this connection.
        sessionId = null
        seq = null
        void authenticate()
        break
      case Op.RECONNECT:
        // The server is going away and closes next; the close handler reconnects.
        break
    }
  }

  function dispatch(name: string, data: unknown): void {
    if (name === 'READY') {
      const ready = data as Ready
      sessionId = ready.session_id
      attempt = 0
      status.value = 'ready'
      const catchUp = everReady
      everReady = true
      options.onReady(ready, { catchUp })
    } else if (name === 'RESUMED') {
      attempt = 0
      status.value = 'ready'
    } else {
      options.onDispatch(name, data)
    }
  }

  async function authenticate(): Promise<void> {
    const current = socket
    const token = await options.token(freshToken)
    freshToken = false
    if (socket !== current) return
    if (!token) {
      stop()
      return
    }
    if (sessionId && seq !== null) {
      send({ op: Op.RESUME, d: { token, session_id: sessionId, seq } })
    } else {
      send({ op: Op.IDENTIFY, d: { token } })
    }
  }

  function startHeartbeat(interval: number): void {
    clearTimeout(heartbeatTimer)
    acked = true
    // The first beat comes at a random point of the interval, so clients spread out.
    heartbeatTimer = setTimeout(beat, interval * random())

    function beat(): void {
      if (!acked) {
        // No answer to the last beat: the connection is dead even if it looks open.
        drop()
        return
      }
      beatNow()
      heartbeatTimer = setTimeout(beat, interval)
    }
  }

  function beatNow(): void {
    acked = false
    send({ op: Op.HEARTBEAT, d: seq })
  }

  /** Closes the current socket ourselves and reconnects. */
  function drop(): void {
    const current = socket
    socket = null
    current?.close(4000, 'reconnecting')
    lost(4000)
  }

  function lost(code: number): void {
    socket = null
    clearTimeout(heartbeatTimer)
    if (stopped) return
    if (code === CLOSE_AUTH_FAILED) freshToken = true
    if (code === CLOSE_INVALID_SEQ) {
      sessionId = null
      seq = null
    }
    status.value = 'reconnecting'
    reconnectTimer = setTimeout(connect, backoffDelay(attempt, random))
    attempt++
  }

  function start(): void {
    if (!stopped) return
    stopped = false
    attempt = 0
    connect()
  }

  function stop(): void {
    stopped = true
    clearTimeout(reconnectTimer)
    clearTimeout(heartbeatTimer)
    const current = socket
    socket = null
    current?.close(1000, 'signed out')
    sessionId = null
    seq = null
    everReady = false
    status.value = 'idle'
  }

  function nudge(): void {
    if (!stopped && reconnectTimer !== undefined) {
      attempt = 0
      connect()
    }
  }

  function setPresence(next: 'online' | 'idle' | 'dnd'): void {
    if (status.value === 'ready') send({ op: Op.PRESENCE_UPDATE, d: { status: next } })
  }

  return { status, start, stop, nudge, setPresence }
}

let shared: GatewayConnection | null = null

/** The WebSocket URL of this origin's gateway. */
function gatewayUrl(): string {
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws'
  return `${scheme}://${location.host}/gateway`
}

/** The app's gateway connection, fed into the stores. */
export function useGateway(): GatewayConnection {
  if (!shared) {
    const session = useSessionStore()
    shared = createGatewayConnection({
      url: gatewayUrl,
      async token(fresh) {
        if (!fresh) return session.accessToken
        return session.refresh().catch(() => session.accessToken)
      },
      onReady(ready, { catchUp }) {
        // A failed catch-up leaves what is loaded in place; the next READY tries again.
        applyReady(ready, catchUp).catch((error: unknown) => console.warn('catch-up failed', error))
      },
      onDispatch: applyEvent,
    })
    window.addEventListener('online', () => shared?.nudge())
  }
  return shared
}
