/**
 * The one `fetch` every API call goes through. It adds the access token and handles
 * 401 in one place: refresh the session once (shared by concurrent callers), retry the
 * request with the new token, and report the session lost when that fails too.
 */

/** How the session plugs into the transport; set once by the session store. */
export interface AuthHooks {
  /** The current access token, if signed in. */
  token(): string | null
  /**
   * A new access token through the refresh cookie: null when the server refused it,
   * a rejection when the server could not be reached.
   */
  refresh(): Promise<string | null>
  /** The session is gone (the refresh was refused). */
  lost(): void
}

let hooks: AuthHooks | null = null

/** Connects the transport to the session. */
export function setAuthHooks(next: AuthHooks | null): void {
  hooks = next
}

/** Auth endpoints answer 401 for bad credentials; retrying them makes no sense. */
function isAuthCall(url: string): boolean {
  return new URL(url, 'http://x').pathname.startsWith('/api/v1/auth/')
}

function withToken(request: Request, token: string | null): Request {
  const next = new Request(request)
  if (token) next.headers.set('Authorization', `Bearer ${token}`)
  return next
}

/** `fetch` with the bearer token, one refresh-and-retry on 401. */
export async function authorizedFetch(request: Request): Promise<Response> {
  // Keep a copy: the body of the first attempt is consumed by sending it.
  const spare = request.clone()
  const response = await fetch(withToken(request, hooks?.token() ?? null))
  if (response.status !== 401 || !hooks || isAuthCall(request.url)) return response

  let token: string | null
  try {
    token = await hooks.refresh()
  } catch {
    // The server could not be reached: the session may well be fine.
    return response
  }
  if (!token) {
    hooks.lost()
    return response
  }
  return fetch(withToken(spare, token))
}
