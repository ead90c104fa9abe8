// `npm run gen:api [FILE|URL]`: regenerates src/api/schema.d.ts from the OpenAPI document
// of a running server (default http://127.0.0.1:8080/api/openapi.json, or CONCORD_URL) or
// from a saved file.
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

import { typesFor } from './openapi.mjs'
import { FRONTEND } from './server.mjs'

/** Where the generated types live. */
export const SCHEMA_FILE = join(FRONTEND, 'src', 'api', 'schema.d.ts')

async function readDocument(source) {
  if (/^https?:\/\//.test(source)) {
    const response = await fetch(source)
    if (!response.ok) throw new Error(`${source} answered ${response.status}`)
    return response.json()
  }
  return JSON.parse(readFileSync(source, 'utf8'))
}

const base = process.env.CONCORD_URL ?? 'http://127.0.0.1:8080'
const source = process.argv[2] ?? `${base}/api/openapi.json`
const document = await readDocument(source)
writeFileSync(SCHEMA_FILE, await typesFor(document))
console.log(`wrote ${SCHEMA_FILE} from ${source}`)
