// SVG charts drawn here rather than pulled from a CDN: a line chart of one or more series over a
// shared x axis, and stacked bars for shares (the lane mix). Each chart carries a text summary for
// screen readers and a data table behind a disclosure.
import { h } from './dom.js';

const NS = 'http://www.w3.org/2000/svg';
const COLOURS = ['#1f5fbf', '#b5420f', '#2e7d32', '#6a1b9a', '#00838f', '#8d6e00'];

function svg(tag, attrs = {}, ...children) {
  const element = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) element.setAttribute(k, String(v));
  for (const child of children) {
    if (child) element.append(typeof child === 'string' ? document.createTextNode(child) : child);
  }
  return element;
}

function ticks(min, max, count) {
  if (min === max) return [min];
  const step = (max - min) / (count - 1);
  return Array.from({ length: count }, (_, i) => min + i * step);
}

function label(value) {
  const magnitude = Math.abs(value);
  if (magnitude !== 0 && (magnitude < 0.01 || magnitude >= 10000)) return value.toExponential(1);
  return Number(value.toFixed(magnitude < 1 ? 3 : 1)).toString();
}

/**
 * series: [{name, points: [[x, y], ...]}]; x numbers (a step) or Dates. Returns a figure with the
 * SVG, a legend and the data table.
 */
export function lineChart(title, series, { xLabel = 'step', width = 520, height = 220 } = {}) {
  const all = series.flatMap(s => s.points).filter(([, y]) => y !== null && y !== undefined && Number.isFinite(y));
  const figure = h('figure.chart', { 'data-chart': title });
  const caption = h('figcaption', title);
  if (all.length === 0) {
    figure.append(caption, h('p.empty', 'No data yet.'));
    return figure;
  }
  const xs = all.map(([x]) => +x);
  const ys = all.map(([, y]) => y);
  let [xMin, xMax, yMin, yMax] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  if (xMin === xMax) { xMin -= 1; xMax += 1; }
  if (yMin === yMax) { yMin -= 0.5; yMax += 0.5; }
  const pad = { left: 56, right: 12, top: 10, bottom: 34 };
  const x = v => pad.left + ((+v - xMin) / (xMax - xMin)) * (width - pad.left - pad.right);
  const y = v => height - pad.bottom - ((v - yMin) / (yMax - yMin)) * (height - pad.top - pad.bottom);
  const isTime = all[0][0] instanceof Date;
  const xText = v => isTime ? new Date(v).toISOString().slice(5, 16).replace('T', ' ') : label(v);
  const chart = svg('svg', { viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-labelledby': '' });
  const summary = `${title}: ${series.map(s => {
    const last = s.points.filter(([, v]) => Number.isFinite(v)).at(-1);
    return `${s.name} ${s.points.length} points${last ? `, last ${label(last[1])}` : ''}`;
  }).join('; ')}`;
  chart.setAttribute('aria-label', summary);
  chart.removeAttribute('aria-labelledby');
  for (const t of ticks(yMin, yMax, 5)) {
    chart.append(svg('line', { x1: pad.left, x2: width - pad.right, y1: y(t), y2: y(t), class: 'grid' }),
      svg('text', { x: pad.left - 6, y: y(t) + 4, 'text-anchor': 'end', class: 'tick' }, label(t)));
  }
  const integral = !isTime && xs.every(Number.isInteger);
  const xTicks = integral ? [...new Set(ticks(xMin, xMax, Math.min(5, xMax - xMin + 1)).map(Math.round))] : ticks(xMin, xMax, 5);
  for (const t of xTicks) {
    chart.append(svg('text', { x: x(t), y: height - pad.bottom + 16, 'text-anchor': 'middle', class: 'tick' }, xText(t)));
  }
  chart.append(svg('text', { x: width / 2, y: height - 4, 'text-anchor': 'middle', class: 'axis' }, xLabel));
  series.forEach((s, i) => {
    const points = s.points.filter(([, v]) => Number.isFinite(v));
    if (points.length === 0) return;
    const d = points.map(([px, py], j) => `${j ? 'L' : 'M'}${x(px).toFixed(1)},${y(py).toFixed(1)}`).join('');
    chart.append(svg('path', { d, class: 'series', stroke: COLOURS[i % COLOURS.length], 'data-series': s.name }));
    if (points.length < 60) {
      for (const [px, py] of points) {
        chart.append(svg('circle', { cx: x(px), cy: y(py), r: 2.5, fill: COLOURS[i % COLOURS.length] }));
      }
    }
  });
  const legend = h('ul.legend', series.map((s, i) => h('li', h('span.swatch', { style: `background:${COLOURS[i % COLOURS.length]}` }), s.name)));
  const rows = [...new Set(all.map(([px]) => +px))].sort((a, b) => a - b).map(px => h('tr', h('th', { scope: 'row' }, xText(px)),
    series.map(s => {
      const point = s.points.find(([qx]) => +qx === px);
      return h('td', point && Number.isFinite(point[1]) ? label(point[1]) : '');
    })));
  const data = h('details.chart-data', h('summary', 'Data'), h('table', h('thead', h('tr', h('th', { scope: 'col' }, xLabel),
    series.map(s => h('th', { scope: 'col' }, s.name)))), h('tbody', rows)));
  figure.append(caption, chart, legend, data);
  return figure;
}

/** buckets: [{label, parts: {name: count}}]: one bar per bucket, split into its parts' shares. */
export function stackedBars(title, buckets, { width = 520, height = 200 } = {}) {
  const figure = h('figure.chart', { 'data-chart': title });
  const caption = h('figcaption', title);
  if (buckets.length === 0) {
    figure.append(caption, h('p.empty', 'No data yet.'));
    return figure;
  }
  const names = [...new Set(buckets.flatMap(b => Object.keys(b.parts)))].sort();
  const pad = { left: 40, right: 8, top: 8, bottom: 30 };
  const band = (width - pad.left - pad.right) / buckets.length;
  const inner = height - pad.top - pad.bottom;
  const chart = svg('svg', { viewBox: `0 0 ${width} ${height}`, role: 'img' });
  chart.setAttribute('aria-label', `${title}: ${buckets.length} periods, lanes ${names.join(', ')}`);
  for (const t of [0, 0.5, 1]) {
    const ty = pad.top + inner * (1 - t);
    chart.append(svg('line', { x1: pad.left, x2: width - pad.right, y1: ty, y2: ty, class: 'grid' }),
      svg('text', { x: pad.left - 4, y: ty + 4, 'text-anchor': 'end', class: 'tick' }, `${t * 100}%`));
  }
  buckets.forEach((b, i) => {
    const total = Object.values(b.parts).reduce((a, c) => a + c, 0) || 1;
    let top = pad.top + inner;
    names.forEach((name, j) => {
      const share = (b.parts[name] || 0) / total;
      const barHeight = share * inner;
      top -= barHeight;
      if (barHeight > 0) {
        chart.append(svg('rect', { x: pad.left + i * band + band * 0.1, y: top, width: band * 0.8, height: barHeight,
          fill: COLOURS[j % COLOURS.length], 'data-part': name }, svg('title', {}, `${b.label}: ${name} ${Math.round(share * 100)}%`)));
      }
    });
    if (buckets.length <= 12 || i % Math.ceil(buckets.length / 12) === 0) {
      chart.append(svg('text', { x: pad.left + (i + 0.5) * band, y: height - pad.bottom + 16, 'text-anchor': 'middle', class: 'tick' }, b.label));
    }
  });
  const legend = h('ul.legend', names.map((n, j) => h('li', h('span.swatch', { style: `background:${COLOURS[j % COLOURS.length]}` }), n)));
  const data = h('details.chart-data', h('summary', 'Data'), h('table', h('thead', h('tr', h('th', { scope: 'col' }, 'period'),
    names.map(n => h('th', { scope: 'col' }, n)))), h('tbody', buckets.map(b => h('tr', h('th', { scope: 'row' }, b.label),
    names.map(n => h('td', String(b.parts[n] || 0))))))));
  figure.append(caption, chart, legend, data);
  return figure;
}
