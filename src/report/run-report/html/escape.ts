/**
 * Escaping for the report page. Every name that comes from a model, a file or a test goes through
 * these, so `<script>` or `</svg>` in a test name renders as text and never as markup.
 * @packageDocumentation
 */

const ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
}

/**
 * Text for HTML or SVG content and attribute values (both quoted styles).
 * @example
 * ```ts
 * escapeHtml('</svg><script>') // '&lt;/svg&gt;&lt;script&gt;'
 * ```
 */
export function escapeHtml(text: unknown): string {
  return String(text).replace(/[&<>"']/g, (c) => ENTITIES[c]!)
}

/**
 * A number for SVG coordinates: at most 2 decimals, no exponent (keeps the page small and valid).
 * @example
 * ```ts
 * svgNumber(1 / 3) // '0.33'
 * ```
 */
export function svgNumber(value: number): string {
  return String(Math.round(value * 100) / 100)
}
