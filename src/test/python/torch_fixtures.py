#!/usr/bin/env python3
"""Reference fixtures for gradserve's POST /v1/gradients, computed with PyTorch.

Each fixture is written to src/test/resources/fixtures/torch/<name>.json as

    {"description": ..., "generator": ...,
     "request":  <a valid POST /v1/gradients body, see /work/shared/API.md>,
     "expected": {"loss", "outputs", "gradients", "inputGradients"}}

Everything is computed in float64 with torch autograd. Weights, inputs and
targets are drawn from fixed seeds, so rerunning the script reproduces the
files byte for byte (same torch build). Every fixture is additionally
cross-checked before it is written:
  * an independent, unfused formulation of the loss (or torch's own loss
    module) must agree with the one used for the expected values;
  * torch.autograd.gradcheck (central finite differences) must accept the
    gradients w.r.t. every weight and the inputs;
  * no pre-activation of relu / leaky_relu / elu sits near its kink, no
    softplus pre-activation passes torch's linear threshold (20), no hinge
    term sits near its kink;
  * every number is finite and every shape is what API.md says.

Usage (Debian's python, which has torch; the pyenv python3 does not):
    /usr/bin/python3 src/test/python/torch_fixtures.py          # (re)write
    /usr/bin/python3 src/test/python/torch_fixtures.py --check  # compare only
"""

import argparse
import json
import math
import os
import sys
from pathlib import Path

import torch
import torch.nn.functional as F

DT = torch.float64
torch.set_default_dtype(DT)

GENERATOR = "src/test/python/torch_fixtures.py (torch %s)" % torch.__version__
DEFAULT_OUT = Path(__file__).resolve().parents[1] / "resources" / "fixtures" / "torch"

KINK_MARGIN = 1e-3  # minimal distance of any pre-activation / hinge term from a kink


# --------------------------------------------------------------------------- #
# Semantics (API.md "Network definition")
# --------------------------------------------------------------------------- #

def act_type(spec):
    return spec if isinstance(spec, str) else spec["type"]


def act_param(spec, key, default):
    return default if isinstance(spec, str) else spec.get(key, default)


def apply_activation(z, spec):
    t = act_type(spec)
    if t in ("identity", "linear"):
        return z
    if t == "sigmoid":
        return torch.sigmoid(z)
    if t == "tanh":
        return torch.tanh(z)
    if t == "relu":
        return torch.relu(z)
    if t == "leaky_relu":
        return F.leaky_relu(z, negative_slope=act_param(spec, "alpha", 0.01))
    if t == "elu":
        return F.elu(z, alpha=act_param(spec, "alpha", 1.0))
    if t == "softplus":
        return F.softplus(z, beta=1.0)  # torch switches to z above 20: guarded in check_kinks
    if t == "gelu":
        return F.gelu(z, approximate="none")  # exact erf form
    if t == "silu":
        return F.silu(z)
    if t == "softmax":
        return torch.softmax(z, dim=-1)
    raise ValueError("unknown activation %r" % (spec,))


def check_kinks(z, spec, where):
    t = act_type(spec)
    if t in ("relu", "leaky_relu", "elu"):
        m = z.abs().min().item()
        assert m > KINK_MARGIN, "%s: %s pre-activation %.3g too close to 0" % (where, t, m)
    if t == "softplus":
        assert z.max().item() < 20.0, "%s: softplus pre-activation above torch threshold 20" % where


def layer_names(layers):
    return [l.get("name", "layer%d" % (i + 1)) for i, l in enumerate(layers)]


def reduce(per, loss):
    red = loss.get("reduction", "mean")
    if red == "mean":
        r = per.mean()
    elif red == "sum":
        r = per.sum()
    else:
        raise ValueError(red)
    return r * loss.get("scale", 1.0)


def hinge_terms(y, idx, margin):
    """max(0, y_j - y_target + margin) for j != target, 0 at j == target."""
    y_t = y.gather(1, idx.view(-1, 1))
    terms = torch.clamp(y - y_t + margin, min=0.0)
    mask = torch.ones_like(y).scatter_(1, idx.view(-1, 1), 0.0)
    return terms * mask, (y - y_t + margin), mask


def compute_loss(z, y, last_act, loss, targets):
    """The loss used for the expected values (fused / stable where API.md fuses)."""
    typ = loss["type"]
    la = act_type(last_act)
    if typ == "mse":
        per = (y - targets) ** 2
    elif typ == "binary_cross_entropy":
        if la == "sigmoid":
            # fused: BCE-with-logits on the pre-activations, dL/dz = y - t
            per = F.binary_cross_entropy_with_logits(z, targets, reduction="none")
        else:
            per = -(targets * torch.log(y) + (1.0 - targets) * torch.log(1.0 - y))
    elif typ == "cross_entropy":
        # softmax last layer: log p = log_softmax(z) (fused, dL/dz = p - t);
        # any other last layer: its outputs are logits (CrossEntropyLoss).
        logits = z if la == "softmax" else y
        per = F.cross_entropy(logits, targets, reduction="none")
    elif typ == "multiclass_hinge":
        terms, _, _ = hinge_terms(y, targets, loss.get("margin", 1.0))
        per = terms.sum(dim=1)
    else:
        raise ValueError(typ)
    return reduce(per, loss)


def crosscheck_loss(z, y, last_act, loss, targets):
    """An independent (mostly unfused / torch-module) formulation of the same loss."""
    typ = loss["type"]
    la = act_type(last_act)
    red = loss.get("reduction", "mean")
    scale = loss.get("scale", 1.0)
    if typ == "mse":
        return F.mse_loss(y, targets, reduction=red) * scale
    if typ == "binary_cross_entropy":
        if la == "sigmoid":
            # explicit, overflow-free softplus form of -[t ln s(z) + (1-t) ln(1-s(z))]
            sp = lambda v: torch.clamp(v, min=0) + torch.log1p(torch.exp(-v.abs()))
            per = targets * sp(-z) + (1.0 - targets) * sp(z)
            return reduce(per, loss)
        return F.binary_cross_entropy(y, targets, reduction=red) * scale
    if typ == "cross_entropy":
        if la == "softmax":
            t = targets if targets.dtype == DT else F.one_hot(targets, y.shape[1]).to(DT)
            per = -(t * torch.log_softmax(z, dim=1)).sum(dim=1)
            return reduce(per, loss)
        return F.cross_entropy(y, targets, reduction=red) * scale
    if typ == "multiclass_hinge":
        # torch's MultiMarginLoss divides by the number of classes C: undo it
        C = y.shape[1]
        per = F.multi_margin_loss(y, targets, margin=loss.get("margin", 1.0), reduction="none") * C
        return reduce(per, loss)
    raise ValueError(typ)


def forward(network, params, x, check=False):
    h = x
    zs = []
    for i, layer in enumerate(network["layers"]):
        W, b = params[i]
        z = h @ W.t()
        if b is not None:
            z = z + b
        if check:
            check_kinks(z, layer["activation"], "layer %d" % (i + 1))
        zs.append(z)
        h = apply_activation(z, layer["activation"])
    return zs[-1], h


# --------------------------------------------------------------------------- #
# Fixture construction
# --------------------------------------------------------------------------- #

def uniform(*shape, lo=-1.0, hi=1.0):
    return torch.rand(*shape, dtype=DT) * (hi - lo) + lo


def build(name, description, network, batch, seed, targets_fn,
          weights=None, inputs=None, tweak=None, include=("inputGradients",)):
    """Draw weights/inputs/targets from `seed`, compute, cross-check, return fixture dict."""
    torch.manual_seed(seed)
    layers = network["layers"]
    names = layer_names(layers)
    fan_in = network["inputShape"][0]

    params = []
    for i, layer in enumerate(layers):
        units = layer["units"]
        if weights is not None:
            W = torch.tensor(weights[names[i]]["W"], dtype=DT)
            b = torch.tensor(weights[names[i]]["b"], dtype=DT) if layer.get("useBias", True) else None
        else:
            W = uniform(units, fan_in)
            b = uniform(units) if layer.get("useBias", True) else None
        params.append([W, b])
        fan_in = units
    if tweak is not None:
        tweak(params)
    x = torch.tensor(inputs, dtype=DT) if inputs is not None else uniform(batch, network["inputShape"][0])
    targets = targets_fn(batch, layers[-1]["units"])

    loss_spec = network["loss"]
    last_act = layers[-1]["activation"]

    # ---- forward + backward (expected values) ----
    x_ = x.clone().requires_grad_(True)
    p_ = [[W.clone().requires_grad_(True), None if b is None else b.clone().requires_grad_(True)]
          for W, b in params]
    z, y = forward(network, p_, x_, check=True)
    L = compute_loss(z, y, last_act, loss_spec, targets)
    L.backward()

    # ---- sanity / cross-checks ----
    with torch.no_grad():
        L2 = crosscheck_loss(z, y, last_act, loss_spec, targets)
        assert math.isclose(L.item(), L2.item(), rel_tol=1e-12, abs_tol=1e-300), \
            "%s: loss cross-check %r vs %r" % (name, L.item(), L2.item())
        if loss_spec["type"] == "multiclass_hinge":
            _, raw, mask = hinge_terms(y, targets, loss_spec.get("margin", 1.0))
            m = raw[mask.bool()].abs().min().item()
            assert m > KINK_MARGIN, "%s: hinge term %.3g too close to its kink" % (name, m)
        if loss_spec["type"] == "binary_cross_entropy" and act_type(last_act) != "sigmoid":
            assert 1e-6 < y.min().item() and y.max().item() < 1 - 1e-6, "%s: unfused BCE near 0/1" % name

    flat = [x.clone().requires_grad_(True)]
    for W, b in params:
        flat.append(W.clone().requires_grad_(True))
        if b is not None:
            flat.append(b.clone().requires_grad_(True))

    def fn(*ts):
        xi, rest = ts[0], list(ts[1:])
        ps = []
        for layer in layers:
            W = rest.pop(0)
            b = rest.pop(0) if layer.get("useBias", True) else None
            ps.append([W, b])
        zz, yy = forward(network, ps, xi)
        return compute_loss(zz, yy, last_act, loss_spec, targets)

    assert torch.autograd.gradcheck(fn, tuple(flat), eps=1e-6, atol=1e-7, rtol=1e-6), name

    # ---- assemble JSON ----
    req_weights = {}
    grads = {}
    for n, (W, b), (Wg, bg) in zip(names, params, p_):
        req_weights[n] = {"W": W.tolist()}
        grads[n] = {"W": Wg.grad.tolist()}
        assert Wg.grad.shape == W.shape
        if b is not None:
            req_weights[n]["b"] = b.tolist()
            grads[n]["b"] = bg.grad.tolist()
            assert bg.grad.shape == b.shape
    assert x_.grad.shape == x.shape
    assert y.shape == (x.shape[0], layers[-1]["units"])

    fixture = {
        "description": description,
        "generator": GENERATOR,
        "request": {
            "network": network,
            "weights": req_weights,
            "inputs": x.tolist(),
            "targets": targets.tolist(),
            "include": list(include),
        },
        "expected": {
            "loss": L.item(),
            "outputs": y.detach().tolist(),
            "gradients": grads,
            "inputGradients": x_.grad.tolist(),
        },
    }
    assert_finite(fixture, name)
    return fixture


def assert_finite(obj, where):
    if isinstance(obj, float):
        assert math.isfinite(obj), "%s: non-finite number" % where
    elif isinstance(obj, dict):
        for k, v in obj.items():
            assert_finite(v, "%s/%s" % (where, k))
    elif isinstance(obj, list):
        for i, v in enumerate(obj):
            assert_finite(v, "%s/%d" % (where, i))


# target generators -------------------------------------------------------- #

def t_uniform(lo, hi):
    return lambda B, C: uniform(B, C, lo=lo, hi=hi)


def t_binary(B, C):
    return torch.randint(0, 2, (B, C)).to(DT)


def t_index(B, C):
    return torch.randint(0, C, (B,))


def t_fixed(values, dtype=DT):
    return lambda B, C: torch.tensor(values, dtype=dtype)


# --------------------------------------------------------------------------- #
# The fixtures
# --------------------------------------------------------------------------- #

def fixtures():
    out = {}

    # 1. API.md worked example ---------------------------------------------
    net = {
        "inputShape": [2],
        "layers": [
            {"name": "hidden", "type": "dense", "units": 2, "activation": "sigmoid"},
            {"name": "output", "type": "dense", "units": 2, "activation": "sigmoid"},
        ],
        "loss": {"type": "mse", "reduction": "sum", "scale": 0.5},
    }
    w = {"hidden": {"W": [[0.15, 0.20], [0.25, 0.30]], "b": [0.35, 0.35]},
         "output": {"W": [[0.40, 0.45], [0.50, 0.55]], "b": [0.60, 0.60]}}
    fx = build("worked_example",
               "API.md worked example: 2-2-2, sigmoid hidden and output, named layers, mse reduction sum "
               "scale 0.5 (= 1/2 * sum (t-y)^2), batch 1. Expected loss 0.298371109, "
               "dE/dw5 = gradients.output.W[0][0] = 0.082167041.",
               net, 1, 0, t_fixed([[0.01, 0.99]]), weights=w, inputs=[[0.05, 0.10]])
    e = fx["expected"]
    assert abs(e["loss"] - 0.298371109) < 5e-10, e["loss"]
    assert abs(e["gradients"]["output"]["W"][0][0] - 0.082167041) < 5e-10
    assert abs(e["outputs"][0][0] - 0.75136507) < 5e-9 and abs(e["outputs"][0][1] - 0.772928465) < 5e-10
    # the documented SGD step (lr 0.5) as a further check of all gradients
    for n, exp in (("output", [[0.35891648, 0.408666186], [0.511301270, 0.561370121]]),
                   ("hidden", [[0.149780716, 0.19956143], [0.24975114, 0.29950229]])):
        for i in range(2):
            for j in range(2):
                stepped = w[n]["W"][i][j] - 0.5 * e["gradients"][n]["W"][i][j]
                assert abs(stepped - exp[i][j]) < 5e-9, (n, i, j, stepped, exp[i][j])
    out["worked_example"] = fx

    # 2. relu + tanh hidden, sigmoid + BCE (default reduction) --------------
    net = {
        "inputShape": [3],
        "layers": [
            {"type": "dense", "units": 5, "activation": "relu"},
            {"type": "dense", "units": 4, "activation": "tanh"},
            {"type": "dense", "units": 2, "activation": "sigmoid"},
        ],
        "loss": {"type": "binary_cross_entropy"},
    }
    out["sigmoid_bce_relu_tanh"] = build(
        "sigmoid_bce_relu_tanh",
        "3-5-4-2, unnamed layers (layer1..layer3), relu and tanh hidden, sigmoid output + "
        "binary_cross_entropy with hard 0/1 targets, reduction and scale omitted (mean over all "
        "batch*units elements, scale 1), batch 4.",
        net, 4, 1002, t_binary)

    # 3. 4 layers, gelu / leaky_relu(0.2) / silu, softmax + CE index, sum, scale
    net = {
        "inputShape": [4],
        "layers": [
            {"name": "embed", "type": "dense", "units": 6, "activation": "gelu"},
            {"name": "mix", "type": "dense", "units": 5,
             "activation": {"type": "leaky_relu", "alpha": 0.2}},
            {"name": "gate", "type": "dense", "units": 4, "activation": "silu"},
            {"name": "classifier", "type": "dense", "units": 3, "activation": "softmax"},
        ],
        "loss": {"type": "cross_entropy", "reduction": "sum", "scale": 2.5},
    }
    out["softmax_ce_index_sum_scaled"] = build(
        "softmax_ce_index_sum_scaled",
        "4-6-5-4-3, four named layers: gelu (exact erf), leaky_relu alpha 0.2, silu hidden; softmax "
        "output + cross_entropy with class-index targets (JSON integers), reduction sum, scale 2.5, "
        "batch 5. outputs are the softmax probabilities.",
        net, 5, 3003, t_index)

    # 4. elu(0.5) / softplus hidden, linear + CE with probability targets ----
    net = {
        "inputShape": [3],
        "layers": [
            {"type": "dense", "units": 5, "activation": {"type": "elu", "alpha": 0.5}},
            {"type": "dense", "units": 4, "activation": "softplus"},
            {"type": "dense", "units": 3, "activation": "linear"},
        ],
        "loss": {"type": "cross_entropy", "reduction": "mean"},
    }
    out["linear_ce_prob_targets"] = build(
        "linear_ce_prob_targets",
        "3-5-4-3, unnamed, elu alpha 0.5 and softplus hidden; 'linear' output (logits, softmax applied "
        "inside the loss as torch CrossEntropyLoss) + cross_entropy with probability targets [batch, "
        "classes] (rows sum to exactly 1, one row one-hot, zeros included), reduction mean (over the "
        "batch), batch 3. outputs are the raw logits.",
        net, 3, 4004,
        t_fixed([[0.25, 0.5, 0.25], [0.125, 0.375, 0.5], [0.0, 0.0, 1.0]]))

    # 5. mixed names, useBias false, elu default, tanh + mse mean ------------
    net = {
        "inputShape": [3],
        "layers": [
            {"type": "dense", "units": 4, "activation": "softplus"},
            {"name": "nobias", "type": "dense", "units": 4, "activation": "elu", "useBias": False},
            {"type": "dense", "units": 2, "activation": "tanh"},
        ],
        "loss": {"type": "mse"},
    }
    out["tanh_mse_nobias_mixed_names"] = build(
        "tanh_mse_nobias_mixed_names",
        "3-4-4-2: softplus hidden (unnamed -> layer1), elu with default alpha written as a bare "
        "string, named 'nobias' with useBias false (no 'b' in weights or gradients), tanh output "
        "(unnamed -> layer3, default name from its 1-based position) + mse, reduction omitted (mean "
        "over all batch*units elements), targets uniform(-0.9, 0.9), batch 6.",
        net, 6, 5005, t_uniform(-0.9, 0.9))

    # 6. leaky_relu default / identity hidden, linear + multiclass hinge -----
    net = {
        "inputShape": [5],
        "layers": [
            {"name": "h1", "type": "dense", "units": 4, "activation": "leaky_relu"},
            {"name": "h2", "type": "dense", "units": 3, "activation": "identity"},
            {"name": "scores", "type": "dense", "units": 4, "activation": "linear"},
        ],
        "loss": {"type": "multiclass_hinge", "margin": 0.5},
    }
    out["linear_hinge_margin"] = build(
        "linear_hinge_margin",
        "5-4-3-4, named: leaky_relu default alpha 0.01 (bare string), identity hidden; linear output + "
        "multiclass_hinge margin 0.5 with class-index targets: per example sum_{j!=y} max(0, y_j - "
        "y_y + 0.5), NOT divided by the number of classes (torch MultiMarginLoss * C); reduction "
        "omitted (mean over the batch), batch 6; a mix of active and inactive hinge terms.",
        net, 6, 6006, t_index)

    # 7. softmax + BCE (unfused) --------------------------------------------
    net = {
        "inputShape": [3],
        "layers": [
            {"type": "dense", "units": 4, "activation": "silu"},
            {"type": "dense", "units": 4, "activation": "softmax"},
        ],
        "loss": {"type": "binary_cross_entropy", "reduction": "sum", "scale": 1.0},
    }
    out["softmax_bce_sum"] = build(
        "softmax_bce_sum",
        "3-4-4, unnamed: silu hidden; softmax output + binary_cross_entropy on the probabilities "
        "(element-wise, not fused: the gradient goes through the softmax Jacobian), soft targets "
        "uniform(0,1), reduction sum, explicit scale 1.0, batch 2.",
        net, 2, 7007, t_uniform(0.0, 1.0))

    # 8. softmax as a hidden activation, identity + mse sum, batch 1 ---------
    net = {
        "inputShape": [4],
        "layers": [
            {"type": "dense", "units": 3, "activation": "softmax"},
            {"type": "dense", "units": 4, "activation": "sigmoid"},
            {"type": "dense", "units": 2, "activation": "identity"},
        ],
        "loss": {"type": "mse", "reduction": "sum", "scale": 0.1},
    }
    out["hidden_softmax_identity_mse"] = build(
        "hidden_softmax_identity_mse",
        "4-3-4-2, unnamed: softmax as a hidden activation (over the last axis), sigmoid hidden; "
        "identity output + mse, reduction sum, scale 0.1, batch 1.",
        net, 1, 8008, t_uniform(-1.0, 1.0))

    # 9. tanh last layer + cross_entropy: outputs treated as logits ----------
    net = {
        "inputShape": [3],
        "layers": [
            {"type": "dense", "units": 4, "activation": "relu"},
            {"type": "dense", "units": 3, "activation": "tanh"},
        ],
        "loss": {"type": "cross_entropy"},
    }
    out["tanh_ce_outputs_as_logits"] = build(
        "tanh_ce_outputs_as_logits",
        "3-4-3, unnamed: relu hidden; tanh output + cross_entropy with class-index targets. The last "
        "activation is neither softmax nor linear, so its outputs (tanh values) are treated as logits, "
        "as torch CrossEntropyLoss(tanh(z), target) would; reduction omitted (mean over the batch), "
        "batch 4.",
        net, 4, 9009, t_index)

    # 10. large logits, sigmoid + BCE ----------------------------------------
    net = {
        "inputShape": [3],
        "layers": [
            {"name": "hidden", "type": "dense", "units": 4, "activation": "tanh"},
            {"name": "output", "type": "dense", "units": 3, "activation": "sigmoid"},
        ],
        "loss": {"type": "binary_cross_entropy", "reduction": "mean"},
    }

    def big_sigmoid(params):
        W, b = params[1]
        W.mul_(4.0)
        b.copy_(torch.tensor([75.0, -80.0, 65.0]))

    fx = build(
        "large_logits_sigmoid_bce",
        "3-4-3 named: tanh hidden; sigmoid output whose pre-activations are |z| ~ 65-81 (output W "
        "scaled by 4, biases 75, -80, 65) + binary_cross_entropy, mean. Targets agree with the "
        "saturation (loss ~ e^-|z|), contradict it (loss ~ |z|), or are soft (0.25). Computed as "
        "BCE-with-logits: the outputs round to exactly 1.0 or to ~1e-35, yet loss and gradients "
        "(dL/dz = y - t) are finite and exact; a naive ln(1-y) would be -inf (torch BCELoss would "
        "clamp it to -100).",
        net, 3, 10010,
        t_fixed([[1.0, 0.0, 0.25], [0.0, 1.0, 1.0], [1.0, 0.0, 0.0]]),
        tweak=big_sigmoid)
    out["large_logits_sigmoid_bce"] = fx

    # 11. large logits, softmax + CE -----------------------------------------
    net = {
        "inputShape": [3],
        "layers": [
            {"name": "hidden", "type": "dense", "units": 4, "activation": "tanh"},
            {"name": "output", "type": "dense", "units": 4, "activation": "softmax"},
        ],
        "loss": {"type": "cross_entropy"},
    }

    def big_softmax(params):
        W, b = params[1]
        W.mul_(4.0)
        b.copy_(torch.tensor([60.0, -70.0, 90.0, 0.0]))

    out["large_logits_softmax_ce"] = build(
        "large_logits_softmax_ce",
        "3-4-4 named: tanh hidden; softmax output with logits in about -73..+93 (output W scaled by "
        "4, biases 60, -70, 90, 0) + cross_entropy with class-index targets [2, 0, 1]: the top class "
        "(loss ~ 3e-11), the second (loss ~ 23), a class ~159 below the top (loss ~ 159, probability "
        "~1e-69). Computed with log_softmax (dL/dz = p - onehot); reduction omitted (mean over the "
        "batch), batch 3.",
        net, 3, 11011, t_fixed([2, 0, 1], dtype=torch.long),
        tweak=big_softmax)

    return out


# --------------------------------------------------------------------------- #
# Output
# --------------------------------------------------------------------------- #

def _is_scalar(v):
    return isinstance(v, (int, float, str, bool)) or v is None


def dumps(obj, indent=0):
    """JSON with one line per innermost list; floats as Python repr (shortest round-trip)."""
    pad = "  " * indent
    if isinstance(obj, dict):
        if not obj:
            return "{}"
        items = ['%s  %s: %s' % (pad, json.dumps(k), dumps(v, indent + 1)) for k, v in obj.items()]
        return "{\n" + ",\n".join(items) + "\n" + pad + "}"
    if isinstance(obj, list):
        if all(_is_scalar(v) for v in obj):
            return json.dumps(obj, allow_nan=False)
        if all(isinstance(v, list) and all(_is_scalar(u) for u in v) for v in obj) \
                and not any(isinstance(v, dict) for v in obj):
            rows = [pad + "  " + json.dumps(v, allow_nan=False) for v in obj]
            return "[\n" + ",\n".join(rows) + "\n" + pad + "]"
        rows = [pad + "  " + dumps(v, indent + 1) for v in obj]
        return "[\n" + ",\n".join(rows) + "\n" + pad + "]"
    return json.dumps(obj, allow_nan=False)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output directory (default: %(default)s)")
    ap.add_argument("--check", action="store_true",
                    help="do not write; fail if any file differs from what would be generated")
    args = ap.parse_args()

    fx = fixtures()
    if not args.check:
        args.out.mkdir(parents=True, exist_ok=True)
    bad = 0
    for name, f in fx.items():
        text = dumps(f) + "\n"
        assert json.loads(text) == json.loads(json.dumps(f)), name  # round-trips exactly
        path = args.out / (name + ".json")
        if args.check:
            same = path.exists() and path.read_text() == text
            print("%-32s %s" % (name, "ok" if same else "DIFFERS"))
            bad += not same
        else:
            path.write_text(text)
            print("wrote %s  loss=%r" % (path, f["expected"]["loss"]))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
