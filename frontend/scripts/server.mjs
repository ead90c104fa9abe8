// Starts the real `concord` binary on a free port over a temporary data folder, for the
// API drift check and the end-to-end tests.
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

/** The frontend folder. */
export const FRONTEND = resolve(dirname(fileURLToPath(import.meta.url)), '..')
/** The repository root. */
export const ROOT = resolve(FRONTEND, '..')

/**
 * The server binary: `CONCORD_BIN` when set, else `target/debug/concord` after an
 * incremental `cargo build` (quick when nothing changed).
 */
export function serverBinary() {
  if (process.env.CONCORD_BIN) return resolve(process.env.CONCORD_BIN)
  const built = spawnSync('cargo', ['build', '--quiet', '-p', 'concord-server'], {
    cwd: ROOT,
    stdio: 'inherit',
  })
  if (built.status !== 0) throw new Error('cargo build -p concord-server failed')
  const bin = join(ROOT, 'target', 'debug', 'concord')
  if (!existsSync(bin)) throw new Error(`no server binary at ${bin}`)
  return bin
}

/** A TCP port nobody listens on right now. */
export function freePort() {
  return new Promise((done, fail) => {
    const probe = createServer()
    probe.once('error', fail)
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address()
      probe.close(() => done(port))
    })
  })
}

/** A fresh temporary data folder. */
export function tempDataDir() {
  return mkdtempSync(join(tmpdir(), 'concord-web-'))
}

/**
 * Starts the binary and resolves once `/healthz` answers.
 * @param {{ bin: string, port: number, dataDir: string, webDir?: string, log?: string[] }} options
 */
export async function startServer({ bin, port, dataDir, webDir, log = [] }) {
  const url = `http://127.0.0.1:${port}`
  const env = {
    ...process.env,
    CONCORD_DATA_DIR: dataDir,
    CONCORD_BIND: `127.0.0.1:${port}`,
    CONCORD_PUBLIC_URL: url,
    CONCORD_RATE_LIMITS: 'off',
    CONCORD_ARGON2_MEMORY_KIB: '64',
    CONCORD_LOG: process.env.CONCORD_LOG ?? 'warn',
  }
  if (webDir) env.CONCORD_WEB_DIR = webDir
  const child = spawn(bin, [], { env, stdio: ['ignore', 'pipe', 'pipe'] })
  const keep = (chunk) => log.push(chunk.toString())
  child.stdout.on('data', keep)
  child.stderr.on('data', keep)
  const exited = new Promise((done) => child.once('exit', (code, signal) => done({ code, signal })))

  const deadline = Date.now() + 30_000
  for (;;) {
    if (child.exitCode !== null) {
      throw new Error(`concord exited with ${child.exitCode}:\n${log.join('')}`)
    }
    try {
      const response = await fetch(`${url}/healthz`)
      if (response.ok) break
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL')
      throw new Error(`concord did not start within 30 s:\n${log.join('')}`)
    }
    await new Promise((done) => setTimeout(done, 100))
  }

  return {
    url,
    port,
    dataDir,
    log,
    /** Stops the server (SIGTERM, then SIGKILL after 15 s) and waits for it to exit. */
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return
      child.kill('SIGTERM')
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000)
      await exited
      clearTimeout(timer)
    },
  }
}

/** Removes a data folder made by `tempDataDir`. */
export function removeDataDir(dir) {
  rmSync(dir, { recursive: true, force: true })
}
