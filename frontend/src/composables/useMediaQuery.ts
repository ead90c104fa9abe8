/** Whether a CSS media query matches, kept up to date. */
import { onBeforeUnmount, ref } from 'vue'

export function useMediaQuery(query: string) {
  const list = typeof window !== 'undefined' && window.matchMedia ? window.matchMedia(query) : null
  const matches = ref(list?.matches ?? false)
  const update = (event: MediaQueryListEvent) => (matches.value = event.matches)
  list?.addEventListener('change', update)
  onBeforeUnmount(() => list?.removeEventListener('change', update))
  return matches
}

/** Phone-sized screens, where the side panels become drawers. */
export function useIsPhone() {
  return useMediaQuery('(max-width: 768px)')
}
