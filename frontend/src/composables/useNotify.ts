/** Toasts for the outcome of actions, with the server's message when it sent one. */
import 'element-plus/es/components/message/style/css'
import { ElMessage } from 'element-plus'

import { ApiError } from '@/api/client'
import { formatFileSize } from '@/utils/files'

/** The server states upload limits in bytes; people read them better as `8 MB`. */
function withReadableSizes(message: string): string {
  return message.replace(/\b(\d+) bytes\b/g, (_, bytes: string) => formatFileSize(Number(bytes)))
}

/** The text to show for a failed action. */
export function describeError(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.status === 0) return 'Could not reach the server. Check your connection.'
    const message = error.code === 'file_too_large' ? withReadableSizes(error.message) : error.message
    return message.charAt(0).toUpperCase() + message.slice(1)
  }
  return error instanceof Error ? error.message : 'Something went wrong.'
}

export function useNotify() {
  return {
    success(message: string): void {
      ElMessage({ message, type: 'success', grouping: true })
    },
    error(error: unknown, prefix?: string): void {
      const text = describeError(error)
      ElMessage({ message: prefix ? `${prefix}: ${text}` : text, type: 'error', grouping: true })
    },
  }
}
