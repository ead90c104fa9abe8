import { describe, expect, it } from 'vitest'

import { encodeMentions, parseMentions } from './mentions'

const ADA = '01HZZZZZZZZZZZZZZZZZZZZZZA'

describe('mentions', () => {
  it('splits text around wire mentions', () => {
    expect(parseMentions(`hi <@${ADA}>, look`)).toEqual([
      { kind: 'text', text: 'hi ' },
      { kind: 'mention', userId: ADA },
      { kind: 'text', text: ', look' },
    ])
  })

  it('encodes known usernames and leaves the rest as typed', () => {
    const known = new Map([['ada', ADA]])
    expect(encodeMentions('@Ada and @bob, mail me@ada.org', known)).toBe(`<@${ADA}> and @bob, mail me@ada.org`)
  })
})
