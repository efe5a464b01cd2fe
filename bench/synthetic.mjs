// Bench rows (issue 8, owner: FUZZ): materializing one seeded 224×224×3 input from its description, uint8 and
// float32 (targets ≤ 0.5 ms and ≤ 1 ms), the unit of work of every fuzz case.
//
// The criterion is the path a fuzz case takes: `syntheticInputsInto` writing into a buffer leased from the
// property's pool, which hands the case before's buffer back (src/inputs/scratch-buffers.ts). It is judged on the
// median of 200 calls, with the 10th and 90th percentiles beside it.
//
// `syntheticInputs` into a fresh array (what a one-off call does) is a context row. Most of its time is the
// kernel giving the process new memory: on the 2-core CI virtual machine each first touch of a 4 KiB page costs
// 8–14 µs (measured with process.resourceUsage(): ~30 minor faults and 0.43 ms per fresh 147 KiB array, 0.01 ms
// when the allocator happens to reuse freed pages). The row prints the faults per call so that cost is visible,
// not hidden in a percentile.
import { pathToFileURL } from 'node:url'

const root = new URL('..', import.meta.url)
const dist = (p) => import(new URL(`dist/${p}`, root).href)

const CALLS = 200
const KINDS = ['uniform', 'constant', 'gradient', 'checker', 'saturated', 'quant-edges']

const quantile = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))]

/** Times `CALLS` calls of `fn(i)` after a warm-up; returns quantiles in ms and minor page faults per call. */
function timeCalls(fn) {
  for (let i = 0; i < 50; i++) fn(i)
  const times = []
  const before = process.resourceUsage().minorPageFault
  for (let i = 0; i < CALLS; i++) {
    const t0 = performance.now()
    fn(1000 + i)
    times.push(performance.now() - t0)
  }
  const faults = (process.resourceUsage().minorPageFault - before) / CALLS
  const sorted = times.sort((a, b) => a - b)
  return { p10: quantile(sorted, 0.1), median: quantile(sorted, 0.5), p90: quantile(sorted, 0.9), faults }
}

const ms = (x) => `${x.toFixed(3)} ms`

/** Measure; returns the rows of the bench table. */
export async function run() {
  const { syntheticInputs } = await dist('src/index.js')
  const { syntheticInputsInto } = await dist('src/inputs/synthetic.js')
  const { ScratchBuffers } = await dist('src/inputs/scratch-buffers.js')
  const rows = []
  for (const [dtype, limit] of [
    ['uint8', 0.5],
    ['float32', 1],
  ]) {
    const infos = [{ name: 'input', shape: [1, 224, 224, 3], dtype, layout: 'NHWC' }]
    // As a passing case does: lease, write, hand the buffer back for the next case.
    const pool = new ScratchBuffers()
    const leased = (kind) => (i) => {
      const lease = pool.lease()
      syntheticInputsInto(infos, { seed: i, kind }, lease)
      lease.release()
    }
    const uniform = timeCalls(leased('uniform'))
    const others = KINDS.slice(1).map((kind) => `${kind} ${timeCalls(leased(kind)).median.toFixed(3)}`)
    rows.push({
      name: `${dtype} 224×224×3 (uniform) into a case's reused buffer (the fuzz path), median`,
      value: ms(uniform.median),
      detail: `of ${CALLS} calls; 10th percentile ${ms(uniform.p10)}, 90th ${ms(uniform.p90)}; other kinds' medians (ms): ${others.join(', ')}`,
      target: `≤ ${limit} ms`,
      pass: uniform.median <= limit,
    })
    const fresh = timeCalls((i) => syntheticInputs(infos, { seed: i, kind: 'uniform' }))
    rows.push({
      name: `${dtype} 224×224×3 (uniform) into a fresh array (syntheticInputs), median`,
      value: ms(fresh.median),
      detail: `of ${CALLS} calls; 10th percentile ${ms(fresh.p10)}, 90th ${ms(fresh.p90)}; ${fresh.faults.toFixed(1)} page faults per call (the new memory); context, no target`,
    })
  }
  return rows
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  for (const r of await run()) console.log(r)
}
