/** Consecutive messages by one author within this many ms share one header. */
export const GROUP_WINDOW_MS = 7 * 60 * 1000

interface Groupable {
  author_id: string
  created_at: number
  reply_to?: string | null
}

/**
 * For each message (oldest first), whether it continues the group of the one before:
 * same author, sent soon after, and not a reply (replies always show their header).
 */
export function continuesGroup<T extends Groupable>(messages: readonly T[]): boolean[] {
  return messages.map((message, index) => {
    const previous = messages[index - 1]
    if (!previous || message.reply_to) return false
    return (
      previous.author_id === message.author_id &&
      message.created_at - previous.created_at < GROUP_WINDOW_MS
    )
  })
}
