/**
 * A diagnosis in words: each cause as a headline, the evidence in numbers, and the fix to try. The
 * probes return codes and facts; this is the one place that says them (the CLI and matchers print these).
 * @packageDocumentation
 */
import type { Cause, Diagnosis, ProbeOutcome } from './types.js'

/** One cause, said. */
export interface CauseWords {
  readonly headline: string
  readonly evidence: string
  readonly fix: string
}

const list = (v: unknown): string => (Array.isArray(v) ? v.join(', ') : String(v))

/**
 * Say one cause.
 * @example
 * ```ts
 * describeCause({ code: 'normalization-missing', probe: 'normalization', confidence: 'strong', facts: { bestSnrDb: 12,
 * onceSnrDb: -2 } }).fix
 * // 'Apply the normalization once: …'
 * ```
 */
export function describeCause(cause: Cause): CauseWords {
  const f = cause.facts
  switch (cause.code) {
    case 'output-follows-previous-input':
      return {
        headline: 'Each output belongs to the previous input (a stale output buffer).',
        evidence: `At ${f.stale} of ${f.changes} changes of image (calls ${list(f.calls)}) the output was the previous image's, byte for byte.`,
        fix: 'Read each output before writing the next frame, and check the read/write pairing after a timeout (HailoRT clears the output pipeline on HAILO_TIMEOUT).',
      }
    case 'first-run-differs':
      return {
        headline: 'The first inference after loading differs from every later one.',
        evidence: `Call ${f.call} gave other bytes than the same image on calls 1, 2 and 6, which all agreed.`,
        fix: "Warm the model up before trusting it (warmup: 1), and report the first-run output to the runtime's maintainers: it points at uninitialized buffers.",
      }
    case 'not-repeatable':
      return {
        headline: 'The same input does not give the same output.',
        evidence: `${f.differing} of ${f.pairs} repeated calls gave other bytes (calls ${list(f.calls)}); the other probes were not run, since they would measure noise.`,
        fix: 'Run toBeDeterministicAcross on it: it names the pattern (random, alternating, sporadic…) and the likely cause.',
      }
    case 'normalization-missing':
      return {
        headline: 'The input is not normalized: the network sees raw pixel values.',
        evidence: `The outputs match the reference fed raw pixels (SNR ${f.bestSnrDb} dB), not the reference fed normalized pixels (${f.onceSnrDb} dB).`,
        fix: `Apply normalization([${list(f.mean)}], [${list(f.std)}]) once: in the model script (.alls) before compiling, or on the host before writing the frame.`,
      }
    case 'normalization-twice':
      return {
        headline: 'The input is normalized twice.',
        evidence: `The outputs match the reference fed twice-normalized pixels (SNR ${f.bestSnrDb} dB), not once (${f.onceSnrDb} dB).`,
        fix: 'Normalize in one place only: drop the host-side normalization when the .alls has normalization(...), or the reverse.',
      }
    case 'format-path-broken':
      return {
        headline: "No encoding of the pixels gives the reference's answer: the input path itself is broken.",
        evidence: `Best agreement ${f.bestSnrDb} dB over float 0–255, 0–1 and host-normalized${f.castToIntegers ? '; float inputs are cast to integers on the way (pixels 0.25 apart gave identical outputs)' : ''}.`,
        fix: "Load with format 'raw' and feed uint8 pixels, and compare with toMatchOnnxWithin; check the input vstream's format type and quantization (vitest-hailo inspect).",
      }
    case 'input-encoding-not-understood':
      return {
        headline: `Your input is encoded as ${f.given}, which the model does not understand.`,
        evidence: `The model answers like the reference for: ${list(f.understood)}.`,
        fix: `Feed ${list(f.understood).split(', ')[0]} instead.`,
      }
    case 'float-input-cast-to-integers':
      return {
        headline: `Float input "${f.input}" is cast to integers before the network (identity quantization on the float32 path).`,
        evidence:
          'Pixels shifted by 0.25 gave byte-identical outputs; floats 0–1 would become 0 or 1 and normalized floats lose their sign.',
        fix: "Feed pixel values 0–255 (or load with format 'raw' and feed uint8); never 0–1 or host-normalized floats to this input.",
      }
    case 'outputs-not-dequantized':
      return {
        headline: `Output "${f.output}" holds raw quantized codes, not values.`,
        evidence: `Every value is an integer code, and dequantizing with its quantization (scale ${f.scale}, zero point ${f.zeroPoint}) brings it ${f.closerDb} dB closer to the reference.`,
        fix: 'Dequantize it, (q − zero point) × scale, or read it through a float32 output vstream.',
      }
    case 'outputs-dequantized-wrongly':
      return {
        headline: `Output "${f.output}" is dequantized with the wrong scale or zero point.`,
        evidence: `It equals reference × ${f.gain} + ${f.offset} (r² ${f.r2}) instead of the reference itself.`,
        fix: 'Take scale and zero point from hailo_get_output_vstream_quant_infos (a HEF with per-feature scaling reports all-zero quant_info in the vstream info).',
      }
  }
}

function probeLine(p: ProbeOutcome): string {
  if (p.status === 'not-applicable') return `  ${p.probe}: not run — ${p.reason}`
  const scores =
    p.normalization?.map((s) => `${s.times}× ${s.snrDb.toFixed(1)} dB`) ??
    p.encodings?.map((e) => `${e.encoding} ${e.snrDb.toFixed(1)} dB${e.understood ? ' ✓' : ''}`)
  return `  ${p.probe}: ${p.inferences} inferences${scores === undefined ? '' : ` — ${scores.join(', ')}`}`
}

/**
 * The whole diagnosis as text: ranked causes, then what each probe did, then the seed.
 * @example
 * ```ts
 * console.log(formatDiagnosis(await diagnose(hef, { reference: 'model.onnx', alls: 'model.alls' })))
 * ```
 */
export function formatDiagnosis(d: Diagnosis): string {
  const lines: string[] = []
  if (d.causes.length === 0) lines.push('No probe found an input mistake.')
  d.causes.forEach((c, i) => {
    const w = describeCause(c)
    lines.push(`${i + 1}. [${c.confidence}] ${w.headline}`, `   Evidence: ${w.evidence}`, `   Fix: ${w.fix}`)
  })
  lines.push('', 'Probes:', ...d.probes.map(probeLine))
  if (d.normalizationSource !== undefined) lines.push(`Normalization from ${d.normalizationSource}.`)
  lines.push(`Seed: ${d.seed} (probe images; rerun with seed: ${d.seed}).`)
  return lines.join('\n')
}
