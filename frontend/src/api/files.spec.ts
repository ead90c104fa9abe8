import { describe, expect, it } from 'vitest'

import { describeError } from '@/composables/useNotify'
import { fakeApi, json } from '@/test/fakeApi'

import { uploadFile } from './files'

describe('uploads (planned POST /files contract)', () => {
  it('sends multipart file and purpose and returns the stored file', async () => {
    const stored = { id: 'F'.repeat(26), url: '/x', filename: 'a.png', content_type: 'image/png', size: 3 }
    const fake = fakeApi({ 'POST /files': () => json(201, stored) })

    const file = new File(['abc'], 'a.png', { type: 'image/png' })
    await expect(uploadFile(file, 'avatar')).resolves.toEqual(stored)

    expect(String(fake.seen[0]?.body)).toContain('name="purpose"')
    expect(String(fake.seen[0]?.body)).toContain('avatar')
  })

  it('explains a 404 as uploads not being available yet', async () => {
    fakeApi()
    const failure = await uploadFile(new File(['x'], 'x.txt'), 'attachment').catch((e: unknown) => e)
    expect(failure).toMatchObject({ status: 404, code: 'uploads_unavailable' })
    expect(describeError(failure)).toBe('File uploads are not available on this server yet.')
  })
})
