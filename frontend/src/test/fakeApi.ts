/**
 * A fake server for unit tests: `fetch` is replaced by a table of handlers keyed by
 * `METHOD /path` (the path below /api/v1, without the query), and every request is kept.
 */
import { vi } from 'vitest'

export interface SeenRequest {
  method: string
  path: string
  query: URLSearchParams
  headers: Headers
  body: unknown
}

export type Handler = (request: SeenRequest) => Response | Promise<Response>

/** A JSON response. */
export function json(status: number, body?: unknown): Response {
  if (body === undefined) return new Response(null, { status })
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json; charset=utf-8' },
  })
}

/** Installs the fake; returns the requests seen and a way to add handlers. */
export function fakeApi(routes: Record<string, Handler> = {}) {
  const seen: SeenRequest[] = []
  const table = { ...routes }
  const fetchMock = vi.fn(async (input: RequestInfo | URL) => {
    const request = input instanceof Request ? input : new Request(String(input))
    const url = new URL(request.url)
    const path = url.pathname.replace(/^\/api\/v1/, '')
    const text = request.method === 'GET' ? '' : await request.text()
    let body: unknown = text
    try {
      body = text ? JSON.parse(text) : undefined
    } catch {
      // Not JSON (multipart): keep the text.
    }
    const entry = { method: request.method, path, query: url.searchParams, headers: request.headers, body }
    seen.push(entry)
    const handler = table[`${request.method} ${path}`]
    if (!handler) return json(404, { code: 'not_found', message: `no fake for ${request.method} ${path}` })
    return handler(entry)
  })
  vi.stubGlobal('fetch', fetchMock)
  return {
    seen,
    fetchMock,
    on(route: string, handler: Handler) {
      table[route] = handler
    },
  }
}

/** A 26-character id that sorts by `n`. */
export function id(n: number): string {
  return `01H${String(n).padStart(23, '0')}`
}

/** A stored message. */
export function message(n: number, overrides: Record<string, unknown> = {}) {
  return {
    id: id(n),
    channel_id: 'C'.repeat(26),
    author_id: 'A'.repeat(26),
    content: `message ${n}`,
    attachments: [],
    mentions: [],
    reactions: [],
    created_at: 1_700_000_000_000 + n * 1000,
    ...overrides,
  }
}
