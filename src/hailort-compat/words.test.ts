import { readFileSync } from 'node:fs'
import { describe, expect, test } from 'vitest'
import { ARCFACE } from '../hef/test-support/make-hef.js'
import { parseHef } from '../hef/read.js'
import { checkCompatibility, type CompatReason } from './verdict.js'
import { describeReason, verdictSentence } from './words.js'

describe('describeReason', () => {
  test('every code has words built from its facts', () => {
    const reasons: CompatReason[] = [
      { code: 'runtime-line', hailort: '5.1.0' },
      { code: 'header-version', headerVersion: 3, runtime: '4.20', readable: [0, 1, 2] },
      { code: 'unknown-extension', extensions: ['EXTERNAL_RESOURCES', '#40'], runtime: '4.18' },
      { code: 'periph-calculation-missing', runtime: '4.23' },
      { code: 'host-argmax', runtime: '4.19' },
      { code: 'aligned-ccws', headerVersion: 2 },
      { code: 'architecture', device: 'HAILO15H' },
      {
        code: 'architecture',
        device: 'HAILO8L',
        hefArchitecture: 'HAILO8',
        hefTarget: 'HAILO8P',
        accepted: ['HAILO8L'],
      },
      { code: 'unknown-compiler', sdkVersion: '3.40.0', source: 'the changelog' },
      { code: 'hef-newer-than-runtime', sdkVersion: '3.31.0', paired: '4.21.0', hailort: '4.19.0' },
      {
        code: 'unvalidated-pairing',
        sdkVersion: '3.29.0',
        paired: '4.19.0',
        hailort: '4.21.0',
        source: 'the changelog',
      },
      { code: 'prediction-disagrees', hailort: '4.23.0', predicted: ['periph-calculation-missing'] },
    ]
    const words = reasons.map(describeReason)
    expect(words).toEqual([
      'HailoRT 5.1.0 is for Hailo-10/15; Hailo-8 and Hailo-8L HEFs need HailoRT 4.x (4.23 is the last).',
      'the file has HEF header version 3; HailoRT 4.20 reads versions 0, 1, 2.',
      'the HEF requires extensions EXTERNAL_RESOURCES, #40 that HailoRT 4.18 does not know (it is newer than this runtime).',
      expect.stringMatching(
        /^the HEF has the periph_calculation_in_hailort feature disabled: HailoRT 4\.23 treats it as outdated/,
      ),
      'the HEF uses the legacy argmax on the host, which HailoRT 4.19 no longer implements; recompile it.',
      'the HEF asks for aligned code (SHARED_CONFIG) in a version 2 file; HailoRT only supports that in version 3.',
      'the device is a HAILO15H; HailoRT 4.x runs Hailo-8 and Hailo-8L HEFs only on Hailo-8 and Hailo-8L devices.',
      'the HEF was compiled for HAILO8 (HAILO8P) but the device is a HAILO8L; a HAILO8L runs HEFs compiled for HAILO8L. Compile for the device you test on (a Hailo-8L HEF also runs on a Hailo-8).',
      'no validated HailoRT is recorded for Dataflow Compiler 3.40.0 (source: the changelog).',
      expect.stringMatching(
        /^the HEF was compiled with Dataflow Compiler 3\.31\.0, validated with HailoRT 4\.21\.0, but runs on the older HailoRT 4\.19\.0\. Install HailoRT 4\.21\.0/,
      ),
      expect.stringMatching(
        /^Dataflow Compiler 3\.29\.0 was validated with HailoRT 4\.19\.0, not 4\.21\.0 \(source: the changelog\)/,
      ),
      expect.stringMatching(
        /^our compatibility table predicted refusal by HailoRT 4\.23\.0 \(periph-calculation-missing\), but it loaded: please report it/,
      ),
    ])
  })

  test('a verdict is data: its reasons carry codes and facts, no sentences', () => {
    const verdict = checkCompatibility(parseHef(readFileSync(ARCFACE)), { hailort: '4.21.0', device: 'HAILO8L' })
    for (const r of verdict.reasons) expect(r).not.toHaveProperty('message')
    expect(verdict.reasons.map((r) => r.code)).toEqual(['architecture', 'unvalidated-pairing'])
    expect(verdictSentence(verdict)).toMatch(/^HailoRT 4\.21\.0 will refuse this HEF: the HEF was compiled for HAILO8 /)
  })
})
