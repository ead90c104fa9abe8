/**
 * Ties the app to the session: restores it on start, keeps the gateway connected while
 * signed in, and on sign-out (or a lost session) disconnects, clears every store and
 * returns to the sign-in page.
 */
import { watch } from 'vue'
import { useRouter } from 'vue-router'

import { useChannelsStore } from '@/stores/channels'
import { useGuildsStore } from '@/stores/guilds'
import { useMessagesStore } from '@/stores/messages'
import { usePresenceStore } from '@/stores/presence'
import { useRelationshipsStore } from '@/stores/relationships'
import { useSessionStore } from '@/stores/session'
import { useUsersStore } from '@/stores/users'

import { useGateway } from './useGateway'

export function useSessionLifecycle() {
  const session = useSessionStore()
  const router = useRouter()
  const gateway = useGateway()

  const resets = [
    useGuildsStore().reset,
    useChannelsStore().reset,
    useMessagesStore().reset,
    usePresenceStore().reset,
    useRelationshipsStore().reset,
    useUsersStore().reset,
  ]

  watch(
    () => session.status,
    (status, before) => {
      if (status === 'authenticated') {
        gateway.start()
      } else if (status === 'anonymous') {
        gateway.stop()
        resets.forEach((reset) => reset())
        const route = router.currentRoute.value
        if (before === 'authenticated' && route.meta.auth !== false) {
          void router.replace({ name: 'login', query: { redirect: route.fullPath } })
        }
      }
    },
    { immediate: true },
  )
}
