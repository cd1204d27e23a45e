/**
 * The frame of every HTML page and report: inline CSS only, light and dark colour schemes, no
 * external requests, so a saved report opens anywhere.
 */
import { escapeXml } from './svg-charts.js';

const CSS = `
:root { color-scheme: light dark; --fg: #111827; --bg: #ffffff; --muted: #6b7280; --line: #e5e7eb; --card: #f9fafb; }
@media (prefers-color-scheme: dark) { :root { --fg: #e5e7eb; --bg: #0b1120; --muted: #9ca3af; --line: #1f2937; --card: #111827; } }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--fg); background: var(--bg); }
header { padding: 16px 24px; border-bottom: 1px solid var(--line); }
header h1 { margin: 0; font-size: 20px; }
header p { margin: 4px 0 0; color: var(--muted); }
main { padding: 16px 24px; display: grid; gap: 16px; }
section { background: var(--card); border: 1px solid var(--line); border-radius: 8px; padding: 12px 16px; overflow-x: auto; }
section h2 { margin: 0 0 8px; font-size: 16px; }
.charts { display: flex; flex-wrap: wrap; gap: 16px; }
table { border-collapse: collapse; }
th, td { padding: 4px 10px; border-bottom: 1px solid var(--line); text-align: right; }
th:first-child, td:first-child { text-align: left; }
th { font-weight: 600; }
.metrics td { font-variant-numeric: tabular-nums; }
svg text { fill: var(--fg); }
svg .chart-title { font-weight: 600; font-size: 13px; }
svg .tick, svg .legend { font-size: 11px; }
svg .axis { font-size: 12px; fill: var(--muted); }
svg .grid { stroke: var(--line); }
svg .frame { fill: none; stroke: var(--muted); }
svg .diagonal { stroke: var(--muted); stroke-dasharray: 4 4; }
svg .cell { stroke: var(--bg); }
svg .cell-text { font-size: 11px; }
.muted { color: var(--muted); }
code { font-family: ui-monospace, monospace; }
`;

export interface PageOptions {
  readonly title: string;
  readonly subtitle?: string;
  /** Trusted HTML sections (already escaped by their builders). */
  readonly sections: readonly string[];
}

export function htmlPage(o: PageOptions): string {
  return [
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeXml(o.title)}</title>`,
    `<style>${CSS}</style></head><body>`,
    `<header><h1>${escapeXml(o.title)}</h1>${o.subtitle ? `<p>${escapeXml(o.subtitle)}</p>` : ''}</header>`,
    `<main>${o.sections.join('\n')}</main>`,
    '</body></html>',
  ].join('\n');
}

export function section(title: string, body: string): string {
  return `<section><h2>${escapeXml(title)}</h2>${body}</section>`;
}

/** A table from header cells and rows of already-formatted cell strings (escaped here). */
export function table(
  head: readonly string[],
  rows: readonly (readonly string[])[],
  cls = '',
): string {
  const th = head.map((h) => `<th>${escapeXml(h)}</th>`).join('');
  const tr = rows
    .map((r) => `<tr>${r.map((c) => `<td>${escapeXml(c)}</td>`).join('')}</tr>`)
    .join('');
  return `<table${cls ? ` class="${cls}"` : ''}><thead><tr>${th}</tr></thead><tbody>${tr}</tbody></table>`;
}
