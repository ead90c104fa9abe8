// `npm run check:api`: fails when src/api/schema.d.ts no longer matches the OpenAPI
// document that the server binary serves. Starts the binary on a free port over a
// temporary data folder, fetches the document, generates the types anew and compares.
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { typesFor } from './openapi.mjs'
import {
  FRONTEND,
  freePort,
  removeDataDir,
  serverBinary,
  startServer,
  tempDataDir,
} from './server.mjs'

const committedFile = join(FRONTEND, 'src', 'api', 'schema.d.ts')
const dataDir = tempDataDir()
const server = await startServer({ bin: serverBinary(), port: await freePort(), dataDir })
let fresh
try {
  const response = await fetch(`${server.url}/api/openapi.json`)
  if (!response.ok) throw new Error(`/api/openapi.json answered ${response.status}`)
  fresh = await typesFor(await response.json())
} finally {
  await server.stop()
  removeDataDir(dataDir)
}

const committed = readFileSync(committedFile, 'utf8')
if (committed === fresh) {
  console.log('src/api/schema.d.ts matches the server\'s OpenAPI document')
} else {
  const scratch = mkdtempSync(join(tmpdir(), 'concord-api-'))
  const freshFile = join(scratch, 'schema.d.ts')
  writeFileSync(freshFile, fresh)
  spawnSync('diff', ['-u', committedFile, freshFile], { stdio: 'inherit' })
  rmSync(scratch, { recursive: true, force: true })
  console.error('src/api/schema.d.ts is stale: run `npm run gen:api` against the server')
  process.exit(1)
}
