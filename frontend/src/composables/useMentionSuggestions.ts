/**
 * Suggestions while typing `@name` in the composer: the people whose username or
 * display name starts with what follows the `@` before the caret.
 */
import { computed, ref, type Ref } from 'vue'

import { useUsersStore } from '@/stores/users'

/** Most suggestions shown at once. */
const LIMIT = 6

export interface MentionSuggestion {
  id: string
  username: string
  displayName: string
}

export function useMentionSuggestions(
  draft: Ref<string>,
  caret: Ref<number>,
  candidates: Readonly<Ref<ReadonlyMap<string, string>>>,
) {
  const users = useUsersStore()
  const selected = ref(0)
  const dismissed = ref(false)

  /** The `@query` right before the caret, with where it starts. */
  const query = computed(() => {
    const before = draft.value.slice(0, caret.value)
    const match = /(^|\s)@([A-Za-z0-9_.-]*)$/.exec(before)
    if (!match) return null
    return { text: (match[2] ?? '').toLowerCase(), start: before.length - (match[2] ?? '').length - 1 }
  })

  const suggestions = computed<MentionSuggestion[]>(() => {
    const q = query.value
    if (!q || dismissed.value) return []
    const found: MentionSuggestion[] = []
    for (const id of candidates.value.values()) {
      const user = users.get(id)
      if (!user) continue
      const matches =
        user.username.toLowerCase().startsWith(q.text) ||
        user.display_name.toLowerCase().startsWith(q.text)
      if (matches) found.push({ id, username: user.username, displayName: user.display_name })
      if (found.length === LIMIT) break
    }
    return found
  })

  /** Moves the highlighted suggestion by `step`. */
  function move(step: number): void {
    const count = suggestions.value.length
    if (count) selected.value = (selected.value + step + count) % count
  }

  /** Replaces the `@query` with the chosen `@username `; returns the new caret position. */
  function accept(index = selected.value): number | null {
    const q = query.value
    const choice = suggestions.value[index]
    if (!q || !choice) return null
    const insert = `@${choice.username} `
    draft.value = draft.value.slice(0, q.start) + insert + draft.value.slice(caret.value)
    selected.value = 0
    return q.start + insert.length
  }

  function reset(): void {
    selected.value = 0
    dismissed.value = false
  }

  return { suggestions, selected, dismissed, move, accept, reset }
}
