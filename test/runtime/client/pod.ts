/**
 * The pod the client tests talk to, as a real OS process (so a test can `kill -9` it and start another on the
 * same port and database): `ShopServer.layer`. Environment: `HTTP_PORT`, `SHOP_DB` (the SQLite file of its
 * channel's log), `GATE` (`open`: `Hold*` answer at once; else they wait forever).
 */
import * as NodeRuntime from "@effect/platform-node/NodeRuntime"
import * as Config from "effect/Config"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import { ShopServer } from "./ShopServer.js"

const _settings = Config.all({ filename: Config.string("SHOP_DB"), gate: Config.string("GATE").pipe(Config.withDefault("closed")) })

NodeRuntime.runMain(Layer.launch(Layer.unwrapEffect(Effect.map(_settings, ({ filename, gate }) => ShopServer.layer({ filename, gate: gate === "open" })))))
