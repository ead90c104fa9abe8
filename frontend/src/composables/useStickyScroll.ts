/**
 * Scrolling for a chat log: starts at the bottom, follows new messages while the reader
 * is at the bottom, loads older pages near the top, and keeps the view steady when they
 * arrive above it.
 */
import { nextTick, onMounted, ref, type Ref } from 'vue'

/** Within this many pixels of an edge counts as at it. */
const EDGE_PX = 120

export function useStickyScroll(
  container: Ref<HTMLElement | null>,
  options: { loadOlder: () => Promise<void>; canLoadOlder: () => boolean },
) {
  const atBottom = ref(true)

  function scrollToBottom(): void {
    const element = container.value
    if (element) element.scrollTop = element.scrollHeight
  }

  /** Call before content changes; restores the reader's place after. */
  async function keepPosition(change: () => Promise<void>): Promise<void> {
    const element = container.value
    if (!element) return change()
    const fromBottom = element.scrollHeight - element.scrollTop
    await change()
    await nextTick()
    element.scrollTop = element.scrollHeight - fromBottom
  }

  async function onScroll(): Promise<void> {
    const element = container.value
    if (!element) return
    atBottom.value = element.scrollHeight - element.scrollTop - element.clientHeight < EDGE_PX
    if (element.scrollTop < EDGE_PX && options.canLoadOlder()) {
      await keepPosition(options.loadOlder)
    }
  }

  /** Call after new content rendered at the bottom. */
  function afterAppend(): void {
    if (atBottom.value) scrollToBottom()
  }

  onMounted(scrollToBottom)

  return { atBottom, onScroll, afterAppend, scrollToBottom, keepPosition }
}
