import { describe, expect, it } from 'vitest'

import { GROUP_WINDOW_MS, continuesGroup } from './grouping'

describe('message grouping', () => {
  it('groups consecutive messages by one author sent close together', () => {
    const at = (minutes: number) => minutes * 60_000
    const flags = continuesGroup([
      { author_id: 'a', created_at: at(0) },
      { author_id: 'a', created_at: at(1) },
      { author_id: 'b', created_at: at(2) },
      { author_id: 'b', created_at: at(2) + GROUP_WINDOW_MS },
      { author_id: 'b', created_at: at(20), reply_to: 'x' },
    ])
    expect(flags).toEqual([false, true, false, false, false])
  })
})
