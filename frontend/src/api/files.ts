/**
 * File uploads, written against the PLANNED contract: the server has no upload endpoint
 * yet. `POST /api/v1/files` takes multipart `file` and `purpose` (avatar, icon or
 * attachment) and answers `{id, url, filename, content_type, size}`. Until it exists the
 * server answers 404, which becomes an `ApiError` with code `uploads_unavailable`.
 * The typed client cannot describe this call, so it goes through the same transport
 * (`authorizedFetch`) by hand; regenerate and switch once the endpoint is in the schema.
 */
import { API_BASE, ApiError } from './client'
import { authorizedFetch } from './http'
import type { FilePurpose, UploadedFile } from './types'

/** Uploads one file for `purpose`. */
export async function uploadFile(file: File, purpose: FilePurpose): Promise<UploadedFile> {
  const form = new FormData()
  form.append('file', file)
  form.append('purpose', purpose)

  let response: Response
  try {
    response = await authorizedFetch(
      new Request(`${API_BASE}/files`, { method: 'POST', body: form }),
    )
  } catch {
    throw new ApiError(0, 'network', 'could not reach the server')
  }
  if (response.status === 404) {
    throw new ApiError(404, 'uploads_unavailable', 'This server does not accept file uploads yet')
  }
  const body: unknown = await response.json().catch(() => null)
  if (!response.ok) {
    const problem = body as { code?: string; message?: string } | null
    throw new ApiError(response.status, problem?.code ?? 'error', problem?.message ?? 'upload failed')
  }
  return body as UploadedFile
}

/** Where a stored file is read from, by id (the planned contract). */
export function fileUrl(id: string): string {
  return `/api/v1/files/${encodeURIComponent(id)}`
}
