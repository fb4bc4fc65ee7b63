// Two canvases: the loss curve over steps, and the decision boundary of a 2-D classifier with its data.

import { NEGATIVE, POSITIVE } from './network-view.js';

/** A 2-D context in CSS pixels, sharp on high-density screens. */
function context(canvas) {
  const ratio = window.devicePixelRatio || 1, width = canvas.clientWidth, height = canvas.clientHeight;
  if (canvas.width !== Math.round(width * ratio)) {
    canvas.width = Math.round(width * ratio);
    canvas.height = Math.round(height * ratio);
  }
  const ctx = canvas.getContext('2d');
  ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
  ctx.clearRect(0, 0, width, height);
  ctx.font = '11px system-ui, sans-serif';
  return { ctx, width, height };
}

/** losses: [{updates, loss}], the loss after that many updates, on a linear scale from 0 to the largest. */
export function drawLossCurve(canvas, losses) {
  const { ctx, width, height } = context(canvas);
  const left = 48, right = 10, top = 10, bottom = 22;
  if (losses.length === 0) return;
  const maxLoss = Math.max(...losses.map(p => p.loss), 1e-12), lastUpdate = Math.max(1, ...losses.map(p => p.updates));
  const x = updates => left + ((width - left - right) * updates) / lastUpdate;
  const y = loss => top + (height - top - bottom) * (1 - loss / maxLoss);
  ctx.strokeStyle = '#999';
  ctx.beginPath();
  ctx.moveTo(left, top);
  ctx.lineTo(left, height - bottom);
  ctx.lineTo(width - right, height - bottom);
  ctx.stroke();
  ctx.fillStyle = '#555';
  ctx.textAlign = 'right';
  ctx.fillText(maxLoss.toPrecision(3), left - 4, top + 8);
  ctx.fillText('0', left - 4, height - bottom);
  ctx.textAlign = 'center';
  ctx.fillText('updates', (left + width - right) / 2, height - 6);
  ctx.textAlign = 'right';
  ctx.fillText(String(lastUpdate), width - right, height - 6);
  ctx.strokeStyle = POSITIVE;
  ctx.lineWidth = 1.5;
  ctx.beginPath();
  losses.forEach((p, i) => (i === 0 ? ctx.moveTo(x(p.updates), y(p.loss)) : ctx.lineTo(x(p.updates), y(p.loss))));
  ctx.stroke();
  if (losses.length === 1) ctx.fillRect(x(0) - 2, y(losses[0].loss) - 2, 4, 4);
}

/** The square that the points span, with a margin: the region the boundary is drawn over. */
export function region(points) {
  const xs = points.map(p => p[0]), ys = points.map(p => p[1]);
  const low = Math.min(...xs, ...ys), high = Math.max(...xs, ...ys), margin = 0.15 * (high - low || 1);
  return { low: low - margin, high: high + margin };
}

/** size × size points covering the region, row by row from the top: the batch of one forward call. */
export function grid({ low, high }, size) {
  const points = [];
  for (let row = 0; row < size; row++) {
    for (let col = 0; col < size; col++) {
      points.push([low + ((col + 0.5) * (high - low)) / size, high - ((row + 0.5) * (high - low)) / size]);
    }
  }
  return points;
}

/** The probability of class 1 that an output row says: one unit is read as a probability, two as logits or scores. */
export function classOne(output) {
  if (output.length === 1) return Math.min(1, Math.max(0, output[0]));
  return 1 / (1 + Math.exp(output[0] - output[1]));
}

const rgb = hex => [1, 3, 5].map(i => parseInt(hex.slice(i, i + 2), 16));

/** Colours each grid cell by classOne of its output, then draws the data points by label. */
export function drawBoundary(canvas, area, size, outputs, data) {
  const { ctx, width, height } = context(canvas);
  const image = ctx.createImageData(size, size), one = rgb(POSITIVE), zero = rgb(NEGATIVE);
  outputs.forEach((output, i) => {
    const p = classOne(output), colour = p >= 0.5 ? one : zero, alpha = 40 + 150 * Math.abs(2 * p - 1);
    image.data.set([...colour, alpha], 4 * i);
  });
  const cells = document.createElement('canvas');
  cells.width = cells.height = size;
  cells.getContext('2d').putImageData(image, 0, 0);
  ctx.imageSmoothingEnabled = true;
  ctx.drawImage(cells, 0, 0, width, height);
  const scale = v => (v - area.low) / (area.high - area.low);
  data.inputs.forEach(([px, py], i) => {
    ctx.beginPath();
    ctx.arc(scale(px) * width, (1 - scale(py)) * height, 3.5, 0, 2 * Math.PI);
    ctx.fillStyle = data.labels[i] ? POSITIVE : NEGATIVE;
    ctx.strokeStyle = 'white';
    ctx.fill();
    ctx.stroke();
  });
}
