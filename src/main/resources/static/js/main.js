// The playground: one gradserve training session, stepped by the buttons, drawn after every answer.

import * as api from './api.js';
import { renderChainRule } from './chain-rule.js';
import { drawBoundary, drawLossCurve, grid, region } from './charts.js';
import { describe, fits, fmt, inputsOf, networkSpec } from './model.js';
import { drawNetwork } from './network-view.js';
import { outputUnits, presets, seeded, targetsFor } from './presets.js';

const $ = id => document.getElementById(id);
const STEP_INCLUDE = ['activations', 'deltas', 'gradients', 'weights', 'outputs'];
const GRID_SIZE = 40;

const state = {
  presetName: null, preset: null, settings: null, model: null, session: null,
  random: null, order: [], cursor: 0, nextBatch: null,
  batch: null, pass: null, weightsBefore: null, weights: null, stepped: false, step: 0,
  losses: [], selected: null, training: false, boundaryAt: 0,
};

// API calls run one after another: a click during a step waits for it.
let queue = Promise.resolve();
const serially = task => (queue = queue.then(task).catch(showError));

function showError(error) {
  state.training = false;
  $('error').textContent = error.message;
  $('error').hidden = false;
  updateButtons();
}

function readSettings() {
  const hidden = $('hidden').value.split(',').map(s => s.trim()).filter(Boolean).map(Number);
  if (hidden.length > 6 || hidden.some(units => !Number.isInteger(units) || units < 1 || units > 32)) {
    throw new Error('Hidden layers: up to 6 unit counts from 1 to 32, comma separated, such as "4, 4"');
  }
  const number = id => Number($(id).value);
  return { hidden, activation: $('activation').value, outputActivation: $('outputActivation').value,
           loss: $('loss').value, optimizer: $('optimizer').value, learningRate: number('learningRate'),
           batchSize: Math.max(1, Math.round(number('batchSize'))), seed: Math.max(0, Math.round(number('seed'))) };
}

function writeSettings(settings) {
  for (const [key, value] of Object.entries(settings)) $(key).value = key === 'hidden' ? value.join(', ') : value;
}

/** The next batch: the whole data set, or successive slices of a seeded shuffle of it. */
function takeBatch() {
  const { data } = state.preset, count = data.inputs.length, size = Math.min(state.settings.batchSize, count);
  let indices = [...Array(count).keys()];
  if (size < count) {
    if (state.cursor + size > state.order.length) {
      state.order = indices.map(i => [state.random(), i]).sort((a, b) => a[0] - b[0]).map(([, i]) => i);
      state.cursor = 0;
    }
    indices = state.order.slice(state.cursor, (state.cursor += size));
  }
  return { inputs: indices.map(i => data.inputs[i]), targets: targetsFor(state.preset, state.settings.loss, indices) };
}

/** A new session from the controls, and the gradients of its first batch at the initial weights. */
async function reset() {
  const settings = readSettings(), presetName = $('preset').value, preset = presets[presetName];
  const model = describe(settings, outputUnits(preset, settings.loss));
  if (state.session) api.deleteSession(state.session.id).catch(() => {});
  Object.assign(state, { session: null, pass: null });
  const created = await api.createSession({
    network: networkSpec(model, settings.loss),
    ...(fits(model, preset.weights) ? { weights: preset.weights } : { init: { scheme: 'xavier_uniform', seed: settings.seed } }),
    optimizer: { type: settings.optimizer, learningRate: settings.learningRate },
  });
  Object.assign(state, { presetName, preset, settings, model, session: created, random: seeded(settings.seed), order: [], cursor: 0,
                         stepped: false, step: 0, boundary: preset.boundary ? grid(region(preset.data.inputs), GRID_SIZE) : null });
  state.nextBatch = takeBatch();
  const answer = await api.gradients(created.id, { ...state.nextBatch, include: ['activations', 'deltas', 'weights', 'outputs'] });
  Object.assign(state, { batch: state.nextBatch, pass: answer, weights: answer.weights, weightsBefore: answer.weights,
                         losses: [{ updates: 0, loss: answer.loss }] });
  if (!selectionFits(state.selected)) state.selected = { layer: model.layers.length - 1, row: 0, col: 0 };
  $('error').hidden = true;
  await refreshSession();
  render();
  await refreshBoundary();
}

function selectionFits(s) {
  const layer = state.model.layers[s?.layer];
  return layer !== undefined && s.row < layer.units && (s.col === null || s.col < inputsOf(state.model, s.layer));
}

/** One training step; the answer's pass (activations, deltas, gradients) is that of the weights before the update. */
async function step() {
  if (!state.session) throw new Error('No session: change the settings, or press Reset');
  const batch = state.nextBatch;
  const answer = await api.step(state.session.id, { ...batch, include: STEP_INCLUDE });
  Object.assign(state, { batch, pass: answer, weightsBefore: state.weights, weights: answer.weights, stepped: true,
                         step: answer.step, nextBatch: takeBatch() });
  // A step's loss is that of the weights after step − 1 updates; the first one repeats the initial pass.
  if (state.losses.at(-1)?.updates === answer.step - 1) state.losses.pop();
  state.losses.push({ updates: answer.step - 1, loss: answer.loss });
  $('error').hidden = true;
}

async function train() {
  state.training = true;
  updateButtons();
  while (state.training) {
    await step();
    requestRender();
    if (performance.now() - state.boundaryAt > 500) await refreshBoundary();
  }
  render();
  await refreshBoundary();
  await refreshSession();
}

async function refreshSession() {
  state.session = await api.getSession(state.session.id);
  const { id, step: steps, version, optimizer, lastLoss } = state.session;
  const settings = Object.entries(optimizer).map(([key, value]) => `${key} ${value}`).join(', ');
  $('session').textContent = `session ${id}\nstep ${steps}, version ${version}, lastLoss ${fmt(lastLoss)}\n${settings}`;
}

/** The decision boundary: the whole grid as one batch of one forward call. */
async function refreshBoundary() {
  if (!state.boundary) return;
  state.boundaryAt = performance.now();
  const { outputs } = await api.forward(state.session.id, state.boundary);
  drawBoundary($('boundary'), region(state.preset.data.inputs), GRID_SIZE, outputs, state.preset.data);
}

let renderPending = false;
function requestRender() {
  if (renderPending) return;
  renderPending = true;
  requestAnimationFrame(() => {
    renderPending = false;
    render();
  });
}

function render() {
  if (!state.pass) return;
  const example = Math.min(Math.max(1, Math.round(Number($('example').value)) || 1), state.batch.inputs.length) - 1;
  $('example').max = state.batch.inputs.length;
  const view = { ...state, example, edgeMode: $('edgeMode').value, optimizer: state.session.optimizer };
  $('lossValue').textContent = fmt(state.pass.loss);
  $('stepCount').textContent = state.step;
  $('boundaryFigure').hidden = !state.boundary;
  $('lossNote').textContent = state.stepped ? `the loss of step ${state.step}’s batch, at the weights before its update`
    : 'at the initial weights: no step yet';
  drawNetwork($('network'), view, selection => {
    state.selected = selection;
    render();
  });
  renderChainRule($('chain'), view, state.selected);
  drawLossCurve($('lossCurve'), state.losses);
  document.body.dataset.preset = state.presetName;
  updateButtons();
}

function updateButtons() {
  $('train').textContent = state.training ? 'Pause' : 'Train';
  $('step').disabled = state.training;
  $('status').textContent = state.training ? 'training…' : state.session ? 'ready' : '';
  document.body.dataset.state = state.training ? 'training' : 'ready';
}

/** Stops training (its loop ends after the step in flight) and starts a new session from the controls. */
function restart() {
  state.training = false;
  serially(reset);
}

$('preset').addEventListener('change', () => {
  writeSettings(presets[$('preset').value].settings);
  restart();
});
for (const id of ['hidden', 'activation', 'outputActivation', 'loss', 'optimizer', 'learningRate', 'batchSize', 'seed']) {
  $(id).addEventListener('change', restart);
}
$('reset').addEventListener('click', restart);
$('step').addEventListener('click', () => serially(async () => {
  await step();
  render();
  await refreshBoundary();
  await refreshSession();
}));
$('train').addEventListener('click', () => {
  if (state.training) state.training = false;
  else serially(train);
});
$('edgeMode').addEventListener('change', () => state.pass && render());
$('example').addEventListener('change', () => state.pass && render());
$('apiKey').addEventListener('change', () => {
  api.setApiKey($('apiKey').value);
  restart();
});
window.addEventListener('resize', requestRender);
window.addEventListener('pagehide', () => state.session && api.deleteSession(state.session.id).catch(() => {}));

// A preset can be linked to: /#xor, /#circle, /#spiral.
$('preset').value = presets[location.hash.slice(1)] ? location.hash.slice(1) : 'worked';
writeSettings(presets[$('preset').value].settings);
serially(reset);
