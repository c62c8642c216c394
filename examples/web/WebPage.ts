/**
 * What a pod of the example app serves of its web page: the files of the page's Vite build at `/app/`
 * (`WEB_ROOT`, default `examples/web/dist`, written by `npm run web:build`) and — DEMO ONLY, on pods started with
 * `DEMO_SIGN_IN=true` — a sign-in that signs a demo bearer token for each of a fixed list of demo users, with no
 * password. It reads files and signs tokens; it writes nothing and holds no state.
 */
import * as NodeFileSystem from "@effect/platform-node/NodeFileSystem"
import * as NodePath from "@effect/platform-node/NodePath"
import * as FileSystem from "@effect/platform/FileSystem"
import * as HttpRouter from "@effect/platform/HttpRouter"
import * as HttpServerRequest from "@effect/platform/HttpServerRequest"
import * as HttpServerResponse from "@effect/platform/HttpServerResponse"
import * as Path from "@effect/platform/Path"
import * as Config from "effect/Config"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Schema from "effect/Schema"
import { fileURLToPath } from "node:url"
import { Shared } from "../../contracts/shared.js"
import { DemoTokens } from "../app/DemoTokens.js"

const _settings = Config.all({
  root: Config.string("WEB_ROOT").pipe(
    Config.withDefault(fileURLToPath(new URL("dist", import.meta.url))),
    Config.withDescription("the folder of the web page's build, served at /app/ (npm run web:build writes examples/web/dist)")
  ),
  signIn: Config.boolean("DEMO_SIGN_IN").pipe(
    Config.withDefault(false),
    Config.withDescription("DEMO ONLY: serve /demo/users and /demo/sign-in, which sign a token for a listed demo user without a password")
  )
})

const _user = (userId: string, tenantId: string): Shared.Principal => ({ userId: Shared.UserId.make(userId), tenantId: Shared.TenantId.make(tenantId) })

/** The demo users the page offers: two of t_acme, one of t_globex, one of t_initech. */
const users: ReadonlyArray<Shared.Principal> = [
  _user("usr_ann", "t_acme"),
  _user("usr_bob", "t_acme"),
  _user("usr_cy", "t_globex"),
  _user("usr_dee", "t_initech")
]

const _types: Readonly<Record<string, string>> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".map": "application/json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".woff2": "font/woff2"
}

const _files = Layer.merge(NodeFileSystem.layer, NodePath.layer)

const _text = (status: number, text: string) => HttpServerResponse.text(`${text}\n`, { status })

/**
 * `GET /app/<file>`: a file of the build (`index.html` for a folder), never one outside it. Vite's hashed
 * `assets/` are cached for good; the pages are revalidated, so a new build is picked up on reload.
 */
const _file = Effect.gen(function*() {
  const request = yield* HttpServerRequest.HttpServerRequest
  const { root } = yield* _settings
  const fs = yield* FileSystem.FileSystem
  const path = yield* Path.Path
  const wanted = yield* Effect.try(() => decodeURIComponent(new URL(request.url, "http://pod").pathname.replace(/^\/app\/?/, "")))
  const file = path.resolve(root, wanted === "" || wanted.endsWith("/") ? `${wanted}index.html` : wanted)
  const inside = file.startsWith(`${path.resolve(root)}${path.sep}`)
  const found = inside && (yield* fs.stat(file).pipe(Effect.map((s) => s.type === "File"), Effect.orElseSucceed(() => false)))
  const immutable = path.basename(path.dirname(file)) === "assets"
  return found
    ? HttpServerResponse.uint8Array(yield* fs.readFile(file), {
      contentType: _types[path.extname(file)] ?? "application/octet-stream",
      headers: { "cache-control": immutable ? "public, max-age=31536000, immutable" : "no-cache" }
    })
    : _text(404, `No ${wanted || "index.html"} in the web page's build at ${root}: build it with \`npm run web:build\` (or set WEB_ROOT).`)
}).pipe(
  Effect.provide(_files),
  Effect.catchAll((e) => Effect.succeed(_text(400, `Bad request: ${String(e)}`)))
)

/** DEMO ONLY: `handler` on pods started with `DEMO_SIGN_IN=true`, a 404 that says so on the others. */
const _demoOnly = <E>(handler: Effect.Effect<HttpServerResponse.HttpServerResponse, E, HttpServerRequest.HttpServerRequest>) =>
  Effect.flatMap(_settings, ({ signIn }) =>
    signIn ? handler : Effect.succeed(_text(404, "The demo sign-in is off: pods started with DEMO_SIGN_IN=true serve it (a demo, never in production)."))).pipe(
      Effect.catchAll((e) => Effect.succeed(_text(400, `Bad request: ${String(e)}`)))
    )

/** `POST /demo/sign-in` `{ userId }`: the demo user and their demo bearer token, signed with the demo key (`DemoTokens`). */
const _signIn = Effect.gen(function*() {
  const { userId } = yield* HttpServerRequest.schemaBodyJson(Schema.Struct({ userId: Schema.String }))
  const user = users.find((u) => u.userId === userId)
  const key = yield* DemoTokens.key
  return user === undefined
    ? _text(404, `No demo user ${userId}.`)
    : HttpServerResponse.unsafeJson({ ...user, token: DemoTokens.sign(key, user) })
})

/** The pod's routes for the web page: `/app/` (the build) and, demo only, `/demo/users` and `/demo/sign-in`. */
const routes = HttpRouter.empty.pipe(
  HttpRouter.get("/app/", _file),
  HttpRouter.get("/app/*", _file),
  HttpRouter.get("/demo/users", _demoOnly(Effect.succeed(HttpServerResponse.unsafeJson(users)))),
  HttpRouter.post("/demo/sign-in", _demoOnly(_signIn))
)

/** The example web page as a pod serves it: `WebPage.routes` (mounted by examples/pod.ts), `WebPage.users`. */
export const WebPage = { routes, users } as const
