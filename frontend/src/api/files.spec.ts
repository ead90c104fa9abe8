import { describe, expect, it } from 'vitest'

import { describeError } from '@/composables/useNotify'
import { fakeApi, json } from '@/test/fakeApi'

import { attachmentUrl, fileUrl, uploadFile } from './files'

const FILE_ID = 'F'.repeat(26)

describe('uploads (POST /files)', () => {
  it('sends purpose before file as multipart and returns the stored file', async () => {
    const stored = {
      id: FILE_ID,
      url: `/files/${FILE_ID}/a.png`,
      filename: 'a.png',
      content_type: 'image/png',
      size: 3,
    }
    const fake = fakeApi({ 'POST /files': () => json(201, stored) })

    const file = new File(['abc'], 'a.png', { type: 'image/png' })
    await expect(uploadFile(file, 'avatar')).resolves.toEqual(stored)

    const [request] = fake.seen
    expect(request?.headers.get('Content-Type')).toMatch(/^multipart\/form-data; boundary=/)
    const body = String(request?.body)
    const purpose = body.indexOf('name="purpose"')
    const content = body.indexOf('name="file"; filename="a.png"')
    expect(purpose).toBeGreaterThanOrEqual(0)
    expect(content).toBeGreaterThan(purpose)
    expect(body.slice(purpose, content)).toContain('avatar')
  })

  it('turns the server\'s problems into ApiErrors with their codes', async () => {
    const problems: Record<number, { code: string; message: string; field?: string }> = {
      400: { code: 'invalid_input', message: 'must come before the file', field: 'purpose' },
      413: { code: 'file_too_large', message: 'the file is larger than the limit of 8388608 bytes for its purpose' },
      415: { code: 'not_an_image', message: 'avatars and icons must be PNG, JPEG, GIF or WebP images' },
    }
    for (const [status, problem] of Object.entries(problems)) {
      fakeApi({ 'POST /files': () => json(Number(status), problem) })
      const failure = await uploadFile(new File(['x'], 'x.txt'), 'avatar').catch((e: unknown) => e)
      expect(failure).toMatchObject({ status: Number(status), code: problem.code, field: problem.field })
    }
  })

  it('states size limits in units people read', async () => {
    fakeApi({
      'POST /files': () =>
        json(413, { code: 'file_too_large', message: 'the file is larger than the limit of 8388608 bytes for its purpose' }),
    })
    const failure = await uploadFile(new File(['x'], 'big.png'), 'avatar').catch((e: unknown) => e)
    expect(describeError(failure)).toBe('The file is larger than the limit of 8 MB for its purpose')
  })
})

describe('file addresses', () => {
  it('reads files outside the API, by id', () => {
    expect(fileUrl(FILE_ID)).toBe(`/files/${FILE_ID}`)
  })

  it('names attachments by their encoded file name', () => {
    expect(attachmentUrl({ id: FILE_ID, filename: 'notes 1/2?.txt' })).toBe(`/files/${FILE_ID}/notes%201%2F2%3F.txt`)
  })
})
