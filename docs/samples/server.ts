/**
 * Samples for docs/runtime.md ("Serving an app"): a pod's main on `Server`, and the two ready-made
 * infrastructures. Runnable: `node --import tsx docs/samples/server.ts [--postgres]`; the example pod
 * (examples/pod.ts) is the full version.
 */
import * as NodeRuntime from "@effect/platform-node/NodeRuntime"
import * as HttpRouter from "@effect/platform/HttpRouter"
import * as HttpServerResponse from "@effect/platform/HttpServerResponse"
import * as Layer from "effect/Layer"
import { Cluster } from "effect-contracts/Cluster"
import { Server } from "effect-contracts/Server"
import { Inventory } from "../../examples/app/Inventory.js"
import { ReadModels } from "../../examples/app/ReadModels.js"
import { AppLayer } from "../../examples/generated/Layer.js"
import { NotificationsRpcs } from "../../examples/generated/notifications/Rpcs.js"
import { OrdersRpcs } from "../../examples/generated/orders/Rpcs.js"
import { PaymentsRpcs } from "../../examples/generated/payments/Rpcs.js"

// #region main
const infrastructure = process.argv.includes("--postgres") ? Cluster.onPostgres() : Cluster.inMemory()

export const Main = Server.layer({
  rpcs: { orders: OrdersRpcs, payments: PaymentsRpcs, notifications: NotificationsRpcs },
  routes: HttpRouter.empty.pipe(HttpRouter.get("/version", HttpServerResponse.text("1.4.2")))
}).pipe(
  Layer.provide(AppLayer),
  Layer.provide([ReadModels.layer, Inventory.layer]), // the example app's own services
  Layer.provide(infrastructure)
)

NodeRuntime.runMain(Layer.launch(Main))
// #endregion
