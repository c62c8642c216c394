// Handler stub created by effect-contracts from test/runtime/workflows/app/next/contracts/saga.contract.ts. Yours to edit: codegen never overwrites it.
import type { SqlClient } from "@effect/sql/SqlClient"
import type { SagaWorkflow } from "../../../generated/saga/workflows/Saga.js"
import { Saga } from "../../../../Saga.js"

/**
 * Three compensated steps, an optional approval signal and durable sleep between steps 1 and 2.
 * The second build reads both versions: a v1 payload (no priority) runs as `normal`.
 */
export const SagaHandler: SagaWorkflow.Handler<SqlClient> = (input) =>
  Saga.run(
    input,
    "priority" in input ? { priority: input.priority, payloadVersion: 2 } : { priority: "normal", payloadVersion: 1 }
  )
