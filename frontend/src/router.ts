/**
 * Routes. Paths follow Discord's: `/channels/@me` is home (friends), `/channels/@me/:id`
 * a DM, `/channels/:guildId/:channelId` a guild channel. Everything but sign-in and
 * registration needs a session, restored from the refresh cookie on the first visit.
 */
import { createRouter, createWebHistory } from 'vue-router'

import { useSessionStore } from '@/stores/session'
import { safeRedirect } from '@/utils/redirect'

declare module 'vue-router' {
  interface RouteMeta {
    /** False for pages shown only when signed out. */
    auth?: boolean
  }
}

export const router = createRouter({
  history: createWebHistory(),
  routes: [
    {
      path: '/login',
      name: 'login',
      component: () => import('@/views/LoginView.vue'),
      meta: { auth: false },
    },
    {
      path: '/register',
      name: 'register',
      component: () => import('@/views/RegisterView.vue'),
      meta: { auth: false },
    },
    {
      path: '/invite/:code',
      name: 'invite',
      component: () => import('@/views/InviteView.vue'),
      props: true,
    },
    {
      path: '/',
      component: () => import('@/views/AppLayout.vue'),
      children: [
        { path: '', redirect: { name: 'home' } },
        { path: 'channels/@me', name: 'home', component: () => import('@/views/HomeView.vue') },
        {
          path: 'channels/@me/:channelId',
          name: 'dm',
          component: () => import('@/views/ChannelView.vue'),
          props: true,
        },
        {
          path: 'channels/:guildId',
          name: 'guild',
          component: () => import('@/views/GuildView.vue'),
          props: true,
        },
        {
          path: 'channels/:guildId/:channelId',
          name: 'channel',
          component: () => import('@/views/ChannelView.vue'),
          props: true,
        },
        { path: 'settings', name: 'settings', component: () => import('@/views/SettingsView.vue') },
      ],
    },
    { path: '/:unknown(.*)*', redirect: '/' },
  ],
})

router.beforeEach(async (to) => {
  const session = useSessionStore()
  await session.restore()
  if (to.meta.auth === false) {
    if (!session.isAuthenticated) return true
    return safeRedirect(to.query.redirect)
  }
  if (!session.isAuthenticated) return { name: 'login', query: { redirect: to.fullPath } }
  return true
})
