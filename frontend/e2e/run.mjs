// End-to-end test: the built SPA (frontend/dist) served by the real `concord` binary on a
// free port over a temporary data folder, driven in Debian's headless Chromium.
//
// Two people in two browser contexts register, become friends, create a guild, join it
// by invite, exchange messages that appear live in the other window, react, edit, talk
// in a DM, set an avatar and send an image; the server is then restarted on the same
// data folder and port, and the pages reconnect on their own and show new messages live
// again. Screenshots of the main screens land in e2e/screenshots/.
//
// Usage: npm run e2e (after npm run build). CONCORD_BIN picks the server binary.
import { existsSync } from 'node:fs'
import { join } from 'node:path'

import {
  FRONTEND,
  freePort,
  removeDataDir,
  serverBinary,
  startServer,
  tempDataDir,
} from '../scripts/server.mjs'
import { launchBrowser } from './browser.mjs'
import { imageLoaded, shoot, solidPng, step, until, watchPage } from './steps.mjs'

const WEB_DIR = join(FRONTEND, 'dist')
const TIMEOUT = 15_000
const PASSWORD = 'correct horse battery staple'
/** Ada's avatar, and a picture she sends: PNGs the server must recognise as images. */
const AVATAR_PNG = solidPng(64, 64, [214, 92, 48])
const PICTURE_PNG = solidPng(240, 135, [71, 82, 196])

if (!existsSync(join(WEB_DIR, 'index.html'))) {
  console.error('frontend/dist/index.html is missing: run `npm run build` first')
  process.exit(1)
}

// The browser first: when it cannot start, no server is left running behind.
const browser = await launchBrowser()
const bin = serverBinary()
const port = await freePort()
const dataDir = tempDataDir()
const serverLog = []
let server = await startServer({ bin, port, dataDir, webDir: WEB_DIR, log: serverLog })
const problems = []
const started = Date.now()

async function newPerson(label) {
  // Reduced motion: no transitions, so screenshots never catch a drawer half-way.
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, reducedMotion: 'reduce' })
  context.setDefaultTimeout(TIMEOUT)
  const page = await context.newPage()
  watchPage(page, label, problems)
  return { context, page }
}

/** The message log of the open channel. */
const log = (page) => page.getByRole('log')
/** The composer of the open channel. */
const composer = (page) => page.locator('textarea[role="combobox"]')

async function register(page, { username, displayName, email }) {
  await page.goto(`${server.url}/register`)
  await page.getByLabel('Email').fill(email)
  await page.getByLabel('Display name').fill(displayName)
  await page.getByLabel('Username', { exact: true }).fill(username)
  await page.getByLabel('Password').fill(PASSWORD)
  if (username === 'ada') await shoot(page, '01-register')
  await page.getByRole('button', { name: 'Continue' }).click()
  await page.waitForURL('**/channels/@me')
  await page.getByRole('heading', { level: 1, name: 'Friends', exact: true }).waitFor()
}

async function send(page, text) {
  await composer(page).fill(text)
  await composer(page).press('Enter')
}

async function waitConnected(page) {
  await page.getByRole('status').filter({ hasText: /connecting/i }).waitFor({ state: 'detached', timeout: 30_000 })
}

let exitCode = 0
try {
  const ada = await newPerson('ada')
  const bob = await newPerson('bob')
  let inviteUrl = ''

  console.log(`e2e against ${server.url}`)

  await step('both register and land on the friends page', async () => {
    await register(ada.page, { username: 'ada', displayName: 'Ada Lovelace', email: 'ada@example.org' })
    await register(bob.page, { username: 'bob', displayName: 'Bob Builder', email: 'bob@example.org' })
  })

  await step('ada sends bob a friend request; bob sees it live and accepts', async () => {
    await ada.page.getByRole('tab', { name: 'Add friend' }).click()
    await ada.page.locator('#friend-username').fill('bob')
    await ada.page.getByRole('button', { name: 'Send friend request' }).click()
    await ada.page.getByText('Your friend request to bob was sent').waitFor()

    await bob.page.getByRole('tab', { name: /Pending/ }).click()
    await bob.page.getByRole('button', { name: 'Accept Ada Lovelace' }).click()
    await ada.page.getByRole('tab', { name: 'All' }).click()
    await ada.page.getByRole('button', { name: 'Message Bob Builder' }).waitFor()
    await shoot(ada.page, '02-friends')
  })

  await step('ada creates a guild and lands in #general', async () => {
    await ada.page.getByRole('button', { name: 'Add a server' }).click()
    await ada.page.getByLabel('Server name').fill('Analytical Engines')
    await ada.page.getByRole('button', { name: 'Create', exact: true }).click()
    await ada.page.getByRole('heading', { level: 1, name: 'general', exact: true }).waitFor()
    await ada.page.waitForURL(/\/channels\/[0-9A-Z]{26}\/[0-9A-Z]{26}$/)
  })

  await step('ada creates a category and a channel in it', async () => {
    await ada.page.getByRole('button', { name: 'Server menu' }).click()
    await ada.page.getByRole('menuitem', { name: 'Create category' }).click()
    await ada.page.getByLabel('Category name').fill('Projects')
    await ada.page.getByRole('button', { name: 'Create', exact: true }).click()
    await ada.page.getByRole('button', { name: 'Create a channel in Projects' }).click()
    await ada.page.getByLabel('Channel name').fill('Difference Engine')
    await ada.page.getByRole('button', { name: 'Create', exact: true }).click()
    await ada.page.getByRole('heading', { level: 1, name: 'difference-engine', exact: true }).waitFor()
    await ada.page.getByRole('link', { name: 'general' }).click()
    await ada.page.getByRole('heading', { level: 1, name: 'general', exact: true }).waitFor()
  })

  await step('ada makes an invite link', async () => {
    await ada.page.getByRole('button', { name: 'Server menu' }).click()
    await ada.page.getByRole('menuitem', { name: 'Invite people' }).click()
    const link = ada.page.locator('input[name="invite-link"]')
    inviteUrl = await until(() => link.inputValue())
    if (!inviteUrl.includes('/invite/')) throw new Error(`odd invite link ${inviteUrl}`)
    await shoot(ada.page, '03-invite-dialog')
    await ada.page.keyboard.press('Escape')
  })

  await step('bob opens the invite and joins', async () => {
    await bob.page.goto(inviteUrl)
    await bob.page.getByText('Ada Lovelace invited you to join').waitFor()
    await shoot(bob.page, '04-invite-page')
    await bob.page.getByRole('button', { name: 'Accept invite' }).click()
    await bob.page.getByRole('heading', { level: 1, name: 'general', exact: true }).waitFor()
    // Bob's arrival reaches Ada's member list live.
    await ada.page.getByRole('complementary', { name: 'Members' }).getByText('Bob Builder').waitFor()
  })

  await step('messages appear live in the other window', async () => {
    await send(ada.page, 'Hello Bob, welcome to the engine room!')
    await log(bob.page).getByText('Hello Bob, welcome to the engine room!').waitFor()
    await send(ada.page, 'The second message groups under the first.')
    await log(bob.page).getByText('The second message groups under the first.').waitFor()
  })

  await step('bob types; ada sees the typing indicator', async () => {
    await composer(bob.page).pressSequentially('Thanks @ad', { delay: 20 })
    await bob.page.getByRole('option', { name: /Ada Lovelace/ }).waitFor()
    await composer(bob.page).press('Tab')
    await composer(bob.page).pressSequentially('glad to be here')
    await ada.page.getByText('Bob Builder is typing…').waitFor()
    await composer(bob.page).press('Enter')
    const mention = log(ada.page).locator('li.mention-me').filter({ hasText: 'glad to be here' })
    await mention.getByText('@Ada Lovelace').waitFor()
    await ada.page.getByText('Bob Builder is typing…').waitFor({ state: 'detached' })
  })

  await step('ada reacts and edits; bob sees both live', async () => {
    const bobsMessage = log(ada.page).locator('li').filter({ hasText: 'glad to be here' })
    await bobsMessage.hover()
    await bobsMessage.getByRole('button', { name: 'Add reaction' }).click()
    await ada.page.getByRole('button', { name: 'React with 👍' }).click()
    await log(bob.page).getByRole('button', { name: /👍 1, by Ada Lovelace/ }).waitFor()

    const mine = log(ada.page).locator('li').filter({ hasText: 'The second message groups' })
    await mine.hover()
    await mine.getByRole('button', { name: 'Edit' }).click()
    await ada.page.getByLabel('Edit message').fill('The second message, edited.')
    await ada.page.getByLabel('Edit message').press('Enter')
    await log(bob.page).getByText('The second message, edited.').waitFor()
    await log(bob.page).getByText('(edited)').waitFor()
    await shoot(ada.page, '05-channel-ada')
    await shoot(bob.page, '06-channel-bob')
  })

  await step('bob replies to ada', async () => {
    const first = log(bob.page).locator('li').filter({ hasText: 'welcome to the engine room' })
    await first.hover()
    await first.getByRole('button', { name: 'Reply' }).click()
    await bob.page.getByText('Replying to').waitFor()
    await send(bob.page, 'Replying to the welcome.')
    const reply = log(ada.page).locator('li').filter({ hasText: 'Replying to the welcome.' })
    await reply.getByText('@Ada Lovelace').first().waitFor()
  })

  await step('older history loads when scrolling up', async () => {
    // 120 messages from Bob through the API, more than two pages of history.
    const login = await fetch(`${server.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ login: 'bob', password: PASSWORD }),
    })
    const { access_token: token } = await login.json()
    const channelLink = ada.page.getByRole('link', { name: /difference-engine/ })
    const channelId = (await channelLink.getAttribute('href')).split('/').pop()
    for (let n = 1; n <= 120; n++) {
      await fetch(`${server.url}/api/v1/channels/${channelId}/messages`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ content: `History line ${n}` }),
      })
    }
    await ada.page.getByRole('link', { name: 'difference-engine (unread)' }).waitFor()
    await channelLink.click()
    await log(ada.page).getByText('History line 120', { exact: true }).waitFor()
    await until(async () => {
      await log(ada.page).evaluate((element) => element.scrollTo(0, 0))
      return log(ada.page).getByText('History line 1', { exact: true }).count()
    })
    await log(ada.page).getByRole('heading', { name: 'Welcome to #difference-engine!' }).waitFor()
    await shoot(ada.page, '07-history-top')
    await ada.page.getByRole('link', { name: 'general' }).click()
  })

  await step('ada opens a DM with bob from the friends list; bob gets it live', async () => {
    await ada.page.getByRole('link', { name: 'Direct messages' }).click()
    await ada.page.getByRole('tab', { name: 'All' }).click()
    await ada.page.getByRole('button', { name: 'Message Bob Builder' }).click()
    await ada.page.getByRole('heading', { level: 1, name: 'Bob Builder', exact: true }).waitFor()
    await send(ada.page, 'A private word, Bob.')
    // Bob is still in the guild: the DM shows as unread on the home icon.
    await bob.page.getByRole('link', { name: /Direct messages, 1 mentions/ }).waitFor()
    await shoot(bob.page, '08-unread-badge')
    await bob.page.getByRole('link', { name: /Direct messages/ }).click()
    await bob.page.getByRole('link', { name: /Ada Lovelace/ }).click()
    await log(bob.page).getByText('A private word, Bob.').waitFor()
    await shoot(bob.page, '09-dm-bob')
  })

  await step('ada stays signed in across a reload', async () => {
    await ada.page.reload()
    await log(ada.page).getByText('A private word, Bob.').waitFor()
    await waitConnected(ada.page)
  })

  await step('ada sets an avatar in settings; bob sees it after his next visit', async () => {
    await ada.page.getByRole('link', { name: 'User settings' }).click()
    await ada.page.getByRole('heading', { name: 'My account', exact: true }).waitFor()
    await ada.page
      .getByLabel('Avatar image file')
      .setInputFiles({ name: 'ada.png', mimeType: 'image/png', buffer: AVATAR_PNG })
    await ada.page.getByText('Avatar updated').waitFor()
    const settings = ada.page.getByRole('region', { name: 'My account' })
    await imageLoaded(settings.locator('img[src^="/files/"]'))
    await shoot(ada.page, '10-settings')
    await ada.page.getByRole('button', { name: 'Close settings' }).click()
    await log(ada.page).waitFor()

    // The server tells only Ada's own sessions about her profile (USER_UPDATE), so Bob
    // sees the new avatar once his page loads her profile again.
    await bob.page.reload()
    const adasMessage = log(bob.page).locator('li').filter({ hasText: 'A private word, Bob.' })
    await imageLoaded(adasMessage.locator('img[src^="/files/"]'))
    await waitConnected(bob.page)
  })

  await step('ada sends an image alone; bob sees the preview live', async () => {
    await ada.page
      .locator('form input[type="file"]')
      .setInputFiles({ name: 'engine.png', mimeType: 'image/png', buffer: PICTURE_PNG })
    await ada.page.getByRole('list', { name: 'Files to send' }).getByText('Ready').waitFor()
    await composer(ada.page).press('Enter')
    await imageLoaded(log(bob.page).getByRole('img', { name: 'engine.png' }))
    await shoot(bob.page, '11-attachment-bob')
  })

  await step('the server restarts; both pages reconnect and stay live', async () => {
    await server.stop()
    await ada.page.getByRole('status').filter({ hasText: 'Reconnecting…' }).waitFor()
    await shoot(ada.page, '12-reconnecting')
    server = await startServer({ bin, port, dataDir, webDir: WEB_DIR, log: serverLog })

    // Sent as soon as the server is back: Ada's page gets it live or through the
    // catch-up after its session could not be resumed; either way it must show.
    await send(bob.page, 'Sent right after the restart.')
    await log(bob.page).getByText('Sent right after the restart.').waitFor()
    await log(ada.page).getByText('Sent right after the restart.').waitFor({ timeout: 30_000 })

    await waitConnected(ada.page)
    await waitConnected(bob.page)
    await send(bob.page, 'And this one arrives live.')
    await log(ada.page).getByText('And this one arrives live.').waitFor()
  })

  await step('dark theme and phone width render', async () => {
    await ada.page.getByRole('button', { name: 'Use the dark theme' }).click()
    await shoot(ada.page, '13-dm-dark')
    await bob.page.getByRole('link', { name: /Analytical Engines/ }).click()
    await bob.page.getByRole('heading', { level: 1, name: 'general', exact: true }).waitFor()
    await bob.page.setViewportSize({ width: 390, height: 844 })
    await bob.page.getByRole('button', { name: 'Show member list' }).click()
    await shoot(bob.page, '14-phone-channel')
    await bob.page.getByRole('button', { name: 'Open navigation' }).click()
    await bob.page.getByRole('navigation', { name: 'Servers' }).waitFor()
    await shoot(bob.page, '15-phone-navigation')
  })

  await step('bob logs out and back in', async () => {
    await bob.page.setViewportSize({ width: 1280, height: 800 })
    await bob.page.keyboard.press('Escape')
    await bob.page.getByRole('button', { name: 'Log out' }).click()
    await bob.page.waitForURL('**/login**')
    await bob.page.getByLabel('Username or email').fill('bob@example.org')
    await bob.page.getByLabel('Password').fill(PASSWORD)
    await shoot(bob.page, '16-login')
    await bob.page.getByRole('button', { name: 'Log in' }).click()
    await log(bob.page).getByText('Replying to the welcome.').waitFor()
  })

  if (problems.length) throw new Error(`the pages reported problems:\n${problems.join('\n')}`)
  console.log(`e2e passed in ${((Date.now() - started) / 1000).toFixed(1)} s`)
} catch (error) {
  exitCode = 1
  console.log('FAILED')
  console.error(error)
  for (const [index, context] of browser.contexts().entries()) {
    for (const page of context.pages()) await shoot(page, `failure-${index}`).catch(() => {})
  }
  if (problems.length) console.error(problems.join('\n'))
  console.error('--- server log (tail) ---')
  console.error(serverLog.join('').split('\n').slice(-40).join('\n'))
} finally {
  await browser.close()
  await server.stop()
  removeDataDir(dataDir)
}
process.exit(exitCode)
