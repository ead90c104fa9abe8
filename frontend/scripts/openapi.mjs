// Turns Concord's OpenAPI document into the TypeScript types the API client is built on.
import openapiTS, { astToString } from 'openapi-typescript'
import ts from 'typescript'

const HEADER = `/**
 * Types of Concord's REST API, generated from its OpenAPI document.
 * Do not edit: run \`npm run gen:api\` (\`npm run check:api\` tells when it is stale).
 */

`

// A `format: binary` string is a file in a multipart form: in the browser, a Blob (or a
// File). Left alone, openapi-typescript would type it as a string.
const BLOB = ts.factory.createTypeReferenceNode(ts.factory.createIdentifier('Blob'))

/**
 * The contents of `src/api/schema.d.ts` for an OpenAPI document.
 * @param {object} document the parsed OpenAPI document
 */
export async function typesFor(document) {
  const ast = await openapiTS(document, {
    alphabetize: true,
    transform: (schema) => (schema.format === 'binary' ? BLOB : undefined),
  })
  return HEADER + astToString(ast)
}
