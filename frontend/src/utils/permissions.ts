/** Permission bits, as `domain/src/permissions.rs` defines them. */
export const Permission = {
  CREATE_INVITE: 1 << 0,
  KICK_MEMBERS: 1 << 1,
  BAN_MEMBERS: 1 << 2,
  ADMINISTRATOR: 1 << 3,
  MANAGE_CHANNELS: 1 << 4,
  MANAGE_GUILD: 1 << 5,
  ADD_REACTIONS: 1 << 6,
  VIEW_CHANNEL: 1 << 10,
  SEND_MESSAGES: 1 << 11,
  MANAGE_MESSAGES: 1 << 13,
} as const

/** Every bit above. */
export const ALL_PERMISSIONS = Object.values(Permission).reduce((all, bit) => all | bit, 0)

/** What a guild's roles and ownership tell about one member. */
export interface PermissionInput {
  /** The guild id, which is also the id of its @everyone role. */
  guildId: string
  ownerId: string
  userId: string
  /** Role ids the member holds besides @everyone. */
  memberRoles: readonly string[]
  roles: readonly { id: string; permissions: number }[]
}

/** The member's permission bits: the owner and administrators hold everything. */
export function permissionsOf(input: PermissionInput): number {
  if (input.userId === input.ownerId) return ALL_PERMISSIONS
  const held = new Set([input.guildId, ...input.memberRoles])
  const bits = input.roles
    .filter((role) => held.has(role.id))
    .reduce((all, role) => all | role.permissions, 0)
  return bits & Permission.ADMINISTRATOR ? ALL_PERMISSIONS : bits
}

/** Whether `bits` grant `wanted`. */
export function allows(bits: number, wanted: number): boolean {
  return (bits & wanted) === wanted
}
