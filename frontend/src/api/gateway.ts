/**
 * The gateway's wire format (README, "The realtime gateway"). The OpenAPI document does
 * not describe WebSocket frames, so these types are written here; event data reuses the
 * REST types where the shapes agree. Absent values may arrive as `null`.
 */
import type {
  Attachment,
  Channel,
  CurrentUser,
  Guild,
  ReadState,
  Relationship,
  Role,
  Status,
  User,
} from './types'

/** Opcodes. */
export const Op = {
  DISPATCH: 0,
  HEARTBEAT: 1,
  IDENTIFY: 2,
  PRESENCE_UPDATE: 3,
  RESUME: 6,
  RECONNECT: 7,
  INVALID_SESSION: 9,
  HELLO: 10,
  HEARTBEAT_ACK: 11,
} as const

/** Close codes after which reconnecting cannot help. */
export const FATAL_CLOSE_CODES: readonly number[] = [4001, 4002, 4003, 4005]
/** The token was refused: refresh it, then identify again. */
export const CLOSE_AUTH_FAILED = 4004
/** The resume sequence was refused: identify again. */
export const CLOSE_INVALID_SEQ = 4007

/** Any frame. */
export interface Frame {
  op: number
  d?: unknown
  s?: number | null
  t?: string | null
}

/** An attached file as events carry it: without the `url` (see `attachmentUrl`). */
export type GatewayAttachment = Omit<Attachment, 'url'>

/**
 * A message as events carry it: reactions list their users but no count, attachments
 * have no URL.
 */
export interface GatewayMessage {
  id: string
  channel_id: string
  author_id: string
  content: string
  nonce?: string | null
  reply_to?: string | null
  attachments: GatewayAttachment[]
  mentions: string[]
  reactions: { emoji: string; users: string[]; count?: number }[]
  edited_at?: number | null
  created_at: number
}

/** A membership as events carry it. */
export interface GatewayMember {
  guild_id: string
  user_id: string
  nickname?: string | null
  roles: string[]
  joined_at: number
}

/** One user's presence. */
export interface Presence {
  user_id: string
  status: Status
}

/** A guild in READY, with what is in it. */
export interface ReadyGuild extends Guild {
  channels: Channel[]
  roles: Role[]
  members: (GatewayMember & { user: User })[]
  presences: Presence[]
}

/** READY: everything needed to draw the interface. */
export interface Ready {
  session_id: string
  user: CurrentUser
  guilds: ReadyGuild[]
  dm_channels: Channel[]
  relationships: Relationship[]
  read_states: (ReadState & { user_id?: string })[]
  presences: Presence[]
}

/** A reaction added or removed. */
export interface ReactionEvent {
  channel_id: string
  message_id: string
  user_id: string
  emoji: string
}

/** Every dispatch by name, with its data. */
export interface GatewayEvents {
  READY: Ready
  RESUMED: Record<string, never>
  MESSAGE_CREATE: GatewayMessage
  MESSAGE_UPDATE: GatewayMessage
  MESSAGE_DELETE: { id: string; channel_id: string }
  MESSAGE_REACTION_ADD: ReactionEvent
  MESSAGE_REACTION_REMOVE: ReactionEvent
  TYPING_START: { channel_id: string; user_id: string; at: number }
  PRESENCE_UPDATE: Presence
  GUILD_CREATE: Guild
  GUILD_UPDATE: Guild
  GUILD_DELETE: { id: string }
  GUILD_MEMBER_ADD: { member: GatewayMember; user: User }
  GUILD_MEMBER_UPDATE: GatewayMember
  GUILD_MEMBER_REMOVE: { guild_id: string; user_id: string }
  GUILD_ROLE_CREATE: Role
  GUILD_ROLE_UPDATE: Role
  GUILD_ROLE_DELETE: { guild_id: string; role_id: string }
  CHANNEL_CREATE: Channel
  CHANNEL_UPDATE: Channel
  CHANNEL_DELETE: Channel
  RELATIONSHIP_ADD: Relationship
  RELATIONSHIP_REMOVE: { id: string }
  USER_UPDATE: User
  READ_STATE_UPDATE: ReadState & { user_id?: string }
}

/** A dispatch name. */
export type EventName = keyof GatewayEvents
