/**
 * Files attached to a draft: added by picking, dropping or pasting, previewed at once
 * (images through blob: URLs), uploaded right away, and handed to the message on send.
 * Uses the planned upload contract (see `api/files.ts`); today every upload fails with
 * a clear toast.
 */
import { computed, onBeforeUnmount, ref } from 'vue'

import { uploadFile } from '@/api/files'

import { useNotify } from './useNotify'

/** One attached file. */
export interface DraftAttachment {
  key: number
  file: File
  /** A blob: URL for images, to preview before the upload ends. */
  preview: string | null
  state: 'uploading' | 'done' | 'failed'
  /** The stored file's id once uploaded. */
  id?: string
}

/** Largest file accepted here, before asking the server. */
export const MAX_ATTACHMENT_BYTES = 25 * 1024 * 1024

let nextKey = 1

export function useUploads() {
  const attachments = ref<DraftAttachment[]>([])
  const notify = useNotify()

  const busy = computed(() => attachments.value.some((a) => a.state === 'uploading'))
  const readyIds = computed(() =>
    attachments.value.filter((a) => a.state === 'done' && a.id).map((a) => a.id as string),
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
      if (live) Object.assign(live, { state: 'done', id: stored.id })
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

  return { attachments, busy, readyIds, add, remove, clear, fromClipboard }
}
