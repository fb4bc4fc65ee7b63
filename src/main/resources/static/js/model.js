// The network as the page sees it: layer names and sizes, the names of neurons and weights, activation slopes.

import { losses } from './presets.js';

/** A dense network of the page's settings: one "hidden" layer (or hidden1, hidden2, …) and an "output" layer. */
export function describe(settings, outputUnits, inputSize = 2) {
  const hidden = settings.hidden.map((units, i) => ({
    name: settings.hidden.length === 1 ? 'hidden' : `hidden${i + 1}`, units, activation: settings.activation,
  }));
  return { inputSize, layers: [...hidden, { name: 'output', units: outputUnits, activation: settings.outputActivation }] };
}

/** The network definition of the API. */
export function networkSpec(model, loss) {
  return {
    inputShape: [model.inputSize],
    layers: model.layers.map(({ name, units, activation }) => ({ name, type: 'dense', units, activation })),
    loss: losses[loss],
  };
}

/** True when the weights have exactly the shapes this model needs. */
export function fits(model, weights) {
  let inputs = model.inputSize;
  return model.layers.every(({ name, units }) => {
    const W = weights?.[name]?.W, fitsLayer = W?.length === units && W.every(row => row.length === inputs);
    inputs = units;
    return fitsLayer && weights[name].b?.length === units;
  });
}

/** The tutorial's names: inputs i1, i2, …; hidden h1, h2, … (h2.1 with several hidden layers); outputs o1, o2, …. */
export function neuronName(model, layer, unit) {
  if (layer < 0) return `i${unit + 1}`;
  if (layer === model.layers.length - 1) return `o${unit + 1}`;
  return model.layers.length === 2 ? `h${unit + 1}` : `h${layer + 1}.${unit + 1}`;
}

/** Weights numbered w1, w2, … layer by layer, each W row-major ([units, in]), as the tutorial numbers w1..w8. */
export function weightName(model, layer, row, col) {
  let offset = 0, inputs = model.inputSize;
  for (let l = 0; l < layer; l++) {
    offset += model.layers[l].units * inputs;
    inputs = model.layers[l].units;
  }
  return `w${offset + row * inputs + col + 1}`;
}

/** The size of a layer's input: the network's input size or the previous layer's units. */
export function inputsOf(model, layer) {
  return layer === 0 ? model.inputSize : model.layers[layer - 1].units;
}

const sigmoid = z => 1 / (1 + Math.exp(-z));

/**
 * ∂a/∂z of an elementwise activation at z (a = act(z)), with its formula in the tutorial's out/net
 * notation; null for softmax, whose ∂a/∂z is a full Jacobian.
 */
export function slope(activation, z, a) {
  switch (activation) {
    case 'sigmoid': return { value: a * (1 - a), formula: 'out(1 − out)' };
    case 'tanh': return { value: 1 - a * a, formula: '1 − out²' };
    case 'relu': return { value: z > 0 ? 1 : 0, formula: '1 if net > 0, else 0' };
    case 'leaky_relu': return { value: z > 0 ? 1 : 0.01, formula: '1 if net > 0, else 0.01' };
    case 'elu': return { value: z > 0 ? 1 : a + 1, formula: '1 if net > 0, else out + 1' };
    case 'softplus': return { value: sigmoid(z), formula: 'σ(net)' };
    case 'silu': return { value: sigmoid(z) * (1 + z * (1 - sigmoid(z))), formula: 'σ(net)(1 + net(1 − σ(net)))' };
    case 'identity': return { value: 1, formula: '1' };
    default: return null;
  }
}

/** Numbers as the tutorial prints them: nine decimals, trailing zeros dropped; tiny and huge ones in exponent form. */
export function fmt(x) {
  if (x === undefined || x === null) return '–';
  const size = Math.abs(x);
  if (x === 0 || (size >= 1e-4 && size < 1e4)) return String(Number(x.toFixed(9)));
  return x.toPrecision(6).replace(/\.?0+e/, 'e');
}
