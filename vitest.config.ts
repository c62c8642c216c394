import { defineConfig } from "vitest/config"

/**
 * Two test files at a time: most multi-process suites spend their time waiting on pods (fail-over, a
 * SIGSTOP'd process, a restart), so two overlap well even on a 2-core machine; vitest's default there is one.
 */
export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: "forks",
    maxWorkers: 2,
    minWorkers: 1
  }
})
