/**
 * Mounts a component with the active Pinia (or a fresh one) and an in-memory router, as
 * the app has them.
 */
import { mount, type ComponentMountingOptions } from '@vue/test-utils'
import { getActivePinia } from 'pinia'
import type { Component } from 'vue'
import { createMemoryHistory, createRouter } from 'vue-router'

import { createTestingPinia } from './pinia'

export function mountWith<C extends Component>(component: C, options: ComponentMountingOptions<C> = {}) {
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [{ path: '/:any(.*)*', name: 'any', component: { template: '<div />' } }],
  })
  const pinia = getActivePinia() ?? createTestingPinia()
  return mount(component, {
    ...options,
    global: { plugins: [pinia, router], ...(options.global ?? {}) },
  } as ComponentMountingOptions<C>)
}
