/**
 * Small SVG charts drawn on the server as strings, so that a report is one self-contained file
 * that works offline (no scripts, no fonts to fetch).
 */
export interface Series {
  readonly name: string;
  readonly x: readonly number[];
  readonly y: readonly number[];
}

export interface LineChartOptions {
  readonly title: string;
  readonly xLabel: string;
  readonly yLabel: string;
  readonly series: readonly Series[];
  /** Draw the y = x diagonal (ROC chance line). */
  readonly diagonal?: boolean;
  readonly width?: number;
  readonly height?: number;
}

const PALETTE = [
  '#2563eb',
  '#dc2626',
  '#16a34a',
  '#9333ea',
  '#ea580c',
  '#0891b2',
  '#ca8a04',
  '#db2777',
];

export function escapeXml(s: string): string {
  return s.replace(/[&<>"']/g, (c) =>
    c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '"' ? '&quot;' : '&#39;',
  );
}

function fmt(v: number): string {
  return Number.isInteger(v) ? String(v) : v.toFixed(2);
}

/** A line chart on the unit square (both axes 0–1), as used for ROC and PR curves. */
export function unitLineChart(o: LineChartOptions): string {
  const w = o.width ?? 420;
  const h = o.height ?? 360;
  const m = { l: 52, r: 16, t: 32, b: 44 };
  const pw = w - m.l - m.r;
  const ph = h - m.t - m.b;
  const px = (x: number): number => m.l + Math.min(1, Math.max(0, x)) * pw;
  const py = (y: number): number => m.t + (1 - Math.min(1, Math.max(0, y))) * ph;
  const parts: string[] = [];
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${w} ${h}" width="${w}" height="${h}" role="img" aria-label="${escapeXml(o.title)}">`,
  );
  parts.push(`<title>${escapeXml(o.title)}</title>`);
  parts.push(
    `<text x="${w / 2}" y="20" text-anchor="middle" class="chart-title">${escapeXml(o.title)}</text>`,
  );
  for (let i = 0; i <= 5; i++) {
    const t = i / 5;
    parts.push(`<line x1="${px(t)}" y1="${m.t}" x2="${px(t)}" y2="${m.t + ph}" class="grid"/>`);
    parts.push(`<line x1="${m.l}" y1="${py(t)}" x2="${m.l + pw}" y2="${py(t)}" class="grid"/>`);
    parts.push(
      `<text x="${px(t)}" y="${m.t + ph + 16}" text-anchor="middle" class="tick">${fmt(t)}</text>`,
    );
    parts.push(
      `<text x="${m.l - 6}" y="${py(t) + 4}" text-anchor="end" class="tick">${fmt(t)}</text>`,
    );
  }
  parts.push(`<rect x="${m.l}" y="${m.t}" width="${pw}" height="${ph}" class="frame"/>`);
  if (o.diagonal) {
    parts.push(`<line x1="${px(0)}" y1="${py(0)}" x2="${px(1)}" y2="${py(1)}" class="diagonal"/>`);
  }
  o.series.forEach((s, i) => {
    const pts = s.x.map((x, j) => `${px(x).toFixed(1)},${py(s.y[j] ?? 0).toFixed(1)}`).join(' ');
    const color = PALETTE[i % PALETTE.length]!;
    parts.push(`<polyline points="${pts}" fill="none" stroke="${color}" stroke-width="2"/>`);
    parts.push(
      `<rect x="${m.l + 8}" y="${m.t + 8 + i * 16}" width="10" height="10" fill="${color}"/>` +
        `<text x="${m.l + 22}" y="${m.t + 17 + i * 16}" class="legend">${escapeXml(s.name)}</text>`,
    );
  });
  parts.push(
    `<text x="${m.l + pw / 2}" y="${h - 8}" text-anchor="middle" class="axis">${escapeXml(o.xLabel)}</text>`,
  );
  parts.push(
    `<text transform="translate(14 ${m.t + ph / 2}) rotate(-90)" text-anchor="middle" class="axis">${escapeXml(o.yLabel)}</text>`,
  );
  parts.push('</svg>');
  return parts.join('');
}

export interface HeatmapOptions {
  readonly title: string;
  readonly rowLabels: readonly string[];
  readonly colLabels: readonly string[];
  /** Counts shown in the cells. */
  readonly values: readonly (readonly number[])[];
  readonly rowAxis: string;
  readonly colAxis: string;
}

/** A confusion-matrix style heat map: colour by the row-normalised value, counts in the cells. */
export function heatmap(o: HeatmapOptions): string {
  const n = o.rowLabels.length;
  const k = o.colLabels.length;
  const cell = Math.max(28, Math.min(64, Math.floor(480 / Math.max(n, k))));
  const labelW = 12 + 7 * Math.max(4, ...o.rowLabels.map((s) => s.length));
  const labelH = 12 + 7 * Math.max(4, ...o.colLabels.map((s) => s.length));
  const w = Math.max(labelW + k * cell + 24, Math.ceil(o.title.length * 7.5) + 24);
  const h = 28 + labelH + n * cell + 24;
  const top = 28 + labelH;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${w} ${h}" width="${w}" height="${h}" role="img" aria-label="${escapeXml(o.title)}">`,
    `<title>${escapeXml(o.title)}</title>`,
    `<text x="${w / 2}" y="18" text-anchor="middle" class="chart-title">${escapeXml(o.title)}</text>`,
  ];
  o.colLabels.forEach((c, j) => {
    const x = labelW + j * cell + cell / 2;
    parts.push(
      `<text transform="translate(${x} ${top - 6}) rotate(-60)" class="tick">${escapeXml(c)}</text>`,
    );
  });
  o.values.forEach((row, i) => {
    const total = row.reduce((a, b) => a + b, 0);
    const y = top + i * cell;
    parts.push(
      `<text x="${labelW - 6}" y="${y + cell / 2 + 4}" text-anchor="end" class="tick">${escapeXml(o.rowLabels[i] ?? '')}</text>`,
    );
    row.forEach((v, j) => {
      const frac = total > 0 ? v / total : 0;
      const light = Math.round(97 - frac * 62);
      const fill = `hsl(217 80% ${light}%)`;
      const text = frac > 0.55 ? '#fff' : '#111';
      const x = labelW + j * cell;
      parts.push(
        `<rect x="${x}" y="${y}" width="${cell}" height="${cell}" fill="${fill}" class="cell"><title>${escapeXml(
          `${o.rowLabels[i] ?? ''} → ${o.colLabels[j] ?? ''}: ${v} (${(frac * 100).toFixed(1)}% of row)`,
        )}</title></rect>`,
        `<text x="${x + cell / 2}" y="${y + cell / 2 + 4}" text-anchor="middle" fill="${text}" class="cell-text">${v}</text>`,
      );
    });
  });
  parts.push(
    `<text x="${labelW + (k * cell) / 2}" y="${h - 6}" text-anchor="middle" class="axis">${escapeXml(o.colAxis)}</text>`,
    `<text x="${labelW - 6}" y="${top + n * cell + 16}" text-anchor="end" class="axis">↑ ${escapeXml(o.rowAxis)}</text>`,
  );
  parts.push('</svg>');
  return parts.join('');
}
