/**
 * Files attached to a draft: added by picking, dropping or pasting, previewed at once
 * (images through blob: URLs), uploaded right away, and handed to the message on send.
 * A failed upload stays in the list, marked, until it is removed.
 */
import { computed, onBeforeUnmount, ref } from 'vue'

import { uploadFile } from '@/api/files'
import type { UploadedFile } from '@/api/types'

import { useNotify } from './useNotify'

/** One attached file. */
export interface DraftAttachment {
  key: number
  file: File
  /** A blob: URL for images, to preview before the upload ends. */
  preview: string | null
  state: 'uploading' | 'done' | 'failed'
  /** The stored file once uploaded. */
  stored?: UploadedFile
}

/**
 * Largest file accepted here, before asking the server: its default limit for
 * attachments. A server configured lower still answers 413, which is shown as well.
 */
export const MAX_ATTACHMENT_BYTES = 25 * 1024 * 1024

let nextKey = 1

export function useUploads() {
  const attachments = ref<DraftAttachment[]>([])
  const notify = useNotify()

  const busy = computed(() => attachments.value.some((a) => a.state === 'uploading'))
  /** The uploaded files, in the order they were added, to send with the message. */
  const ready = computed(() =>
    attachments.value.flatMap((a) => (a.state === 'done' && a.stored ? [a.stored] : [])),
  )

  async function add(files: Iterable<File>): Promise<void> {
    for (const file of files) {
      if (file.size > MAX_ATTACHMENT_BYTES) {
        notify.error(new Error(`${file.name} is larger than 25 MB`))
        continue
      }
      const preview = file.type.startsWith('image/') ? URL.createObjectURL(file) : null
      const attachment: DraftAttachment = { key: nextKey++, file, preview, state: 'uploading' }
      attachments.value.push(attachment)
      await upload(attachment.key)
    }
  }

  async function upload(key: number): Promise<void> {
    const find = () => attachments.value.find((a) => a.key === key)
    try {
      const stored = await uploadFile((find() as DraftAttachment).file, 'attachment')
      const live = find()
      if (live) Object.assign(live, { state: 'done', stored })
    } catch (error) {
      const live = find()
      if (live) live.state = 'failed'
      notify.error(error, 'Upload failed')
    }
  }

  function remove(key: number): void {
    const gone = attachments.value.find((a) => a.key === key)
    if (gone?.preview) URL.revokeObjectURL(gone.preview)
    attachments.value = attachments.value.filter((a) => a.key !== key)
  }

  function clear(): void {
    attachments.value.forEach((a) => a.preview && URL.revokeObjectURL(a.preview))
    attachments.value = []
  }

  /** Files from a paste event, if it carried any. */
  function fromClipboard(event: ClipboardEvent): File[] {
    return Array.from(event.clipboardData?.files ?? [])
  }

  onBeforeUnmount(clear)

  return { attachments, busy, ready, add, remove, clear, fromClipboard }
}
