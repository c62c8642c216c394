/**
 * The example app's main on the PostgreSQL cluster, shown in README.md and docs/runtime.md.
 * Runnable: `node --import tsx docs/samples/cluster.ts` starts one pod configured from the environment.
 */
import * as NodeRuntime from "@effect/platform-node/NodeRuntime"
import { Inventory } from "../../examples/app/Inventory.js"
import { ReadModels } from "../../examples/app/ReadModels.js"
// #region main
import { Cluster } from "effect-contracts/Cluster"
import { Postgres } from "effect-contracts/Postgres"
import * as Layer from "effect/Layer"
import { AppLayer } from "../../examples/generated/Layer.js"

// Many pods on one PostgreSQL: settings from the environment (CLUSTER_*, DATABASE_URL).
export const Main = AppLayer.pipe(
  Layer.provide([ReadModels.layer, Inventory.layer]), // the example app's own services
  Layer.provide(Cluster.layerConfig()),
  Layer.provide(Postgres.layer)
)
// #endregion

Layer.launch(Main).pipe(NodeRuntime.runMain)
