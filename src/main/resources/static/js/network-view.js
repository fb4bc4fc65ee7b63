// Draws the network in SVG: neurons with z and a, edges with weights, coloured and sized by sign and magnitude.

import { fmt, inputsOf, neuronName, weightName } from './model.js';

const SVG = 'http://www.w3.org/2000/svg';
const WIDTH = 760, MARGIN = 50;
export const POSITIVE = '#1f6fd1', NEGATIVE = '#e8710a';

function el(name, attrs, parent, text) {
  const node = document.createElementNS(SVG, name);
  for (const [key, value] of Object.entries(attrs)) node.setAttribute(key, value);
  if (text !== undefined) node.textContent = text;
  parent?.appendChild(node);
  return node;
}

function title(node, lines) {
  el('title', {}, node, lines.join('\n'));
}

/** Neuron centres per column (inputs first, then each layer), and the height they need. */
function positions(model) {
  const columns = [model.inputSize, ...model.layers.map(l => l.units)];
  const height = Math.min(460, 2 * MARGIN + 60 + 130 * (Math.max(...columns) - 1));
  const centres = columns.map((units, c) => {
    const gap = Math.min(130, (height - 2 * MARGIN - 60) / Math.max(units - 1, 1));
    const x = MARGIN + 40 + (c * (WIDTH - 2 * MARGIN - 120)) / (columns.length - 1);
    return Array.from({ length: units }, (_, k) => ({ x, y: height / 2 - 15 + (k - (units - 1) / 2) * gap, gap }));
  });
  return { centres, height };
}

/**
 * view: {model, batch, pass (an answer with activations, deltas, gradients), weightsBefore, weights (current),
 * example, edgeMode ('gradient' | 'weight'), selected ({layer, row, col}; col null for a bias)}.
 */
export function drawNetwork(svg, view, onSelect) {
  const { model, pass, weights, weightsBefore, example: n, selected } = view;
  svg.replaceChildren();
  const { centres, height } = positions(model);
  svg.setAttribute('viewBox', `0 0 ${WIDTH} ${height}`);
  const edgeCount = model.layers.reduce((sum, l, i) => sum + l.units * inputsOf(model, i), 0);
  const source = view.edgeMode === 'weight' ? weights : pass.gradients;
  const shown = (layerName, row, col) => (col === null ? source[layerName].b[row] : source[layerName].W[row][col]);
  const largest = Math.max(1e-300, ...model.layers.flatMap(l => source[l.name].W.flat().map(Math.abs)));
  const widest = Math.min(7, Math.max(2, 100 / edgeCount));
  const style = value => ({
    stroke: value >= 0 ? POSITIVE : NEGATIVE,
    'stroke-width': (0.75 + widest * Math.sqrt(Math.abs(value) / largest)).toFixed(2),
  });

  const edges = el('g', { class: 'edges' }, svg), labels = el('g', { class: 'labels' }, svg);
  model.layers.forEach((layer, l) => {
    const W = weights[layer.name].W;
    W.forEach((row, k) => row.forEach((w, j) => {
      const from = centres[l][j], to = centres[l + 1][k], name = weightName(model, l, k, j);
      const isSelected = selected && selected.layer === l && selected.row === k && selected.col === j;
      const group = el('g', { id: `edge-${name}`, class: isSelected ? 'edge selected' : 'edge' }, edges);
      const line = { x1: from.x, y1: from.y, x2: to.x, y2: to.y };
      if (isSelected) el('line', { ...line, class: 'halo' }, group);
      el('line', { ...line, ...style(shown(layer.name, k, j)) }, group);
      el('line', { ...line, class: 'hit' }, group);
      title(group, [
        `${name}: ${neuronName(model, l - 1, j)} → ${neuronName(model, l, k)}, ${layer.name}.W[${k}][${j}]`,
        `w = ${w}` + (weightsBefore !== weights ? ` (before the step: ${weightsBefore[layer.name].W[k][j]})` : ''),
        `∂E/∂${name} = ${pass.gradients[layer.name].W[k][j]}`,
      ]);
      group.addEventListener('click', () => onSelect({ layer: l, row: k, col: j }));
      if (edgeCount <= 8 || isSelected) {
        const t = edgeCount <= 8 ? 0.36 : 0.5, x = from.x + t * (to.x - from.x), y = from.y + t * (to.y - from.y);
        el('text', { id: `label-${name}`, x, y: y - 4, 'data-value': w, class: 'weight-label' }, labels,
          `${name} = ${fmt(w)}`).addEventListener('click', () => onSelect({ layer: l, row: k, col: j }));
      }
    }));
  });

  const nodes = el('g', { class: 'nodes' }, svg);
  centres.forEach((column, c) => column.forEach((p, k) => {
    const l = c - 1, layer = model.layers[l], name = neuronName(model, l, k);
    const r = Math.max(5, Math.min(24, p.gap * 0.22));
    const group = el('g', { id: `neuron-${name}`, class: 'neuron' }, nodes);
    el('circle', { cx: p.x, cy: p.y, r }, group);
    if (r >= 14) el('text', { x: p.x, y: p.y + 4, class: 'name' }, group, name);
    const lines = l < 0 ? [`x = ${fmt(view.batch.inputs[n][k])}`]
      : [`z = ${fmt(pass.activations[layer.name].z[n][k])}`, `a = ${fmt(pass.activations[layer.name].a[n][k])}`];
    if (l < 0) {
      title(group, [`${name}: input ${k + 1}`, `x = ${view.batch.inputs[n][k]}`]);
    } else {
      title(group, [`${name}: ${layer.name} unit ${k + 1} (${layer.activation})`,
        `z = net = ${pass.activations[layer.name].z[n][k]}`, `a = out = ${pass.activations[layer.name].a[n][k]}`,
        `δ = ∂E/∂z = ${pass.deltas[layer.name][n][k]}`,
        `b = ${weights[layer.name].b[k]}, ∂E/∂b = ${pass.gradients[layer.name].b[k]}`]);
    }
    if (p.gap >= 60) {
      lines.forEach((text, i) => el('text', { x: p.x, y: p.y + r + 14 + 13 * i, class: 'value' }, group, text));
      if (l >= 0) {
        const isSelected = selected && selected.layer === l && selected.row === k && selected.col === null;
        const bias = el('text', { id: `bias-${name}`, x: p.x, y: p.y + r + 14 + 13 * lines.length,
          class: isSelected ? 'value bias selected' : 'value bias', fill: style(shown(layer.name, k, null)).stroke },
          group, `b = ${fmt(weights[layer.name].b[k])}`);
        bias.addEventListener('click', () => onSelect({ layer: l, row: k, col: null }));
      }
    }
    if (l === model.layers.length - 1 && p.gap >= 40) {
      const target = view.batch.targets[n];
      const text = Array.isArray(target) ? `t = ${fmt(target[k])}` : target === k ? '← target class' : '';
      el('text', { x: p.x + r + 8, y: p.y + 4, class: 'value target' }, group, text);
    }
  }));
}
