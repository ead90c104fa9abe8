/** Toasts for the outcome of actions, with the server's message when it sent one. */
import 'element-plus/es/components/message/style/css'
import { ElMessage } from 'element-plus'

import { ApiError } from '@/api/client'

/** The text to show for a failed action. */
export function describeError(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.code === 'uploads_unavailable') {
      return 'File uploads are not available on this server yet.'
    }
    if (error.status === 0) return 'Could not reach the server. Check your connection.'
    return error.message.charAt(0).toUpperCase() + error.message.slice(1)
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
