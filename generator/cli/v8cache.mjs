// V8 code caches for the CommonJS code `codegen` runs at start-up (its own bundle, ts-morph): compiling
// ~10 MB of JavaScript from scratch costs more than everything else the command does. Each cache file is
// named after the script and stamped with a key (the script's identity) and a generation. A missing, stale
// or rejected cache is written when the process exits, after the run, so it covers the functions the run
// compiled; the next run rewrites it once more (a second generation), so that a first `--help` or `init`
// does not leave a cache without the functions a real run compiles.
import { createHash } from "node:crypto"
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from "node:fs"
import Module, { createRequire } from "node:module"
import path from "node:path"
import vm from "node:vm"

const _generations = 2
const _sha1 = (text) => createHash("sha1").update(text).digest()
const _pending = []

/** The cached data and its generation, when the file carries `stamp`. */
const _read = (file, stamp) => {
  try {
    const data = readFileSync(file)
    return data.subarray(0, stamp.length).equals(stamp)
      ? { generation: data[stamp.length], data: data.subarray(stamp.length + 1) }
      : undefined
  } catch {
    return undefined
  }
}

const _write = (file, stamp, generation, data) => {
  try {
    mkdirSync(path.dirname(file), { recursive: true })
    writeFileSync(`${file}.${process.pid}.tmp`, Buffer.concat([stamp, Buffer.of(generation), data]))
    renameSync(`${file}.${process.pid}.tmp`, file)
  } catch {
    // A cache is an optimisation: an unwritable cache folder only costs the next run its speed.
  }
}

process.on("exit", () =>
  _pending.splice(0).forEach(({ file, stamp, generation, script }) => _write(file, stamp, generation, script.createCachedData()))
)

/** Compile `code` (a function expression) as `filename` with a code cache under `dir`; returns its value. */
export const compile = (dir, code, filename, key) => {
  const file = path.join(dir, "v8", `${_sha1(filename).toString("hex").slice(0, 20)}.bin`)
  const stamp = _sha1(`${process.version}\0${process.arch}\0${key}`)
  const cached = _read(file, stamp)
  const script = new vm.Script(code, {
    filename,
    cachedData: cached?.data,
    importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER
  })
  const generation = cached === undefined || script.cachedDataRejected ? 0 : cached.generation + 1
  if (generation < _generations) _pending.push({ file, stamp, generation, script })
  return script.runInThisContext()
}

/** `require(id)` from `from`, compiling every CommonJS module it loads with a code cache under `dir`. */
export const requireCached = (dir, from, id) => {
  const original = Module.prototype._compile
  Module.prototype._compile = function(content, filename) {
    const { size, mtimeMs } = statSync(filename)
    const fn = compile(dir, Module.wrap(content), filename, `${size}\0${mtimeMs}`)
    return fn.call(this.exports, this.exports, createRequire(filename), this, filename, path.dirname(filename))
  }
  try {
    return createRequire(from)(id)
  } finally {
    Module.prototype._compile = original
  }
}
