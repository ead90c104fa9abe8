import { createPinia, setActivePinia } from 'pinia'

/** A fresh Pinia, made active so stores can be used before mounting. */
export function createTestingPinia() {
  const pinia = createPinia()
  setActivePinia(pinia)
  return pinia
}
