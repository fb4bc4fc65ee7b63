// The chain rule of one weight, ∂E/∂w = ∂E/∂a · ∂a/∂z · ∂z/∂w, laid out as Matt Mazur's tutorial lays it out
// (out = a, net = z), every factor taken from the API's answer: its deltas (δ = ∂E/∂z) and activations.

import { fmt, neuronName, slope, weightName } from './model.js';

const sub = (base, index) => `${base}<sub>${index}</sub>`;
const d = (top, bottom) => `∂${top}/∂${bottom}`;
const signed = x => (x < 0 ? `(${fmt(x)})` : fmt(x));

/** ∂E/∂a of unit k of layer l: for a hidden unit Σ δ·w over the units it feeds; for an output unit δ ÷ ∂a/∂z. */
function outputGradient(view, l, k, slopeValue) {
  const { model, pass, weightsBefore, example: n } = view;
  const layer = model.layers[l];
  if (l < model.layers.length - 1) {
    const next = model.layers[l + 1];
    const terms = weightsBefore[next.name].W.map((row, m) => ({
      delta: pass.deltas[next.name][n][m], w: row[k], to: neuronName(model, l + 1, m), name: weightName(model, l + 1, m, k),
    }));
    return {
      value: terms.reduce((sum, t) => sum + t.delta * t.w, 0),
      how: `Σ δ·w over the units it feeds = ${terms.map(t => `${sub('δ', t.to)}·${t.name}`).join(' + ')}`
        + ` = ${terms.map(t => `${signed(t.delta)}·${signed(t.w)}`).join(' + ')}`
        + ` (δ from the answer’s deltas.${next.name}[${n}], weights before the step)`,
    };
  }
  if (slopeValue === undefined || slopeValue === 0) return null;
  const delta = pass.deltas[layer.name][n][k];
  return {
    value: delta / slopeValue,
    how: `${sub('δ', neuronName(model, l, k))} ÷ the next factor = ${fmt(delta)} ÷ ${signed(slopeValue)}, where δ = ∂E/∂net`
      + ` is the answer’s deltas.${layer.name}[${n}][${k}]`,
  };
}

/** What a plain SGD step does (or did) to the parameter: p⁺ = p − η·∂E/∂p. */
function update(view, name, before, after, gradient) {
  const o = view.optimizer;
  const plain = o?.type === 'sgd' && !o.momentum && !o.weightDecay && !o.clipNorm && !o.clipValue;
  const rule = plain ? ` = ${name} − η · ∂E/∂${name} = ${fmt(before)} − ${fmt(o.learningRate)} · ${signed(gradient)}` : '';
  if (view.stepped) {
    return `Step ${view.step} (${o?.type ?? ''}) set <span id="chain-updated">${name}<sup>+</sup>${rule} = ${fmt(after)}</span>`;
  }
  return plain ? `Step will set ${name}<sup>+</sup>${rule} = ${fmt(before - o.learningRate * gradient)}` : '';
}

/** Renders the chain rule of the selected weight ({layer, row, col}) or bias (col null) into the container. */
export function renderChainRule(container, view, selection) {
  const { model, pass, batch, example: n } = view;
  const { layer: l, row: k, col: j } = selection;
  const layer = model.layers[l];
  const unit = neuronName(model, l, k);
  const name = j === null ? sub('b', unit) : weightName(model, l, k, j);
  const z = pass.activations[layer.name].z[n][k], a = pass.activations[layer.name].a[n][k];
  const delta = pass.deltas[layer.name][n][k];
  const gradient = j === null ? pass.gradients[layer.name].b[k] : pass.gradients[layer.name].W[k][j];
  const path = j === null ? `b[${k}]` : `W[${k}][${j}]`;
  const param = p => (j === null ? p[layer.name].b[k] : p[layer.name].W[k][j]);

  const source = j === null ? null : l === 0 ? neuronName(model, -1, j) : neuronName(model, l - 1, j);
  const input = j === null ? { value: 1, how: `net = … + ${name}, so 1` }
    : l === 0 ? { value: batch.inputs[n][j], how: `the input ${source}: inputs[${n}][${j}] of the batch` }
      : { value: pass.activations[model.layers[l - 1].name].a[n][j],
          how: `${sub('out', source)}: the answer’s activations.${model.layers[l - 1].name}.a[${n}][${j}]` };
  const inputTerm = j === null ? '1' : l === 0 ? source : sub('out', source);

  const act = slope(layer.activation, z, a);
  const dEda = outputGradient(view, l, k, act?.value);
  const E = sub('E', 'total'), out = sub('out', unit), net = sub('net', unit);
  const lines = [];
  let product, factorList;
  if (act && dEda) {
    product = dEda.value * act.value * input.value;
    lines.push(`${d(E, name)} = ${d(E, out)} · ${d(out, net)} · ${d(net, name)}`,
      `${d(E, name)} = ${fmt(dEda.value)} · ${signed(act.value)} · ${signed(input.value)}`);
    factorList = [
      [`${d(E, out)} = ${fmt(dEda.value)}`, dEda.how],
      [`${d(out, net)} = ${act.formula.replaceAll('out', out).replaceAll('net', net)} = ${fmt(act.value)}`,
        `${layer.activation}′ at ${net} = ${fmt(z)}, ${out} = ${fmt(a)} (the answer’s activations.${layer.name})`],
      [`${d(net, name)} = ${inputTerm} = ${fmt(input.value)}`, input.how],
    ];
  } else {
    product = delta * input.value;
    lines.push(`${d(E, name)} = ${d(E, net)} · ${d(net, name)}`, `${d(E, name)} = ${fmt(delta)} · ${signed(input.value)}`);
    factorList = [
      [`${d(E, net)} = ${sub('δ', unit)} = ${fmt(delta)}`, `the answer’s deltas.${layer.name}[${n}][${k}]; `
        + (act ? `${d(out, net)} is 0 here, so ${d(E, out)} cannot be read off δ`
          : `${layer.activation}’s ${d('out', 'net')} is a Jacobian, not one number: δ already includes it`)],
      [`${d(net, name)} = ${inputTerm} = ${fmt(input.value)}`, input.how],
    ];
  }
  lines.push(`${d(E, name)} = <b id="chain-result">${fmt(product)}</b>`);

  const batchSize = batch.inputs.length;
  container.innerHTML = `
    <p class="general">∂E/∂w = ∂E/∂a · ∂a/∂z · ∂z/∂w &nbsp;(a = out, z = net)</p>
    <p class="what">${name}: ${j === null ? `bias of ${unit}` : `${source} → ${unit}`}, ${layer.name}.${path}${
      batchSize > 1 ? `, example ${n + 1} of ${batchSize}` : ''}</p>
    ${lines.map(line => `<p class="formula">${line}</p>`).join('')}
    <dl>${factorList.map(([term, how]) => `<dt>${term}</dt><dd>${how}</dd>`).join('')}</dl>
    <p>The answer’s gradients.${layer.name}.${path} = <b id="chain-gradient">${gradient}</b>${batchSize > 1
      ? `: the sum of this product over the ${batchSize} examples of the batch` : ''}.</p>
    <p class="update">${update(view, name, param(view.weightsBefore), param(view.weights), gradient)}</p>`;
}
