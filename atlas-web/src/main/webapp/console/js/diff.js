// A line diff (longest common subsequence) for a reviewer's edited answer against the agent's.
import { h } from './dom.js';

/** [{kind: 'same'|'removed'|'added', text}] turning `before` into `after`, line by line. */
export function diffLines(before, after) {
  const a = (before || '').split('\n');
  const b = (after || '').split('\n');
  const lcs = Array.from({ length: a.length + 1 }, () => new Uint32Array(b.length + 1));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      lcs[i][j] = a[i] === b[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
    }
  }
  const out = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) { out.push({ kind: 'same', text: a[i] }); i++; j++; }
    else if (lcs[i + 1][j] >= lcs[i][j + 1]) out.push({ kind: 'removed', text: a[i++] });
    else out.push({ kind: 'added', text: b[j++] });
  }
  while (i < a.length) out.push({ kind: 'removed', text: a[i++] });
  while (j < b.length) out.push({ kind: 'added', text: b[j++] });
  return out;
}

/** The diff as a block: removed lines marked '−', added '+', each with a text label for screen readers. */
export function diffView(before, after) {
  return h('pre.diff', { 'aria-label': 'Changes from the agent\'s answer to the edited answer' },
    diffLines(before, after).map(line => h(`span.diff-${line.kind}`,
      h('span.visually-hidden', line.kind === 'same' ? '' : line.kind === 'added' ? 'added: ' : 'removed: '),
      (line.kind === 'added' ? '+ ' : line.kind === 'removed' ? '− ' : '  ') + line.text + '\n')));
}
