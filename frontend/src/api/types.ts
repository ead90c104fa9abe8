/**
 * Short names for the REST API's wire types, all taken from the generated schema, and the
 * shapes of the few things the schema cannot describe (gateway-only data).
 */
import type { components, paths } from './schema'

type Schemas = components['schemas']

export type AuthSession = Schemas['AuthDto']
export type CurrentUser = Schemas['CurrentUserDto']
export type User = Schemas['UserDto']
export type Guild = Schemas['GuildDto']
export type Role = Schemas['RoleDto']
export type Member = Schemas['MemberDto']
export type Ban = Schemas['BanDto']
export type Invite = Schemas['InviteDto']
export type InvitePreview = Schemas['InvitePreviewDto']
export type Channel = Schemas['ChannelDto']
export type ChannelType = Schemas['ChannelType']
export type Message = Schemas['MessageDto']
export type Attachment = Schemas['AttachmentDto']
export type Reaction = Schemas['ReactionDto']
export type ReadState = Schemas['ReadStateDto']
export type Relationship = Schemas['RelationshipDto']
export type RelationshipType = Schemas['RelationshipType']
export type Problem = Schemas['Problem']

/** A user's presence, as the gateway reports it. */
export type Status = 'online' | 'idle' | 'dnd' | 'offline'

/** A stored file, as an upload answers it. */
export type UploadedFile = Schemas['FileDto']

type UploadForm = paths['/files']['post']['requestBody']['content']['multipart/form-data']

/** What a file upload is for: it decides the size limit and which types are accepted. */
export type FilePurpose = UploadForm['purpose']
