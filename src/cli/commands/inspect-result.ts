/**
 * The data `inspect` computes and `inspect --json` prints; `inspect-format.ts` turns it into text.
 * Its own module so the command and its formatter both depend on it and not on each other.
 * @packageDocumentation
 */
import type { CompatVerdict } from '../../hailort-compat/verdict.js'
import type { ModelDescription } from '../../describe.js'

/** What `inspect --json` prints. */
export interface InspectResult {
  readonly model: Omit<ModelDescription, 'hef'> & { readonly hef?: Omit<NonNullable<ModelDescription['hef']>, 'info'> }
  /** Present for a HEF: the HEF as its reader saw it, in HailoRT's vocabulary. */
  readonly hef?: NonNullable<ModelDescription['hef']>['info']
  /** For a HEF: the verdict against `--hailort`, or against every known 4.x release. */
  readonly compatibility?: readonly CompatVerdict[]
}
