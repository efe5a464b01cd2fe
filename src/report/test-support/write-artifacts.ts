// Child process for the artifact race and kill tests: writes one test's artifacts as writer <id>,
// every tensor filled with <id>. Prints "ready", waits for <go file> to exist ("-": no wait) so
// several writers start together, writes <repeats> times, prints "done".
// Usage: write-artifacts.ts <root> <id> <elements per tensor> <tensors> <repeats> <go file | ->
import { existsSync } from 'node:fs'
import { setTimeout as sleep } from 'node:timers/promises'
import { writeArtifacts } from '../artifacts.js'
import type { Tensor } from '../../tensor/types.js'

const [root, id, elements, count, repeats, go] = process.argv.slice(2) as [
  string,
  string,
  string,
  string,
  string,
  string,
]
const tensors: Record<string, Tensor> = {}
for (let k = 0; k < Number(count); k++) {
  tensors[`output.group${k}.y`] = {
    data: new Float32Array(Number(elements)).fill(Number(id)),
    shape: [Number(elements)],
    dtype: 'float32',
  }
}
process.stdout.write('ready\n')
while (go !== '-' && !existsSync(go)) await sleep(2)
for (let r = 0; r < Number(repeats); r++) {
  await writeArtifacts({
    root,
    testFile: 'test/race.test.ts',
    testName: 'flaky',
    tensors,
    summary: { writer: Number(id) },
  })
}
process.stdout.write('done\n')
