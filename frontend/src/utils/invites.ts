/** The code in an invite link (`https://host/invite/CODE`) or a bare code. */
export function inviteCodeFrom(input: string): string {
  const text = input.trim()
  const match = /\/invite\/([^/?#\s]+)/.exec(text)
  return match?.[1] ?? text
}

/** The link to share for an invite code, on this server. */
export function inviteLink(code: string, origin = location.origin): string {
  return `${origin}/invite/${encodeURIComponent(code)}`
}
