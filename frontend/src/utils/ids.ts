/**
 * Ids are ULIDs: 26 characters that sort by creation time, so comparing two ids as
 * strings compares when they were made.
 */

/** Negative, zero or positive as `a` is older than, the same as, or newer than `b`. */
export function compareIds(a: string, b: string): number {
  if (a.length !== b.length) return a.length - b.length
  return a < b ? -1 : a > b ? 1 : 0
}

/** Whether `a` is newer than `b` (anything is newer than nothing). */
export function isNewer(a: string | null | undefined, b: string | null | undefined): boolean {
  if (!a) return false
  if (!b) return true
  return compareIds(a, b) > 0
}

/** A random token for optimistic sends; the server returns it on the stored message. */
export function newNonce(): string {
  const bytes = new Uint8Array(12)
  crypto.getRandomValues(bytes)
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')
}
