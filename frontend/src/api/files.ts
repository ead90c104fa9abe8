/**
 * Files: uploading one (`POST /api/v1/files`) and the addresses stored files are read
 * from. Uploads go through the typed client like every other call; only the body is
 * built by hand, as a multipart form in the order the server reads it.
 */
import { api, unwrap } from './client'
import type { Attachment, FilePurpose, UploadedFile } from './types'

/**
 * The upload's form. `purpose` goes first: the server streams the file to storage as it
 * arrives and needs to know the purpose (its size limit and allowed types) beforehand.
 */
function uploadForm(body: { purpose: FilePurpose; file: Blob }): FormData {
  const form = new FormData()
  form.append('purpose', body.purpose)
  form.append('file', body.file)
  return form
}

/**
 * Uploads one file for `purpose`. Fails with an `ApiError`: 413 `file_too_large`,
 * 415 `not_an_image` (avatars and icons), 400 `invalid_input`, or status 0 offline.
 */
export async function uploadFile(file: File, purpose: FilePurpose): Promise<UploadedFile> {
  return unwrap(api.POST('/files', { body: { purpose, file }, bodySerializer: uploadForm }))
}

/**
 * Where a stored file is read from, by id alone (avatars and icons). Files are served
 * outside the API and without a token: the id is the secret.
 */
export function fileUrl(id: string): string {
  return `/files/${encodeURIComponent(id)}`
}

/**
 * Where an attachment is read from, named so that a download keeps its file name. The
 * server checks the name, so it must be the file's own.
 */
export function attachmentUrl(attachment: Pick<Attachment, 'id' | 'filename'>): string {
  return `${fileUrl(attachment.id)}/${encodeURIComponent(attachment.filename)}`
}
