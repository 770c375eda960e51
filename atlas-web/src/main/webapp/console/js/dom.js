// Small DOM helpers. Text always goes in through textContent, never as HTML, so nothing a session
// or a job carries can inject markup into the console.

/** h('tag.class#id', {attrs, on: {event: fn}}, ...children): an element. */
export function h(spec, props, ...children) {
  const [, tag, rest] = spec.match(/^([a-z0-9-]+)(.*)$/i);
  const element = document.createElement(tag);
  for (const part of rest.match(/[.#][^.#]+/g) || []) {
    if (part[0] === '.') element.classList.add(part.slice(1));
    else element.id = part.slice(1);
  }
  if (props && (typeof props !== 'object' || props instanceof Node || Array.isArray(props))) {
    children.unshift(props);
    props = null;
  }
  for (const [key, value] of Object.entries(props || {})) {
    if (key === 'on') {
      for (const [event, handler] of Object.entries(value)) element.addEventListener(event, handler);
    } else if (key === 'dataset') {
      Object.assign(element.dataset, value);
    } else if (value === true) {
      element.setAttribute(key, '');
    } else if (value !== false && value !== null && value !== undefined) {
      element.setAttribute(key, String(value));
    }
  }
  append(element, children);
  return element;
}

function append(element, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(element, child);
    else element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Replaces an element's content. */
export function show(element, ...children) {
  element.replaceChildren();
  append(element, children);
  return element;
}

export function formatTime(iso) {
  if (!iso) return '';
  const d = new Date(iso);
  return d.toISOString().replace('T', ' ').replace(/\.\d+Z$/, 'Z');
}

export function formatNumber(value, digits = 3) {
  if (value === null || value === undefined || Number.isNaN(value)) return '–';
  return Number(value).toFixed(digits);
}

export function duration(start, end) {
  if (!start) return '';
  const ms = (end ? new Date(end) : new Date()) - new Date(start);
  if (ms < 1000) return `${ms} ms`;
  if (ms < 120000) return `${(ms / 1000).toFixed(1)} s`;
  return `${Math.round(ms / 60000)} min`;
}

/** A status badge; the class colours it, the text says it (colour is never the only cue). */
export function badge(text) {
  const value = String(text || 'unknown').toLowerCase();
  return h(`span.badge.badge-${value.replace(/[^a-z_]/g, '')}`, value);
}

/** A definition list from [label, value] pairs, skipping empty values. */
export function facts(pairs) {
  return h('dl.facts', pairs.filter(([, v]) => v !== null && v !== undefined && v !== '')
    .flatMap(([k, v]) => [h('dt', k), h('dd', v)]));
}

/** A table with a caption, header cells and rows of cells (strings or nodes). */
export function table(caption, headers, rows, props = {}) {
  return h('table', props,
    caption ? h('caption', caption) : null,
    h('thead', h('tr', headers.map(text => h('th', { scope: 'col' }, text)))),
    h('tbody', rows.length ? rows : h('tr', h('td.empty', { colspan: headers.length }, 'Nothing to show'))));
}

/** A collapsible JSON value. */
export function json(value, label = 'JSON') {
  if (value === null || value === undefined) return null;
  return h('details.json', h('summary', label), h('pre', JSON.stringify(value, null, 2)));
}
