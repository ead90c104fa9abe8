// Small helpers for the end-to-end scenario: named steps, screenshots, and a watch on
// each page for script errors and Content-Security-Policy violations.
import { mkdirSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

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
