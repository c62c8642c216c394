// The cluster benchmark's SQL floor with the lightest client there is here: node-postgres directly, no
// Effect (closest to pgbench, which embedded PostgreSQL does not ship). Plain JS so it needs no types.
// Runs the same cycle as `_clusterSql.ts` (keep the two in step) and prints one JSON line.
// Usage: node test/bench/_clusterRawPg.mjs <url> <concurrency> <ms> <prefix>
import pg from "pg"

const [url, concurrency, ms, prefix] = process.argv.slice(2)
const pool = new pg.Pool({ connectionString: url, max: Number(concurrency) })
const base = BigInt(Date.now()) << 22n
let next = 0

// One message: the request row, the handler's side effect, then mark-processed + reply in one statement.
const cycle = async (i) => {
  const id = String(base + BigInt(i) * 2n)
  const replyId = String(base + BigInt(i) * 2n + 1n)
  const messageId = `${prefix}-${i}`
  const entity = `bench-${i % 64}`
  await pool.query(
    `INSERT INTO bench_messages (id, message_id, shard_id, entity_type, entity_id, kind, tag, payload, headers, request_id)
     VALUES ($1, $2, $3, 'Probe', $4, 0, 'Hit', $5, '{}', $1) ON CONFLICT (message_id) DO NOTHING RETURNING id`,
    [id, `Probe/${entity}/Hit/${messageId}`, `default:${1 + (i % 300)}`, entity, JSON.stringify({ messageId })]
  )
  await pool.query(
    `INSERT INTO bench_effects (message_id, pod) VALUES ($1, 'bench')
     ON CONFLICT (message_id) DO UPDATE SET attempts = bench_effects.attempts + 1`,
    [messageId]
  )
  await pool.query(
    `WITH m AS (UPDATE bench_messages SET processed = TRUE, last_reply_id = $1 WHERE request_id = $2)
     INSERT INTO bench_replies (id, kind, request_id, payload) VALUES ($1, 0, $2, $3)`,
    [replyId, id, JSON.stringify({ _tag: "Success", value: { pod: "bench", shard: "default:1" } })]
  )
}

const latencies = []
const deadline = performance.now() + Number(ms)
const worker = async () => {
  while (performance.now() < deadline) {
    const t0 = performance.now()
    await cycle(next++)
    latencies.push(Math.round((performance.now() - t0) * 1000) / 1000)
  }
}
const cpu0 = process.cpuUsage()
const t0 = performance.now()
await Promise.all(Array.from({ length: Number(concurrency) }, worker))
const elapsed = performance.now() - t0
const cpu = process.cpuUsage(cpu0)
await pool.end()
process.stdout.write(JSON.stringify({ ms: elapsed, cpuMs: (cpu.user + cpu.system) / 1000, latencies }) + "\n")
