/**
 * Mentions travel as `<@user_id>` in message text. People type `@username`; known
 * usernames are turned into the wire form before sending and back into names for display.
 */

/** A piece of message text: plain text, or a mention of a user id. */
export type Segment = { kind: 'text'; text: string } | { kind: 'mention'; userId: string }

const WIRE_MENTION = /<@([0-9A-Za-z]{26})>/g

/** Splits message text into text and mentions, in order. */
export function parseMentions(content: string): Segment[] {
  const segments: Segment[] = []
  let last = 0
  for (const match of content.matchAll(WIRE_MENTION)) {
    const start = match.index ?? 0
    if (start > last) segments.push({ kind: 'text', text: content.slice(last, start) })
    segments.push({ kind: 'mention', userId: match[1] ?? '' })
    last = start + match[0].length
  }
  if (last < content.length) segments.push({ kind: 'text', text: content.slice(last) })
  return segments
}

/**
 * Replaces `@username` with `<@id>` for every username in `known` (case-insensitive);
 * unknown names stay as typed.
 */
export function encodeMentions(text: string, known: ReadonlyMap<string, string>): string {
  return text.replace(/(^|[\s(])@([A-Za-z0-9_.-]{3,32})/g, (whole, before: string, name: string) => {
    const id = known.get(name.toLowerCase())
    return id ? `${before}<@${id}>` : whole
  })
}

/** Whether `content` mentions `userId`. */
export function mentionsUser(content: string, userId: string): boolean {
  return content.includes(`<@${userId}>`)
}
