/**
 * `codegen init <name>`: scaffolds a commented contract that declares one of each kind, so a new user
 * starts from something that generates and compiles. Never overwrites an existing file.
 */
import * as FileSystem from "@effect/platform/FileSystem"
import * as Path from "@effect/platform/Path"
import * as Effect from "effect/Effect"
import { ContractError, ContractErrors } from "../ContractError.js"

const _template = (name: string, pascal: string): string => `/**
 * Contract \`${name}\`: edit the schemas below, then run \`npx codegen\` and implement the stubs it creates.
 * Contracts are isomorphic: import only "effect-contracts", "effect/*" and other contract files.
 */
import { Contract } from "effect-contracts"
import * as Schema from "effect/Schema"

/** Ids are branded strings: a ${pascal}Id cannot be passed where another id is expected. */
const ${pascal}Id = Schema.String.pipe(Schema.brand("${pascal}Id"))

export default Contract.make("${name}", {
  events: {
    /** Published when a ${name} item is created; \`key\` deduplicates redeliveries. */
    ${pascal}Created: Contract.event({ payload: Schema.Struct({ id: ${pascal}Id }), key: (e) => e.id })
  },
  rpcs: {
    /** A public RPC that browsers call through the generated client. */
    Get${pascal}: Contract.rpc({ payload: { id: ${pascal}Id }, success: Schema.Struct({ id: ${pascal}Id }) })
  },
  entities: {
    /** A sharded entity: one instance per id, anywhere in the cluster. */
    ${pascal}Item: Contract.entity({
      rpcs: {
        /** Persisted messages survive restarts; the primary key deduplicates them. */
        Create: Contract.rpc({ payload: { id: ${pascal}Id }, persisted: true, primaryKey: (p) => p.id })
      }
    })
  },
  workflows: {
    /** A durable workflow; add a version to \`versions\` when its payload changes. */
    ${pascal}Process: Contract.workflow({ versions: [Schema.Struct({ id: ${pascal}Id })], idempotencyKey: (p) => p.id })
  },
  schedules: {
    /** Runs once per tick across the whole cluster. */
    ${pascal}Cleanup: Contract.schedule({ cron: "0 * * * *" })
  },
  jobs: {
    /** A job: enqueued with \`${pascal}ExportJob.enqueue(payload)\`, run once on some pod, retried, then dead-lettered. */
    ${pascal}Export: Contract.job({ payload: { id: ${pascal}Id }, retry: { times: 3 } })
  },
  webhooks: {
    /** Sent to the endpoints registered for it, signed and retried: \`${pascal}CreatedWebhook.send(payload)\`. */
    ${pascal}Created: Contract.webhook({ payload: { id: ${pascal}Id } })
  }
  // Events of other contracts: import one (\`import Orders from "./orders.contract.js"\`), then
  // subscriptions: { OnOrderPlaced: Contract.subscription({ to: Orders, events: ["OrderPlaced"] }) }
})
`

/** Write `<contracts>/<name>.contract.ts`; fails when the name is invalid or the file exists. */
const scaffold = Effect.fn("Init.scaffold")(function*(contracts: string, name: string) {
  const fs = yield* FileSystem.FileSystem
  const path = yield* Path.Path
  const file = path.join(contracts, `${name}.contract.ts`)
  const fail = (message: string, hint: string) =>
    Effect.fail(new ContractErrors({ errors: [new ContractError({ file, line: 1, message, hint })] }))
  yield* /^[a-z][A-Za-z0-9]*$/.test(name) ? Effect.void : fail(`"${name}" is not a valid contract name`, "use camelCase letters and digits, e.g. `orders`")
  yield* (yield* fs.exists(file)) ? fail("the file already exists", "pick another name; init never overwrites") : Effect.void
  yield* fs.makeDirectory(contracts, { recursive: true })
  yield* fs.writeFileString(file, _template(name, name.charAt(0).toUpperCase() + name.slice(1)))
  return file
})

export const Init = { scaffold } as const
