const timeOnly = new Intl.DateTimeFormat(undefined, { hour: 'numeric', minute: '2-digit' })
const dayAndTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'short', timeStyle: 'short' })
const full = new Intl.DateTimeFormat(undefined, { dateStyle: 'full', timeStyle: 'medium' })

/** `14:05` for today, a short date and time otherwise. */
export function shortTime(ms: number, now = Date.now()): string {
  const sameDay = new Date(ms).toDateString() === new Date(now).toDateString()
  return sameDay ? timeOnly.format(ms) : dayAndTime.format(ms)
}

/** Just the time of day, beside messages that continue a group. */
export function clockTime(ms: number): string {
  return timeOnly.format(ms)
}

/** The full date and time, for tooltips. */
export function longTime(ms: number): string {
  return full.format(ms)
}
