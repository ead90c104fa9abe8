/** What the message list needs to know about a stored file to show it. */

/**
 * The image types shown in place. The server serves exactly these inline and every
 * other type as a download, so any other "image" would not display anyway.
 */
const INLINE_IMAGE_TYPES: readonly string[] = ['image/png', 'image/jpeg', 'image/gif', 'image/webp']

/** Whether a file of this type is shown as an image rather than offered as a download. */
export function isInlineImage(contentType: string): boolean {
  return INLINE_IMAGE_TYPES.includes(contentType.split(';')[0]?.trim().toLowerCase() ?? '')
}

const UNITS = ['KB', 'MB', 'GB'] as const

/**
 * A size for people: `512 bytes`, `1.5 KB`, `25 MB`. Units are powers of 1024 (as file
 * managers count), with one decimal below ten.
 */
export function formatFileSize(bytes: number): string {
  if (bytes < 1024) return bytes === 1 ? '1 byte' : `${bytes} bytes`
  let value = bytes
  let unit: (typeof UNITS)[number] = 'KB'
  for (const next of UNITS) {
    value /= 1024
    unit = next
    if (value < 1024) break
  }
  const rounded = value < 10 ? Math.round(value * 10) / 10 : Math.round(value)
  return `${rounded} ${unit}`
}
