#!/usr/bin/env python3
"""Reference fixtures for gradserve's recurrent layers (rnn, lstm, gru), computed with PyTorch's own
nn.RNN / nn.LSTM / nn.GRU modules (batch_first, one layer), in the format of torch_fixtures.py (whose loss
semantics and JSON writer this script reuses):

    src/test/resources/fixtures/torch/<rnn|lstm|gru>_<name>.json

Parameters map onto PyTorch's as API.md says: W_xh = weight_ih_l0, W_hh = weight_hh_l0; rnn and lstm have one
bias b = bias_ih_l0 + bias_hh_l0 (both are drawn, so the sum is really exercised; its gradient is either one's);
gru keeps b_xh = bias_ih_l0 and b_hh = bias_hh_l0. rnn's initialState is h_0 for every example. Dense layers apply
to the last axis (nn.Linear), so after returnSequences they act per time step.

bpttTruncation k runs the module on chunks of k steps from the start and detaches the state between chunks
(h, and c for the lstm), as a PyTorch user writing truncated BPTT by hand does.

Every fixture is checked before it is written:
  * an explicit transcription of the cell equations, step by step (with the same detaching), gives the
    module's outputs and loss to 1e-12;
  * torch.autograd.gradcheck accepts the gradients w.r.t. every weight and the inputs (with truncation, of
    the loss in which the states at chunk boundaries are the constants of an unperturbed run);
  * no relu pre-activation (rnn or dense) lies within 1e-3 of 0;
  * the loss agrees with torch_fixtures.crosscheck_loss, and every number is finite.

Usage: /usr/bin/python3 src/test/python/torch_recurrent_fixtures.py [--check]
"""

import argparse
import sys
from pathlib import Path

import torch

sys.path.insert(0, str(Path(__file__).resolve().parent))
import torch_fixtures as base  # noqa: E402  (loss semantics, activations, JSON writer)

DT = torch.float64
torch.set_default_dtype(DT)
GENERATOR = "src/test/python/torch_recurrent_fixtures.py (torch %s)" % torch.__version__
GATES = {"rnn": 1, "lstm": 4, "gru": 3}


def module(layer, features):
    units = layer["units"]
    if layer["type"] == "rnn":
        nonlinearity = layer.get("activation", "tanh")
        return torch.nn.RNN(features, units, nonlinearity=nonlinearity, batch_first=True)
    if layer["type"] == "lstm":
        return torch.nn.LSTM(features, units, batch_first=True)
    return torch.nn.GRU(features, units, batch_first=True)


def detach(state):
    return tuple(s.detach() for s in state) if isinstance(state, tuple) else state.detach()


def run_module(layer, mod, params, x, boundary=None, replay=False):
    """The layer through the torch module, chunk by chunk when truncated; returns its output.

    At each chunk boundary the state is detached and recorded in `boundary` (chunk start -> state); with
    `replay` it is taken from `boundary` instead: the states of an earlier, unperturbed run, constants here,
    so that finite differences of this function give exactly what detaching gives to autograd.
    """
    time = x.shape[1]
    k = layer.get("bpttTruncation") or time
    state = None
    if layer.get("initialState") is not None:
        state = torch.tensor(layer["initialState"], dtype=DT).expand(1, x.shape[0], -1).contiguous()
    # nn.RNNBase.forward reads the weights from _flat_weights (torch 1.13: functional_call does not reach it)
    mod._flat_weights = [params[n] for n in mod._flat_weights_names]
    outs = []
    for start in range(0, time, k):
        if start > 0:
            state = boundary[start] if replay else detach(state)
            if boundary is not None and not replay:
                boundary[start] = state
        out, state = mod(x[:, start:start + k], state)
        outs.append(out)
    out = torch.cat(outs, dim=1)
    return out if layer.get("returnSequences", False) else out[:, -1]


def run_explicit(layer, params, x, check=False, where=""):
    """The same layer transcribed from the equations in API.md, step by step."""
    t_ = layer["type"]
    W_ih, W_hh = params["weight_ih_l0"], params["weight_hh_l0"]
    b_ih, b_hh = params["bias_ih_l0"], params["bias_hh_l0"]
    batch, time, _ = x.shape
    units = layer["units"]
    k = layer.get("bpttTruncation") or time
    h = torch.zeros(batch, units)
    if layer.get("initialState") is not None:
        h = torch.tensor(layer["initialState"], dtype=DT).expand(batch, -1)
    c = torch.zeros(batch, units)
    hs = []
    for t in range(time):
        if t > 0 and t % k == 0:
            h, c = h.detach(), c.detach()
        xp = x[:, t] @ W_ih.t() + b_ih
        hp = h @ W_hh.t() + b_hh
        if t_ == "rnn":
            z = xp + hp
            if check:
                base.check_kinks(z, layer.get("activation", "tanh"), where)
            h = torch.relu(z) if layer.get("activation") == "relu" else torch.tanh(z)
        elif t_ == "lstm":
            i, f, g, o = (xp + hp).split(units, dim=1)
            c = torch.sigmoid(f) * c + torch.sigmoid(i) * torch.tanh(g)
            h = torch.sigmoid(o) * torch.tanh(c)
        else:
            xr, xz, xn = xp.split(units, dim=1)
            hr, hz, hn = hp.split(units, dim=1)
            r, z = torch.sigmoid(xr + hr), torch.sigmoid(xz + hz)
            n = torch.tanh(xn + r * hn)
            h = (1 - z) * n + z * h
        hs.append(h)
    return torch.stack(hs, dim=1) if layer.get("returnSequences", False) else hs[-1]


def forward(network, params, mods, x, explicit=False, check=False, boundaries=None, replay=False):
    """(z, a) of the last layer; params[i] is a dict of torch parameter names (recurrent) or [W, b] (dense);
    boundaries[i] records (or, with replay, supplies) layer i's states at its chunk boundaries."""
    h, z = x, None
    for i, layer in enumerate(network["layers"]):
        if layer["type"] == "dense":
            W, b = params[i]
            z = h @ W.t() + b
            if check:
                base.check_kinks(z, layer.get("activation", "identity"), "layer %d" % (i + 1))
            h = base.apply_activation(z, layer.get("activation", "identity"))
        else:
            h = run_explicit(layer, params[i], h, check, "layer %d" % (i + 1)) if explicit \
                else run_module(layer, mods[i], params[i], h, None if boundaries is None else boundaries.setdefault(i, {}),
                                replay)
            z = h
    return z, h


def build(name, description, network, batch, seed, targets_fn, scale=0.6):
    torch.manual_seed(seed)
    names = base.layer_names(network["layers"])
    features = network["inputShape"][1]
    params, mods = {}, {}
    for i, layer in enumerate(network["layers"]):
        units = layer["units"]
        if layer["type"] == "dense":
            params[i] = [base.uniform(units, features) * scale, base.uniform(units) * scale]
        else:
            rows = GATES[layer["type"]] * units
            mods[i] = module(layer, features)
            params[i] = {"weight_ih_l0": base.uniform(rows, features) * scale,
                         "weight_hh_l0": base.uniform(rows, units) * scale,
                         "bias_ih_l0": base.uniform(rows) * scale, "bias_hh_l0": base.uniform(rows) * scale}
        features = units
    x = base.uniform(batch, *network["inputShape"])
    boundaries = {}
    with torch.no_grad():
        _, y0 = forward(network, params, mods, x, boundaries=boundaries)
    targets = targets_fn(y0.shape)
    loss = network["loss"]
    last_act = network["layers"][-1].get("activation", "identity")

    def leaves(p):
        return {k: v.clone().requires_grad_(True) for k, v in p.items()} if isinstance(p, dict) \
            else [t.clone().requires_grad_(True) for t in p]

    x_ = x.clone().requires_grad_(True)
    p_ = {i: leaves(p) for i, p in params.items()}
    z, y = forward(network, p_, mods, x_)
    L = base.compute_loss(z, y, last_act, loss, targets)
    L.backward()
    with torch.no_grad():
        L2 = base.crosscheck_loss(z, y, last_act, loss, targets)
        assert abs(L.item() - L2.item()) <= 1e-12 * max(1.0, abs(L.item())), name
        ze, ye = forward(network, params, mods, x, explicit=True, check=True)
        assert (ye - y).abs().max().item() <= 1e-12, "%s: explicit equations differ from the module" % name
        Le = base.compute_loss(ze, ye, last_act, loss, targets)
        assert abs(Le.item() - L.item()) <= 1e-12 * max(1.0, abs(L.item())), name

    order = sorted(params)
    flat = [x.clone().requires_grad_(True)]
    for i in order:
        flat += [t.clone().requires_grad_(True) for t in (params[i].values() if isinstance(params[i], dict) else params[i])]

    def fn(*ts):
        rest = list(ts[1:])
        ps = {}
        for i in order:
            if isinstance(params[i], dict):
                ps[i] = {k: rest.pop(0) for k in params[i]}
            else:
                ps[i] = [rest.pop(0), rest.pop(0)]
        zz, yy = forward(network, ps, mods, ts[0], boundaries=boundaries, replay=True)
        return base.compute_loss(zz, yy, last_act, loss, targets)

    # with bpttTruncation the reference for the gradients is the loss with the boundary states held constant
    assert torch.autograd.gradcheck(fn, tuple(flat), eps=1e-6, atol=1e-7, rtol=1e-6), name

    weights, grads = {}, {}
    for i in order:
        n, p, g = names[i], params[i], p_[i]
        if isinstance(p, list):
            weights[n] = {"W": p[0].tolist(), "b": p[1].tolist()}
            grads[n] = {"W": g[0].grad.tolist(), "b": g[1].grad.tolist()}
            continue
        weights[n] = {"W_xh": p["weight_ih_l0"].tolist(), "W_hh": p["weight_hh_l0"].tolist()}
        grads[n] = {"W_xh": g["weight_ih_l0"].grad.tolist(), "W_hh": g["weight_hh_l0"].grad.tolist()}
        if network["layers"][i]["type"] == "gru":
            weights[n].update(b_xh=p["bias_ih_l0"].tolist(), b_hh=p["bias_hh_l0"].tolist())
            grads[n].update(b_xh=g["bias_ih_l0"].grad.tolist(), b_hh=g["bias_hh_l0"].grad.tolist())
        else:
            assert torch.allclose(g["bias_ih_l0"].grad, g["bias_hh_l0"].grad, rtol=1e-12, atol=1e-15), name
            weights[n]["b"] = (p["bias_ih_l0"] + p["bias_hh_l0"]).tolist()
            grads[n]["b"] = g["bias_ih_l0"].grad.tolist()
    fixture = {
        "description": description,
        "generator": GENERATOR,
        "request": {"network": network, "weights": weights, "inputs": x.tolist(), "targets": targets.tolist(),
                    "include": ["inputGradients"]},
        "expected": {"loss": L.item(), "outputs": y.detach().tolist(), "gradients": grads,
                     "inputGradients": x_.grad.tolist()},
    }
    base.assert_finite(fixture, name)
    return fixture


def t_uniform(lo, hi):
    return lambda shape: base.uniform(*shape, lo=lo, hi=hi)


def t_index(shape):
    return torch.randint(0, shape[-1], shape[:-1])


def t_binary(shape):
    return torch.randint(0, 2, shape).to(DT)


def fixtures():
    fx = {}
    fx["rnn_tanh_last_dense_softmax_ce"] = build(
        "rnn_tanh_last_dense_softmax_ce",
        "rnn (tanh by default, 5 units, last state only) over [7 steps, 3 features]; dense 3 softmax head; "
        "cross_entropy with class indices, mean; batch 3. b = bias_ih + bias_hh of torch.nn.RNN.",
        {"inputShape": [7, 3], "layers": [
            {"name": "rnn", "type": "rnn", "units": 5},
            {"name": "head", "type": "dense", "units": 3, "activation": "softmax"}],
         "loss": {"type": "cross_entropy"}},
        3, 4101, t_index)
    fx["rnn_relu_sequences_initial_state_dense_per_step_mse"] = build(
        "rnn_relu_sequences_initial_state_dense_per_step_mse",
        "rnn relu (4 units, returnSequences, initialState h_0 = [0.5, -0.25, 0.75, 0.1] for every example) over "
        "[6 steps, 3 features]; dense 2 identity applied at every step (nn.Linear on the last axis) giving "
        "[batch, 6, 2]; mse mean over every element; batch 2.",
        {"inputShape": [6, 3], "layers": [
            {"name": "rnn", "type": "rnn", "units": 4, "activation": "relu", "returnSequences": True,
             "initialState": [0.5, -0.25, 0.75, 0.1]},
            {"name": "readout", "type": "dense", "units": 2, "activation": "identity"}],
         "loss": {"type": "mse"}},
        2, 4202, t_uniform(-1.0, 1.0))
    fx["lstm_last_dense_sigmoid_bce"] = build(
        "lstm_last_dense_sigmoid_bce",
        "lstm (5 units, last state) over [7 steps, 3 features], gates i, f, g, o stacked as torch.nn.LSTM, "
        "b = bias_ih + bias_hh; dense 2 sigmoid; binary_cross_entropy (fused), mean; batch 2.",
        {"inputShape": [7, 3], "layers": [
            {"name": "lstm", "type": "lstm", "units": 5},
            {"name": "out", "type": "dense", "units": 2, "activation": "sigmoid"}],
         "loss": {"type": "binary_cross_entropy"}},
        2, 4303, t_binary)
    fx["gru_sequences_dense_tanh_mse_sum"] = build(
        "gru_sequences_dense_tanh_mse_sum",
        "gru (4 units, returnSequences) over [5 steps, 2 features], gates r, z, n as torch.nn.GRU with b_xh = bias_ih "
        "and b_hh = bias_hh (the reset gate scales W_hn h + b_hn); dense 3 tanh per step; mse sum, scale 0.5; batch 3.",
        {"inputShape": [5, 2], "layers": [
            {"name": "gru", "type": "gru", "units": 4, "returnSequences": True},
            {"name": "out", "type": "dense", "units": 3, "activation": "tanh"}],
         "loss": {"type": "mse", "reduction": "sum", "scale": 0.5}},
        3, 4404, t_uniform(-0.9, 0.9))
    fx["rnn_tanh_truncated_bptt_3_sequences_mse"] = build(
        "rnn_tanh_truncated_bptt_3_sequences_mse",
        "rnn tanh (4 units, returnSequences, bpttTruncation 3) over [8 steps, 3 features]: torch runs chunks of "
        "steps 0-2, 3-5, 6-7 and detaches h between them; dense 1 identity per step; mse mean; batch 2.",
        {"inputShape": [8, 3], "layers": [
            {"name": "rnn", "type": "rnn", "units": 4, "activation": "tanh", "returnSequences": True, "bpttTruncation": 3},
            {"name": "out", "type": "dense", "units": 1, "activation": "identity"}],
         "loss": {"type": "mse"}},
        2, 4505, t_uniform(-1.0, 1.0))
    fx["lstm_truncated_over_gru_truncated_dense_ce"] = build(
        "lstm_truncated_over_gru_truncated_dense_ce",
        "gru (3 units, returnSequences, bpttTruncation 2) into an lstm (4 units, last state, bpttTruncation 3; "
        "h and c detached between chunks) over [7 steps, 2 features]; dense 3 identity (logits); cross_entropy "
        "with class indices, mean; batch 3. Truncation stops gradients in time, not between layers.",
        {"inputShape": [7, 2], "layers": [
            {"name": "encoder", "type": "gru", "units": 3, "returnSequences": True, "bpttTruncation": 2},
            {"name": "decoder", "type": "lstm", "units": 4, "bpttTruncation": 3},
            {"name": "logits", "type": "dense", "units": 3, "activation": "identity"}],
         "loss": {"type": "cross_entropy"}},
        3, 4606, t_index)
    return fx


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", type=Path, default=base.DEFAULT_OUT)
    ap.add_argument("--check", action="store_true", help="fail if a file differs from what would be written")
    args = ap.parse_args()
    bad = 0
    for name, f in fixtures().items():
        text = base.dumps(f) + "\n"
        path = args.out / (name + ".json")
        if args.check:
            same = path.exists() and path.read_text() == text
            print("%-52s %s" % (name, "ok" if same else "DIFFERS"))
            bad += not same
        else:
            path.write_text(text)
            print("wrote %s  loss=%r" % (path, f["expected"]["loss"]))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
