// Turns Concord's OpenAPI document into the TypeScript types the API client is built on.
import openapiTS, { astToString } from 'openapi-typescript'

const HEADER = `/**
 * Types of Concord's REST API, generated from its OpenAPI document.
 * Do not edit: run \`npm run gen:api\` (\`npm run check:api\` tells when it is stale).
 */

`

/**
 * The contents of `src/api/schema.d.ts` for an OpenAPI document.
 * @param {object} document the parsed OpenAPI document
 */
export async function typesFor(document) {
  const ast = await openapiTS(document, { alphabetize: true })
  return HEADER + astToString(ast)
}
