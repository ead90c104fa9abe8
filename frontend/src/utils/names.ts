/** Up to two initials of a name, for avatars and guild icons without an image. */
export function initials(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean)
  if (words.length === 0) return '?'
  const letters = words.length === 1 ? [...(words[0] ?? '')].slice(0, 2) : words.slice(0, 2).map((w) => [...w][0])
  return letters.join('').toUpperCase()
}

/** A stable hue for a string, to colour avatars without images. */
export function hueOf(text: string): number {
  let hash = 0
  for (const char of text) hash = (hash * 31 + (char.codePointAt(0) ?? 0)) >>> 0
  return hash % 360
}
