// Small helpers for the end-to-end scenario: named steps, screenshots, a watch on each
// page for script errors and Content-Security-Policy violations, waits, and test images.
import { mkdirSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { crc32, deflateSync } from 'node:zlib'

/** Where screenshots go (kept out of git). */
export const SCREENSHOTS = join(dirname(fileURLToPath(import.meta.url)), 'screenshots')
mkdirSync(SCREENSHOTS, { recursive: true })

let stepNumber = 0

/** Runs one named step and logs how long it took. */
export async function step(name, body) {
  stepNumber++
  const started = Date.now()
  process.stdout.write(`  ${String(stepNumber).padStart(2)}. ${name} … `)
  await body()
  console.log(`ok (${Date.now() - started} ms)`)
}

/** Saves a full-page screenshot under `name`.png. */
export async function shoot(page, name) {
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`) })
}

/** Collects problems a page reports: uncaught errors and blocked resources. */
export function watchPage(page, label, problems) {
  page.on('pageerror', (error) => problems.push(`${label}: page error: ${error.message}`))
  page.on('console', (message) => {
    const text = message.text()
    if (/Content Security Policy|Refused to/i.test(text)) problems.push(`${label}: ${text}`)
  })
}

/** Polls `read` until it returns something truthy, and returns that. */
export async function until(read, { timeout = 15_000, every = 100 } = {}) {
  const deadline = Date.now() + timeout
  for (;;) {
    const value = await read()
    if (value) return value
    if (Date.now() > deadline) throw new Error(`gave up waiting after ${timeout} ms`)
    await new Promise((done) => setTimeout(done, every))
  }
}

/** Waits until the `<img>` at `locator` has loaded a picture (not just been added). */
export async function imageLoaded(locator) {
  await locator.waitFor()
  await until(() => locator.evaluate((image) => image.complete && image.naturalWidth > 0))
}

/** One PNG chunk: length, type, data and the CRC of type and data. */
function pngChunk(type, data) {
  const typed = Buffer.concat([Buffer.from(type, 'ascii'), data])
  const length = Buffer.alloc(4)
  length.writeUInt32BE(data.length)
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(typed))
  return Buffer.concat([length, typed, crc])
}

/** A valid PNG of `width`×`height` pixels in one colour (`[r, g, b]`), to upload. */
export function solidPng(width, height, [r, g, b]) {
  const header = Buffer.alloc(13)
  header.writeUInt32BE(width, 0)
  header.writeUInt32BE(height, 4)
  header.set([8, 2, 0, 0, 0], 8) // 8 bits per channel, RGB, no interlace
  // Each row: filter type 0 (none), then the pixels.
  const row = Buffer.alloc(1 + width * 3)
  for (let x = 0; x < width; x++) row.set([r, g, b], 1 + x * 3)
  const image = Buffer.concat(Array.from({ length: height }, () => row))
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', header),
    pngChunk('IDAT', deflateSync(image)),
    pngChunk('IEND', Buffer.alloc(0)),
  ])
}
