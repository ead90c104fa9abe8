import { describe, expect, it } from 'vitest'

import { mountWith } from '@/test/mountWith'

import MessageAttachments from './MessageAttachments.vue'

const PICTURE = {
  id: 'P'.repeat(26),
  url: `/files/${'P'.repeat(26)}/cat.png`,
  filename: 'cat.png',
  content_type: 'image/png',
  size: 2048,
}
const REPORT = {
  id: 'R'.repeat(26),
  url: `/files/${'R'.repeat(26)}/report%20Q3.pdf`,
  filename: 'report Q3.pdf',
  content_type: 'application/pdf',
  size: 3 * 1024 * 1024,
}

describe('MessageAttachments', () => {
  it('shows images in place and links other files for download with their size', () => {
    const wrapper = mountWith(MessageAttachments, { props: { attachments: [PICTURE, REPORT] } })

    const image = wrapper.get('img')
    expect(image.attributes('src')).toBe(PICTURE.url)
    expect(image.attributes('alt')).toBe('cat.png')

    const download = wrapper.get('a[download]')
    expect(download.attributes('href')).toBe(REPORT.url)
    expect(download.attributes('download')).toBe('report Q3.pdf')
    expect(download.attributes('aria-label')).toBe('Download report Q3.pdf, 3 MB')
    expect(download.text()).toContain('report Q3.pdf')
    expect(download.text()).toContain('3 MB')
  })

  it('offers an image that does not load as a download instead', async () => {
    const wrapper = mountWith(MessageAttachments, { props: { attachments: [PICTURE] } })

    await wrapper.get('img').trigger('error')

    expect(wrapper.find('img').exists()).toBe(false)
    expect(wrapper.get('a[download]').text()).toContain('2 KB')
  })
})
