/**
 * Decoding the protobuf body of a HEF safely: a bounded, iterative pre-scan of the wire format against our
 * schema subset, then protobufjs decodes only what the pre-scan accepted.
 *
 * Why a pre-scan: protobufjs decodes nested messages recursively and allocates one object per message. A
 * hostile body (messages nested thousands deep, or millions of empty messages) would then overflow the stack
 * or allocate far more than the file's size. The pre-scan walks the same bytes with an explicit stack and
 * refuses depth > {@link MAX_DEPTH}, more than {@link MAX_MESSAGES} declared messages, wire types that
 * contradict the schema, and lengths that run past their parent, in time linear in the body's size.
 * @packageDocumentation
 */
import protobuf from 'protobufjs'
import { HefFormatError } from '../errors.js'
import type { PHef } from './proto-types.js'
import { hefType } from './schema.js'
import { errorMessage } from '../error-message.js'

/** Deepest message nesting accepted. Real HEFs nest about 8 deep in the declared subset. */
export const MAX_DEPTH = 48
/** Most declared messages accepted in one body (real HEFs: hundreds to a few tens of thousands). */
export const MAX_MESSAGES = 200_000

const WIRE_VARINT = 0
const WIRE_FIXED64 = 1
const WIRE_LENGTH = 2
const WIRE_FIXED32 = 5

function expectedWireType(field: protobuf.Field): number {
  if (field.resolvedType instanceof protobuf.Type) return WIRE_LENGTH
  switch (field.type) {
    case 'string':
    case 'bytes':
      return WIRE_LENGTH
    case 'double':
      return WIRE_FIXED64
    case 'float':
      return WIRE_FIXED32
    default:
      return WIRE_VARINT
  }
}

interface Frame {
  readonly type: protobuf.Type
  readonly end: number
}

class WireProblem extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message)
  }
}

/** Walk the wire format of `body` against `root` without recursion; throws WireProblem. */
function prescan(body: Uint8Array, root: protobuf.Type): void {
  const reader = protobuf.Reader.create(body)
  const stack: Frame[] = [{ type: root, end: body.length }]
  let messages = 0
  while (stack.length > 0) {
    const top = stack[stack.length - 1]!
    if (reader.pos === top.end) {
      stack.pop()
      continue
    }
    const at = reader.pos
    const tag = reader.uint32()
    const id = tag >>> 3
    const wire = tag & 7
    if (id === 0) throw new WireProblem('a field number 0', at)
    const field = top.type.fieldsById[id]
    if (field !== undefined) {
      const expected = expectedWireType(field)
      const packed = field.repeated && expected !== WIRE_LENGTH && wire === WIRE_LENGTH
      if (wire !== expected && !packed) {
        throw new WireProblem(`field ${id} of ${top.type.name} with wire type ${wire} (expected ${expected})`, at)
      }
    }
    switch (wire) {
      case WIRE_VARINT:
        reader.skipType(WIRE_VARINT)
        break
      case WIRE_FIXED64:
        reader.skip(8)
        break
      case WIRE_FIXED32:
        reader.skip(4)
        break
      case WIRE_LENGTH: {
        const length = reader.uint32()
        const start = reader.pos
        if (start + length > top.end) {
          throw new WireProblem(
            `a ${length}-byte field ${id} that runs past the end of its ${top.type.name} message`,
            at,
          )
        }
        const sub = field?.resolvedType
        if (sub instanceof protobuf.Type) {
          messages += 1
          if (messages > MAX_MESSAGES) throw new WireProblem(`more than ${MAX_MESSAGES} messages`, at)
          if (stack.length >= MAX_DEPTH) throw new WireProblem(`messages nested more than ${MAX_DEPTH} deep`, at)
          stack.push({ type: sub, end: start + length })
        } else {
          reader.skip(length)
        }
        break
      }
      default:
        // Groups (3, 4) are not proto3; 6 and 7 do not exist.
        throw new WireProblem(`wire type ${wire} (field ${id})`, at)
    }
    if (reader.pos > top.end) throw new WireProblem(`field ${id} runs past the end of its ${top.type.name} message`, at)
  }
}

/**
 * Decode the protobuf body of a HEF (`body` is exactly the bytes the header's proto size covers).
 *
 * @param offset - where the body starts in the file, for error offsets.
 * @throws {@link HefFormatError} with problem `corrupt-metadata`.
 * @example
 * ```ts
 * const message = decodeHefBody(bytes.subarray(28, 28 + header.protoSize), 'model.hef', 28)
 * message.header?.sdkVersion // '3.29.0'
 * ```
 */
export function decodeHefBody(body: Uint8Array, path: string, offset: number): PHef {
  const type = hefType('Hef')
  try {
    prescan(body, type)
    return type.decode(body) as unknown as PHef
  } catch (error) {
    const at = error instanceof WireProblem ? offset + error.offset : undefined
    const what = errorMessage(error)
    throw new HefFormatError(
      path,
      'corrupt-metadata',
      `${path}: the HEF's protobuf metadata (${body.length} bytes at offset ${offset}) is corrupt: ${what}${at === undefined ? '' : ` at offset ${at}`}. The header's checksum matched, so the file was written this way: compile it again with the Dataflow Compiler.`,
      { offset: at, cause: error },
    )
  }
}
