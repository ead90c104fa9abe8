/**
 * The typed REST client, generated from Concord's OpenAPI document (`schema.d.ts`).
 * Only stores and composables use it.
 */
import createClient from 'openapi-fetch'

import { authorizedFetch } from './http'
import type { paths } from './schema'
import type { Problem } from './types'

/** Base URL of the REST API, on this origin. */
export const API_BASE = `${location.origin}/api/v1`

/** The client; every call goes through `authorizedFetch`. */
export const api = createClient<paths>({
  baseUrl: API_BASE,
  fetch: (request) => authorizedFetch(request),
})

/** A failed API call, carrying the server's problem when there was one. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message)
    this.name = 'ApiError'
  }
}

function isProblem(value: unknown): value is Problem {
  return typeof value === 'object' && value !== null && 'code' in value && 'message' in value
}

/** Any openapi-fetch result: `data` on success, `error` otherwise. */
interface FetchResult<T> {
  data?: T
  error?: unknown
  response: Response
}

/**
 * The data of a successful call, or throws an `ApiError`.
 * Calls answered with no content (204) give `undefined`.
 */
export async function unwrap<T>(call: Promise<FetchResult<T>>): Promise<T> {
  let result: FetchResult<T>
  try {
    result = await call
  } catch {
    throw new ApiError(0, 'network', 'could not reach the server')
  }
  const { data, error, response } = result
  if (response.ok) return data as T
  if (isProblem(error)) {
    throw new ApiError(response.status, error.code, error.message, error.field ?? undefined)
  }
  throw new ApiError(response.status, 'error', response.statusText || 'request failed')
}
