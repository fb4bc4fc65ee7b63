// The public gradserve API as this page uses it: JSON in, JSON out, problems thrown as ApiError.

export class ApiError extends Error {
  constructor(status, problem) {
    const details = (problem.errors ?? []).map(e => `${e.pointer || '/'}: ${e.message}`);
    super([`${problem.title ?? 'HTTP ' + status}: ${problem.detail ?? ''}`, ...details].join('\n'));
    this.status = status;
  }
}

let apiKey = sessionStorage.getItem('gradserve.apiKey') ?? '';

export function setApiKey(key) {
  apiKey = key;
  sessionStorage.setItem('gradserve.apiKey', key);
}

async function call(method, path, body, options = {}) {
  const headers = { 'Content-Type': 'application/json' };
  if (apiKey) headers.Authorization = `Bearer ${apiKey}`;
  const response = await fetch(path, { method, headers, body: body && JSON.stringify(body), ...options });
  const text = await response.text();
  const json = text ? JSON.parse(text) : null;
  if (!response.ok) throw new ApiError(response.status, json ?? {});
  return json;
}

const session = id => `/v1/sessions/${encodeURIComponent(id)}`;

/** POST /v1/sessions {network, weights | init, optimizer} → {id, step, version, ...} */
export const createSession = body => call('POST', '/v1/sessions', body);

/** GET /v1/sessions/{id} → {id, network, optimizer (defaults filled in), step, version, lastLoss, ...} */
export const getSession = id => call('GET', session(id));

/** DELETE /v1/sessions/{id}; keepalive lets it finish while the page unloads. */
export const deleteSession = id => call('DELETE', session(id), undefined, { keepalive: true });

/** Loss, outputs, gradients (and more with include) at the session's weights, without an update. */
export const gradients = (id, batch) => call('POST', `${session(id)}/gradients`, batch);

/** One training step; loss, gradients, activations and deltas are those before the update. */
export const step = (id, batch) => call('POST', `${session(id)}/steps`, batch);

/** Outputs at the session's weights. */
export const forward = (id, inputs) => call('POST', `${session(id)}/forward`, { inputs });
