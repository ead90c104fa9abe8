import { describe, expect, it } from 'vitest'

import { formatFileSize, isInlineImage } from './files'

describe('file helpers', () => {
  it('shows the image types the server serves inline, and no others', () => {
    expect(isInlineImage('image/png')).toBe(true)
    expect(isInlineImage('image/webp')).toBe(true)
    expect(isInlineImage('IMAGE/JPEG; charset=binary')).toBe(true)
    expect(isInlineImage('image/svg+xml')).toBe(false)
    expect(isInlineImage('application/pdf')).toBe(false)
  })

  it('writes sizes the way people read them', () => {
    expect(formatFileSize(1)).toBe('1 byte')
    expect(formatFileSize(1023)).toBe('1023 bytes')
    expect(formatFileSize(1536)).toBe('1.5 KB')
    expect(formatFileSize(200 * 1024)).toBe('200 KB')
    expect(formatFileSize(8 * 1024 * 1024)).toBe('8 MB')
    expect(formatFileSize(25 * 1024 * 1024 + 1)).toBe('25 MB')
    expect(formatFileSize(3 * 1024 ** 3)).toBe('3 GB')
  })
})
