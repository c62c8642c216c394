/**
 * `codegen init <name>`: scaffolds a commented contract that declares one of each kind; with `--new`, a whole
 * service around it (config file, `src/main.ts`). A new user starts from something that generates, compiles
 * and runs. Never overwrites an existing file.
 */
import * as FileSystem from "@effect/platform/FileSystem"
import * as Path from "@effect/platform/Path"
import * as Effect from "effect/Effect"
import { ContractError, ContractErrors } from "../ContractError.js"
import { InitService } from "./InitService.js"

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

const _fail = (file: string, message: string, hint: string) =>
  Effect.fail(new ContractErrors({ errors: [new ContractError({ file, line: 1, message, hint })] }))

const _pascal = (name: string) => name.charAt(0).toUpperCase() + name.slice(1)

/** Write `files` (absolute path → text) after checking that the name is valid and no file exists yet. */
const _create = (name: string, files: ReadonlyArray<readonly [string, string]>) =>
  Effect.gen(function*() {
    const fs = yield* FileSystem.FileSystem
    const path = yield* Path.Path
    const first = files[0]?.[0] ?? name
    yield* /^[a-z][A-Za-z0-9]*$/.test(name) ? Effect.void : _fail(first, `"${name}" is not a valid contract name`, "use camelCase letters and digits, e.g. `orders`")
    const taken = yield* Effect.filter(files, ([file]) => fs.exists(file))
    yield* taken.length === 0 ? Effect.void : _fail(taken[0]![0], "the file already exists", "pick another name or folder; init never overwrites")
    yield* Effect.forEach(files, ([file, text]) =>
      fs.makeDirectory(path.dirname(file), { recursive: true }).pipe(Effect.zipRight(fs.writeFileString(file, text))), { discard: true })
    return files.map(([file]) => file)
  })

/** Write `<contracts>/<name>.contract.ts`; the lines to print. */
const contract = Effect.fn("Init.contract")(function*(contracts: string, name: string) {
  const path = yield* Path.Path
  const [file] = yield* _create(name, [[path.join(contracts, `${name}.contract.ts`), _template(name, _pascal(name))]])
  return [`codegen init: created ${file}; now run \`npx codegen\``]
})

/** A new service in `cwd`: `effect-contracts.json`, `src/contracts/<name>.contract.ts`, `src/main.ts`; the lines to print. */
const service = Effect.fn("Init.service")(function*(cwd: string, name: string) {
  const fs = yield* FileSystem.FileSystem
  const path = yield* Path.Path
  const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`
  const optional = yield* Effect.filter([
    [path.join(cwd, "tsconfig.json"), json(InitService.tsconfig)] as const,
    [path.join(cwd, "package.json"), json(InitService.packageJson(name))] as const
  ], ([file]) => Effect.map(fs.exists(file), (exists) => !exists))
  const files = yield* _create(name, [
    [path.join(cwd, "src", "contracts", `${name}.contract.ts`), _template(name, _pascal(name))],
    [path.join(cwd, "effect-contracts.json"), json(InitService.config)],
    [path.join(cwd, "src", "main.ts"), InitService.main(name, _pascal(name))],
    ...optional
  ])
  return [
    `codegen init: created ${files.join(", ")}`,
    "next:",
    "  npx codegen                      # generate src/generated and the handler stubs in src/handlers",
    "  npx tsc --noEmit                 # everything compiles as scaffolded",
    "  npx tsx src/main.ts              # serve on http://127.0.0.1:8080 (in-memory cluster, no database)",
    "  npx tsx src/main.ts --postgres   # the same on PostgreSQL (DATABASE_URL, or an embedded server)"
  ]
})

/** A folder with nothing but package files in it: `init` scaffolds a whole service there. */
const isEmpty = Effect.fn("Init.isEmpty")(function*(cwd: string) {
  const fs = yield* FileSystem.FileSystem
  const names = yield* fs.readDirectory(cwd)
  return names.every((n) => InitService.ignorable.has(n))
})

export const Init = { contract, service, isEmpty } as const
