// Presets and their data: the worked example of API.md, XOR, and two 2-D classification sets.

/** The tutorial's 2-2-2 network: w1..w8 = 0.15 … 0.55, biases 0.35 and 0.60. */
const workedExample = {
  data: { inputs: [[0.05, 0.1]], targets: [[0.01, 0.99]] },
  weights: {
    hidden: { W: [[0.15, 0.2], [0.25, 0.3]], b: [0.35, 0.35] },
    output: { W: [[0.4, 0.45], [0.5, 0.55]], b: [0.6, 0.6] },
  },
  settings: { hidden: [2], activation: 'sigmoid', outputActivation: 'sigmoid', loss: 'half_sum_mse',
              optimizer: 'sgd', learningRate: 0.5, batchSize: 1, seed: 1 },
};

const xor = {
  boundary: true,
  data: { inputs: [[0, 0], [0, 1], [1, 0], [1, 1]], labels: [0, 1, 1, 0] },
  settings: { hidden: [4], activation: 'tanh', outputActivation: 'sigmoid', loss: 'binary_cross_entropy',
              optimizer: 'sgd', learningRate: 0.5, batchSize: 4, seed: 1 },
};

/** Points inside a circle of radius 0.5 are class 1, a ring around it class 0. */
function circle(random) {
  const inputs = [], labels = [];
  for (let i = 0; i < 200; i++) {
    const label = i % 2;
    const r = label ? 0.45 * random() : 0.65 + 0.35 * random();
    const angle = 2 * Math.PI * random();
    inputs.push([r * Math.cos(angle), r * Math.sin(angle)]);
    labels.push(label);
  }
  return { inputs, labels };
}

/** Two interleaved spiral arms, one per class. */
function spiral(random) {
  const inputs = [], labels = [];
  for (let i = 0; i < 200; i++) {
    const label = i % 2, t = (i >> 1) / 100;
    const angle = 3.5 * Math.PI * t + Math.PI * label;
    const r = 0.1 + 0.9 * t;
    inputs.push([r * Math.cos(angle) + 0.03 * (random() - 0.5), r * Math.sin(angle) + 0.03 * (random() - 0.5)]);
    labels.push(label);
  }
  return { inputs, labels };
}

/** mulberry32: a small seeded generator, so that every visitor gets the same points. */
export function seeded(seed) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const presets = {
  worked: workedExample,
  xor,
  circle: { data: circle(seeded(7)), boundary: true,
            settings: { hidden: [6], activation: 'tanh', outputActivation: 'sigmoid', loss: 'binary_cross_entropy',
                        optimizer: 'adam', learningRate: 0.03, batchSize: 50, seed: 1 } },
  spiral: { data: spiral(seeded(11)), boundary: true,
            settings: { hidden: [16, 16], activation: 'tanh', outputActivation: 'sigmoid',
                        loss: 'binary_cross_entropy', optimizer: 'adam', learningRate: 0.02, batchSize: 200, seed: 1 } },
};

/** The loss choices of the page, as the API spells them. */
export const losses = {
  half_sum_mse: { type: 'mse', reduction: 'sum', scale: 0.5 },
  mse: { type: 'mse' },
  binary_cross_entropy: { type: 'binary_cross_entropy' },
  cross_entropy: { type: 'cross_entropy' },
  multiclass_hinge: { type: 'multiclass_hinge' },
};

const classIndexLosses = new Set(['cross_entropy', 'multiclass_hinge']);

/** Output units: the width of the preset's targets, else 2 classes or 1 probability. */
export function outputUnits(preset, loss) {
  if (preset.data.targets) return preset.data.targets[0].length;
  return classIndexLosses.has(loss) ? 2 : 1;
}

/**
 * Targets of the examples at `indices`, shaped for the loss: vectors for the regression-style losses,
 * class indices for multiclass_hinge, and for cross_entropy the preset's vectors taken as probabilities.
 */
export function targetsFor(preset, loss, indices) {
  const { targets, labels } = preset.data;
  if (targets) {
    return loss === 'multiclass_hinge'
      ? indices.map(i => targets[i].indexOf(Math.max(...targets[i])))
      : indices.map(i => targets[i]);
  }
  return classIndexLosses.has(loss) ? indices.map(i => labels[i]) : indices.map(i => [labels[i]]);
}
