/**
 * Which side panels are open. On a phone the channel navigation and the member list are
 * drawers over the message pane; on wider screens navigation is always shown.
 */
import { ref } from 'vue'

const navOpen = ref(false)
const membersOpen = ref(true)
/** The channel last opened in each guild, to return to. */
const lastChannel = new Map<string, string>()

export function useLayout() {
  return {
    navOpen,
    membersOpen,
    toggleNav: () => (navOpen.value = !navOpen.value),
    closeNav: () => (navOpen.value = false),
    toggleMembers: () => (membersOpen.value = !membersOpen.value),
    lastChannel,
  }
}
