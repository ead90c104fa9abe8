/**
 * Marks the channel on screen as read up to its newest message, while the page is
 * visible: when it opens, when messages arrive, and when the tab comes back.
 */
import { onBeforeUnmount, watch, type Ref } from 'vue'

import { useChannelsStore } from '@/stores/channels'

export function useAckOnView(
  channelId: Readonly<Ref<string>>,
  newestId: Readonly<Ref<string | undefined>>,
) {
  const channels = useChannelsStore()

  function ack(): void {
    const newest = newestId.value
    if (!newest || document.visibilityState !== 'visible') return
    channels.ack(channelId.value, newest).catch(() => undefined)
  }

  watch([channelId, newestId], ack, { immediate: true })
  document.addEventListener('visibilitychange', ack)
  onBeforeUnmount(() => document.removeEventListener('visibilitychange', ack))
}
