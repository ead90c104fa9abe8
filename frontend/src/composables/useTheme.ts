/**
 * Light or dark theme: follows the system unless the user picked one, which is kept in
 * localStorage. The `dark` class on <html> switches both UnoCSS and Element Plus.
 */
import { computed, ref, watchEffect } from 'vue'

/** What the user chose. */
export type ThemeChoice = 'system' | 'light' | 'dark'

const STORAGE_KEY = 'concord.theme'

const choice = ref<ThemeChoice>(readChoice())
const systemDark = ref(false)
const isDark = computed(() => (choice.value === 'system' ? systemDark.value : choice.value === 'dark'))
let started = false

function readChoice(): ThemeChoice {
  const saved = typeof localStorage === 'undefined' ? null : localStorage.getItem(STORAGE_KEY)
  return saved === 'light' || saved === 'dark' ? saved : 'system'
}

/** Starts following the system theme and applying the choice to <html>, once. */
function start(): void {
  if (started || typeof window === 'undefined') return
  started = true
  const query = window.matchMedia?.('(prefers-color-scheme: dark)')
  systemDark.value = query?.matches ?? false
  query?.addEventListener('change', (event) => (systemDark.value = event.matches))
  watchEffect(() => document.documentElement.classList.toggle('dark', isDark.value))
}

export function useTheme() {
  start()

  function choose(next: ThemeChoice): void {
    choice.value = next
    if (next === 'system') localStorage.removeItem(STORAGE_KEY)
    else localStorage.setItem(STORAGE_KEY, next)
  }

  return { choice, isDark, choose }
}
