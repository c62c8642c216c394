/**
 * Chromium for the browser tests: Debian's `/usr/bin/chromium`, headless, driven by playwright-core; whether it
 * is installed (without it the browser tests skip, saying loudly how to enable them), and screenshots saved
 * into the artifact folder `test/browser/artifacts/` (gitignored), their paths printed.
 */
import { existsSync, mkdirSync } from "node:fs"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import { chromium } from "playwright-core"
import type { Page } from "playwright-core"

const executable = "/usr/bin/chromium"

/** Whether Chromium is installed where the tests look for it. */
const available = existsSync(executable)

/** The artifact folder: the page's test builds and the screenshots. */
const artifacts = fileURLToPath(new URL("artifacts", import.meta.url))

const _bar = "!".repeat(104)

/** What a machine without Chromium prints instead of running the browser tests. */
const skipped = [
  "",
  _bar,
  `!! BROWSER TESTS SKIPPED: no Chromium at ${executable}. Enable them with:  apt-get install -y chromium  (.ci/run does it as root)`,
  _bar,
  ""
].join("\n")

/** Chromium, headless, sandbox off (containers run as root), with nothing talking to the network by itself. */
const launch = () =>
  chromium.launch({
    executablePath: executable,
    headless: true,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
  })

/** Save the whole page as `artifacts/<name>.png` and print where. */
const screenshot = (page: Page, name: string): Promise<string> => {
  mkdirSync(artifacts, { recursive: true })
  const path = join(artifacts, `${name}.png`)
  return page.screenshot({ path, fullPage: true }).then(() => (console.log(`screenshot: ${path}`), path))
}

/** Chromium for the browser tests: `available`, `skipped`, `launch()`, `screenshot(page, name)`, `artifacts`. */
export const Browser = { executable, available, artifacts, skipped, launch, screenshot } as const
