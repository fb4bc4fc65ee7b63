#!/usr/bin/env python3
"""Reference training runs for gradserve's sessions (POST /v1/sessions, .../steps), computed with torch.optim.

Each fixture is written to src/test/resources/fixtures/torch-optimizers/<name>.json as

    {"description": ..., "generator": ...,
     "create": {"network", "weights", "optimizer"},        # a valid POST /v1/sessions body
     "steps": [{"inputs", "targets",
                "expected": {"loss":    <loss of the weights BEFORE this step's update>,
                             "weights": <all weights AFTER this step's update>}}, ... 20 entries],
     "finalOptimizerState": {"<buffer>": {"<layer>": {"W": ..., "b": ...}}}}

A small MLP is trained for 20 steps with one torch.optim optimizer, in float64. Each step takes a
different random mini-batch of a fixed data set (targets from a random "teacher", so the loss moves).
The network and loss semantics are those of torch_fixtures.py (imported from it: fused sigmoid+BCE and
softmax+CE, default layer names layer1.., ...). Gradient clipping, when the optimizer asks for it, is
applied to the gradients of ALL parameters before optimizer.step(): clip_grad_value_ first, then
clip_grad_norm_ (global L2 norm, torch's coefficient max_norm / (norm + 1e-6), capped at 1).

finalOptimizerState is torch's optimizer.state after step 20, with the buffers renamed
(momentum_buffer -> momentumBuffer, exp_avg -> expAvg, exp_avg_sq -> expAvgSq,
max_exp_avg_sq -> maxExpAvgSq, square_avg -> squareAvg, grad_avg -> gradAvg, sum -> sum);
torch's "step" entry is left out, and so are buffers torch holds as None (plain SGD).

Checks before anything is written:
  * every run is replayed by an independent transcription of the update formulas (and of both
    clipping functions) and must agree with torch.optim at every step;
  * closed forms of the first step: Adam (p - lr*g/(|g|+eps)), Adagrad, SGD momentum/nesterov;
  * the API.md worked example: the first step gives the documented output and hidden W;
  * the loss is cross-checked with the second formulation of torch_fixtures.py;
  * no relu pre-activation lies within 1e-3 of its kink, no gradient element within 1e-6 of
    +-clipValue, no global norm within 1e-6 of clipNorm (so that a faithful replay cannot take the
    other branch); clipping is active where a fixture is about it;
  * every number is finite.

Usage (Debian's python, which has torch; the pyenv python3 does not):
    /usr/bin/python3 src/test/python/torch_optimizer_fixtures.py          # (re)write
    /usr/bin/python3 src/test/python/torch_optimizer_fixtures.py --check  # compare only
"""

import argparse
import json
import math
import sys
from pathlib import Path

sys.dont_write_bytecode = True  # importing torch_fixtures must not leave a __pycache__ behind
sys.path.insert(0, str(Path(__file__).resolve().parent))

import torch  # noqa: E402

import torch_fixtures as tf  # noqa: E402  (network/loss semantics, JSON layout, finiteness check)

DT = torch.float64
torch.set_default_dtype(DT)

GENERATOR = "src/test/python/torch_optimizer_fixtures.py (torch %s)" % torch.__version__
DEFAULT_OUT = Path(__file__).resolve().parents[1] / "resources" / "fixtures" / "torch-optimizers"

STEPS = 20
DATASET_SIZE = 32
CLIP_MARGIN = 1e-6   # minimal distance of |g| from clipValue and of the global norm from clipNorm
REF_TOL = 1e-10      # independent transcription vs torch.optim: |a - b| <= REF_TOL * (1 + |b|)

BUFFER_NAMES = {
    "momentum_buffer": "momentumBuffer",
    "exp_avg": "expAvg",
    "exp_avg_sq": "expAvgSq",
    "max_exp_avg_sq": "maxExpAvgSq",
    "square_avg": "squareAvg",
    "grad_avg": "gradAvg",
    "sum": "sum",
}


# --------------------------------------------------------------------------- #
# Optimizer JSON -> torch.optim
# --------------------------------------------------------------------------- #

def make_torch_optimizer(spec, params):
    t = spec["type"]
    if t == "sgd":
        return torch.optim.SGD(params, lr=spec["learningRate"], momentum=spec["momentum"],
                               dampening=spec["dampening"], nesterov=spec["nesterov"],
                               weight_decay=spec["weightDecay"])
    if t == "adam":
        return torch.optim.Adam(params, lr=spec["learningRate"], betas=(spec["beta1"], spec["beta2"]),
                                eps=spec["epsilon"], weight_decay=spec["weightDecay"], amsgrad=spec["amsgrad"])
    if t == "rmsprop":
        return torch.optim.RMSprop(params, lr=spec["learningRate"], alpha=spec["alpha"], eps=spec["epsilon"],
                                   weight_decay=spec["weightDecay"], momentum=spec["momentum"],
                                   centered=spec["centered"])
    if t == "adagrad":
        return torch.optim.Adagrad(params, lr=spec["learningRate"], lr_decay=spec["learningRateDecay"],
                                   weight_decay=spec["weightDecay"],
                                   initial_accumulator_value=spec["initialAccumulatorValue"],
                                   eps=spec["epsilon"])
    raise ValueError(t)


def torch_clip(spec, params):
    """Clip as the session does: by value first, then by global norm. Returns (norm before norm-clip, #clamped)."""
    clamped = 0
    if "clipValue" in spec:
        cv = spec["clipValue"]
        for p in params:
            a = p.grad.abs()
            clamped += int((a > cv).sum().item())
            m = (a - cv).abs().min().item()
            assert m > CLIP_MARGIN, "gradient element %.3g from clipValue" % m
        torch.nn.utils.clip_grad_value_(params, cv)
    norm = None
    if "clipNorm" in spec:
        norm = torch.nn.utils.clip_grad_norm_(params, spec["clipNorm"]).item()
        assert abs(norm - spec["clipNorm"]) > CLIP_MARGIN, "global norm %.17g at clipNorm" % norm
    return norm, clamped


# --------------------------------------------------------------------------- #
# Independent transcription of the update rules (torch.optim docs / API.md)
# --------------------------------------------------------------------------- #

class Reference:
    """The optimizers written out from their formulas, on plain tensors, without torch.optim."""

    def __init__(self, spec, params):
        self.s = spec
        self.t = 0
        n = len(params)
        self.buf = [None] * n                                      # sgd / rmsprop momentum
        self.m = [torch.zeros_like(p) for p in params]             # adam exp_avg
        self.v = [torch.zeros_like(p) for p in params]             # adam exp_avg_sq / rmsprop square_avg
        self.vmax = [torch.zeros_like(p) for p in params]          # adam max_exp_avg_sq
        self.gavg = [torch.zeros_like(p) for p in params]          # rmsprop grad_avg
        self.acc = [torch.full_like(p, spec.get("initialAccumulatorValue", 0.0)) for p in params]  # adagrad sum

    def clip(self, grads):
        s = self.s
        if "clipValue" in s:
            c = s["clipValue"]
            grads = [torch.where(g > c, torch.full_like(g, c), torch.where(g < -c, torch.full_like(g, -c), g))
                     for g in grads]
        if "clipNorm" in s:
            total = math.sqrt(sum(float((g * g).sum()) for g in grads))
            coef = min(1.0, s["clipNorm"] / (total + 1e-6))
            grads = [g * coef for g in grads]
        return grads

    def step(self, params, grads):
        s = self.s
        self.t += 1
        t = self.t
        grads = self.clip(grads)
        out = []
        for i, (p, g) in enumerate(zip(params, grads)):
            g = g + s["weightDecay"] * p
            if s["type"] == "sgd":
                mu = s["momentum"]
                if mu != 0:
                    self.buf[i] = g.clone() if t == 1 else mu * self.buf[i] + (1 - s["dampening"]) * g
                    g = g + mu * self.buf[i] if s["nesterov"] else self.buf[i]
                p = p - s["learningRate"] * g
            elif s["type"] == "adam":
                b1, b2 = s["beta1"], s["beta2"]
                self.m[i] = b1 * self.m[i] + (1 - b1) * g
                self.v[i] = b2 * self.v[i] + (1 - b2) * g * g
                v = self.v[i]
                if s["amsgrad"]:
                    self.vmax[i] = torch.maximum(self.vmax[i], self.v[i])
                    v = self.vmax[i]
                mhat = self.m[i] / (1 - b1 ** t)
                p = p - s["learningRate"] * mhat / (torch.sqrt(v) / math.sqrt(1 - b2 ** t) + s["epsilon"])
            elif s["type"] == "rmsprop":
                a = s["alpha"]
                self.v[i] = a * self.v[i] + (1 - a) * g * g
                if s["centered"]:
                    self.gavg[i] = a * self.gavg[i] + (1 - a) * g
                    denom = torch.sqrt(self.v[i] - self.gavg[i] ** 2) + s["epsilon"]
                else:
                    denom = torch.sqrt(self.v[i]) + s["epsilon"]
                if s["momentum"] > 0:
                    prev = self.buf[i] if self.buf[i] is not None else torch.zeros_like(p)
                    self.buf[i] = s["momentum"] * prev + g / denom
                    p = p - s["learningRate"] * self.buf[i]
                else:
                    p = p - s["learningRate"] * g / denom
            elif s["type"] == "adagrad":
                clr = s["learningRate"] / (1 + (t - 1) * s["learningRateDecay"])
                self.acc[i] = self.acc[i] + g * g
                p = p - clr * g / (torch.sqrt(self.acc[i]) + s["epsilon"])
            else:
                raise ValueError(s["type"])
            out.append(p)
        return out

    def state(self):
        """Buffers under torch's state keys, for comparison with optimizer.state."""
        s = self.s
        if s["type"] == "sgd":
            return {"momentum_buffer": self.buf} if s["momentum"] != 0 else {}
        if s["type"] == "adam":
            st = {"exp_avg": self.m, "exp_avg_sq": self.v}
            if s["amsgrad"]:
                st["max_exp_avg_sq"] = self.vmax
            return st
        if s["type"] == "rmsprop":
            st = {"square_avg": self.v}
            if s["momentum"] > 0:
                st["momentum_buffer"] = self.buf
            if s["centered"]:
                st["grad_avg"] = self.gavg
            return st
        if s["type"] == "adagrad":
            return {"sum": self.acc}
        raise ValueError(s["type"])


def close(a, b, tol=REF_TOL):
    return bool(((a - b).abs() <= tol * (1 + b.abs())).all())


# --------------------------------------------------------------------------- #
# Data
# --------------------------------------------------------------------------- #

def teacher_targets(kind, X, C):
    """Targets from a random linear teacher, so that there is something to learn."""
    A = tf.uniform(X.shape[1], C, lo=-2.0, hi=2.0)
    s = X @ A
    if kind == "regression":
        return 0.8 * torch.tanh(s)
    if kind == "index":
        return s.argmax(dim=1)
    if kind == "binary":
        return (s > 0).to(DT)
    raise ValueError(kind)


# --------------------------------------------------------------------------- #
# One training run
# --------------------------------------------------------------------------- #

def run(name, description, network, optimizer, seed, batch, target_kind,
        weights=None, data=None, tweak=None, expect_clipping=False):
    torch.manual_seed(seed)
    layers = network["layers"]
    names = tf.layer_names(layers)

    # weights: given, or uniform(-1, 1) as torch_fixtures.py draws them
    params, keys = [], []   # flat list of leaf tensors; keys[i] = (layer name, "W" | "b")
    fan_in = network["inputShape"][0]
    for n, layer in zip(names, layers):
        if weights is not None:
            W = torch.tensor(weights[n]["W"], dtype=DT)
            b = torch.tensor(weights[n]["b"], dtype=DT) if layer.get("useBias", True) else None
        else:
            W = tf.uniform(layer["units"], fan_in)
            b = tf.uniform(layer["units"]) if layer.get("useBias", True) else None
        params.append(W)
        keys.append((n, "W"))
        if b is not None:
            params.append(b)
            keys.append((n, "b"))
        fan_in = layer["units"]
    if tweak is not None:
        tweak(params)
    initial = [p.clone() for p in params]

    # data set and mini-batches
    if data is not None:
        X, T = data
    else:
        X = tf.uniform(DATASET_SIZE, network["inputShape"][0])
        T = teacher_targets(target_kind, X, layers[-1]["units"])
    gen = torch.Generator().manual_seed(seed + 1)

    def weights_json(ps):
        out = {n: {} for n in names}
        for (n, k), p in zip(keys, ps):
            out[n][k] = p.detach().tolist()
        return out

    def forward_loss(ps, x, t, check):
        it = iter(ps)
        struct = []
        for layer in layers:
            W = next(it)
            b = next(it) if layer.get("useBias", True) else None
            struct.append([W, b])
        z, y = tf.forward(network, struct, x, check=check)
        return tf.compute_loss(z, y, layers[-1]["activation"], network["loss"], t), \
            tf.crosscheck_loss(z, y, layers[-1]["activation"], network["loss"], t)

    leaves = [p.clone().requires_grad_(True) for p in params]
    opt = make_torch_optimizer(optimizer, leaves)
    ref = Reference(optimizer, params)
    ref_params = [p.clone() for p in params]

    steps, norms, clamped_counts, losses = [], [], [], []
    max_dev = 0.0
    for k in range(STEPS):
        if data is not None:
            x, t = X, T
        else:
            idx = torch.randperm(X.shape[0], generator=gen)[:batch]
            x, t = X[idx], T[idx]

        # --- torch.optim ---
        opt.zero_grad(set_to_none=True)
        L, L2 = forward_loss(leaves, x, t, check=True)
        assert math.isclose(L.item(), L2.item(), rel_tol=1e-12), (name, k, L.item(), L2.item())
        L.backward()
        raw_grads = [p.grad.detach().clone() for p in leaves]
        norm, clamped = torch_clip(optimizer, leaves)
        before = [p.detach().clone() for p in leaves]
        opt.step()
        after = [p.detach().clone() for p in leaves]
        norms.append(norm)
        clamped_counts.append(clamped)
        losses.append(L.item())

        # --- closed forms of step 1 (no clipping, no weight decay) ---
        if k == 0 and "clipNorm" not in optimizer and "clipValue" not in optimizer:
            check_first_step(name, optimizer, before, raw_grads, after)

        # --- independent transcription, on its own trajectory ---
        rp = [p.clone().requires_grad_(True) for p in ref_params]
        RL, _ = forward_loss(rp, x, t, check=False)
        rgrads = torch.autograd.grad(RL, rp)
        ref_params = ref.step([p.detach() for p in rp], [g.detach() for g in rgrads])
        assert math.isclose(RL.item(), L.item(), rel_tol=1e-9, abs_tol=1e-12), (name, k, RL.item(), L.item())
        for a, b in zip(ref_params, after):
            assert close(a, b), "%s step %d: reference %s vs torch %s" % (name, k + 1, a.tolist(), b.tolist())
            max_dev = max(max_dev, ((a - b).abs() / (1 + b.abs())).max().item())

        steps.append({
            "inputs": x.tolist(),
            "targets": t.tolist(),
            "expected": {"loss": L.item(), "weights": weights_json(after)},
        })

    # --- final optimizer state, renamed ---
    final = {}
    ref_state = ref.state()
    for p, (n, key) in zip(leaves, keys):
        for tk, v in opt.state[p].items():
            if tk == "step" or v is None:
                continue
            assert tk in BUFFER_NAMES, tk
            i = keys.index((n, key))
            assert close(ref_state[tk][i], v), "%s: final %s of %s.%s" % (name, tk, n, key)
            final.setdefault(BUFFER_NAMES[tk], {}).setdefault(n, {})[key] = v.tolist()
    assert set(BUFFER_NAMES[k] for k in ref_state) == set(final), (name, list(ref_state), list(final))

    # --- sanity: the loss moves, clipping is active where expected ---
    assert len(set(losses)) == STEPS and max(losses) - min(losses) > 1e-3 * max(abs(l) for l in losses), name
    assert all(not torch.equal(a, b) for a, b in zip(initial, after)), name
    info = ""
    if "clipNorm" in optimizer:
        n_clip = sum(nm > optimizer["clipNorm"] for nm in norms)
        info += " norm>clipNorm in %d/%d steps (norms %.3g..%.3g)" % (n_clip, STEPS, min(norms), max(norms))
        if expect_clipping:
            assert n_clip >= 5, (name, norms)
    if "clipValue" in optimizer:
        n_steps = sum(c > 0 for c in clamped_counts)
        info += " clipValue active in %d/%d steps (%d elements)" % (n_steps, STEPS, sum(clamped_counts))
        if expect_clipping:
            assert n_steps >= 5, (name, clamped_counts)

    fixture = {
        "description": description,
        "generator": GENERATOR,
        "create": {"network": network, "weights": weights_json(initial), "optimizer": optimizer},
        "steps": steps,
        "finalOptimizerState": final,
    }
    tf.assert_finite(fixture, name)
    summary = "loss %.6g -> %.6g, reference max rel dev %.2g%s" % (losses[0], losses[-1], max_dev, info)
    return fixture, summary


def check_first_step(name, spec, before, grads, after):
    """Step 1 of each optimizer in closed form (buffers start at zero / initial values)."""
    lr, wd = spec["learningRate"], spec["weightDecay"]
    for p0, g0, p1 in zip(before, grads, after):
        g = g0 + wd * p0
        if spec["type"] == "sgd":
            mu = spec["momentum"]
            # buffer = g at step 1 (dampening not applied); nesterov: g + mu*g
            step = g * (1 + mu) if spec["nesterov"] else g
        elif spec["type"] == "adam":
            # m = (1-b1) g, v = (1-b2) g^2: bias corrections cancel -> lr * g / (|g| + eps)
            step = g / (g.abs() + spec["epsilon"])
        elif spec["type"] == "rmsprop":
            a = spec["alpha"]
            if spec["centered"]:
                den = torch.sqrt((1 - a) * g * g - ((1 - a) * g) ** 2) + spec["epsilon"]
            else:
                den = math.sqrt(1 - a) * g.abs() + spec["epsilon"]
            step = g / den  # momentum buffer starts at 0: buf = g / den
        elif spec["type"] == "adagrad":
            step = g / (torch.sqrt(spec["initialAccumulatorValue"] + g * g) + spec["epsilon"])
        else:
            raise ValueError(spec["type"])
        assert close(p0 - lr * step, p1, 1e-12), "%s: first step closed form" % name


# --------------------------------------------------------------------------- #
# The fixtures
# --------------------------------------------------------------------------- #

def sgd(lr, momentum=0.0, dampening=0.0, nesterov=False, weight_decay=0.0, **clip):
    return dict({"type": "sgd", "learningRate": lr, "momentum": momentum, "dampening": dampening,
                 "nesterov": nesterov, "weightDecay": weight_decay}, **clip)


def adam(lr, beta1=0.9, beta2=0.999, epsilon=1e-8, weight_decay=0.0, amsgrad=False, **clip):
    return dict({"type": "adam", "learningRate": lr, "beta1": beta1, "beta2": beta2, "epsilon": epsilon,
                 "weightDecay": weight_decay, "amsgrad": amsgrad}, **clip)


def rmsprop(lr, alpha=0.99, epsilon=1e-8, momentum=0.0, centered=False, weight_decay=0.0, **clip):
    return dict({"type": "rmsprop", "learningRate": lr, "alpha": alpha, "epsilon": epsilon, "momentum": momentum,
                 "centered": centered, "weightDecay": weight_decay}, **clip)


def adagrad(lr, lr_decay=0.0, initial_accumulator_value=0.0, epsilon=1e-10, weight_decay=0.0, **clip):
    return dict({"type": "adagrad", "learningRate": lr, "learningRateDecay": lr_decay,
                 "initialAccumulatorValue": initial_accumulator_value, "epsilon": epsilon,
                 "weightDecay": weight_decay}, **clip)


def dense(units, activation, name=None, use_bias=True):
    d = {"type": "dense", "units": units, "activation": activation}
    if name is not None:
        d = dict({"name": name}, **d)
    if not use_bias:
        d["useBias"] = False
    return d


COMMON = ("20 steps, float64; every step a different random mini-batch of a fixed %d-example data set "
          "(targets from a random linear teacher). steps[k].expected.loss is the loss of the weights before "
          "update k+1, steps[k].expected.weights all weights after it. " % DATASET_SIZE)


def fixtures():
    out = {}

    def add(name, description, *args, **kw):
        fx, summary = run(name, COMMON + description, *args, **kw)
        out[name] = (fx, summary)

    # 1. SGD plain -----------------------------------------------------------
    add("sgd_plain_tanh_mse",
        "3-5-2 unnamed (layer1, layer2): tanh hidden, identity output + mse (mean), batch 4. "
        "SGD lr 0.1, no momentum: torch keeps momentum_buffer = None, so finalOptimizerState is empty.",
        {"inputShape": [3], "layers": [dense(5, "tanh"), dense(2, "identity")], "loss": {"type": "mse"}},
        sgd(0.1), 101, 4, "regression")

    # 2. SGD momentum + dampening + weight decay -------------------------------
    add("sgd_momentum_dampening_wd_relu_softmax_ce",
        "4-6-3 named: relu hidden, softmax output + cross_entropy with class indices (mean), batch 6. "
        "SGD lr 0.1, momentum 0.9, dampening 0.1, weightDecay 0.01 (the buffer is g at step 1, undamped, "
        "as torch).",
        {"inputShape": [4], "layers": [dense(6, "relu", "hidden"), dense(3, "softmax", "output")],
         "loss": {"type": "cross_entropy"}},
        sgd(0.1, momentum=0.9, dampening=0.1, weight_decay=0.01), 202, 6, "index")

    # 3. SGD nesterov ----------------------------------------------------------
    add("sgd_nesterov_sigmoid_bce",
        "3-4-4-2 unnamed: tanh and sigmoid hidden, sigmoid output + binary_cross_entropy with 0/1 targets "
        "(fused, mean over all elements), batch 5. SGD lr 0.1, momentum 0.9, dampening 0, nesterov.",
        {"inputShape": [3], "layers": [dense(4, "tanh"), dense(4, "sigmoid"), dense(2, "sigmoid")],
         "loss": {"type": "binary_cross_entropy"}},
        sgd(0.1, momentum=0.9, nesterov=True), 303, 5, "binary")

    # 4. Adam defaults, lr 0.01 ------------------------------------------------
    add("adam_defaults_relu_softmax_ce",
        "4-5-3 unnamed: relu hidden, softmax output + cross_entropy with class indices, reduction sum, "
        "batch 8. Adam with torch's defaults (beta1 0.9, beta2 0.999, epsilon 1e-8, weightDecay 0, "
        "amsgrad false, all written out) except learningRate 0.01.",
        {"inputShape": [4], "layers": [dense(5, "relu"), dense(3, "softmax")],
         "loss": {"type": "cross_entropy", "reduction": "sum"}},
        adam(0.01), 407, 8, "index")

    # 5. Adam amsgrad + weight decay, betas (0.8, 0.99) -------------------------
    add("adam_amsgrad_wd_nobias_sigmoid_bce",
        "3-6-4-2 mixed names: tanh hidden (layer1), relu hidden named 'nobias' with useBias false "
        "(no b in weights or state), sigmoid output (layer3) + binary_cross_entropy (fused, mean), batch 6. "
        "Adam lr 0.02, beta1 0.8, beta2 0.99, epsilon 1e-8, weightDecay 0.05 (L2 added to the gradient, "
        "not AdamW), amsgrad true.",
        {"inputShape": [3], "layers": [dense(6, "tanh"), dense(4, "relu", "nobias", use_bias=False),
                                       dense(2, "sigmoid")],
         "loss": {"type": "binary_cross_entropy"}},
        adam(0.02, beta1=0.8, beta2=0.99, weight_decay=0.05, amsgrad=True), 506, 6, "binary")

    # 6. RMSprop plain -----------------------------------------------------------
    add("rmsprop_plain_tanh_mse",
        "3-4-2 named: tanh hidden, tanh output + mse (mean), batch 4. RMSprop lr 0.01 with torch's "
        "defaults written out: alpha 0.99, epsilon 1e-8 (added after the square root), momentum 0, "
        "centered false, weightDecay 0.",
        {"inputShape": [3], "layers": [dense(4, "tanh", "hidden"), dense(2, "tanh", "output")],
         "loss": {"type": "mse"}},
        rmsprop(0.01), 606, 4, "regression")

    # 7. RMSprop centered + momentum + weight decay ------------------------------
    add("rmsprop_centered_momentum_wd_relu_softmax_ce",
        "4-5-4-3 unnamed: relu and tanh hidden, softmax output + cross_entropy with class indices (mean), "
        "batch 6. RMSprop lr 0.01, alpha 0.99, epsilon 1e-8, centered (denominator sqrt(squareAvg - "
        "gradAvg^2) + epsilon), momentum 0.5, weightDecay 0.01.",
        {"inputShape": [4], "layers": [dense(5, "relu"), dense(4, "tanh"), dense(3, "softmax")],
         "loss": {"type": "cross_entropy"}},
        rmsprop(0.01, momentum=0.5, centered=True, weight_decay=0.01), 707, 6, "index")

    # 8. Adagrad -------------------------------------------------------------------
    add("adagrad_lrdecay_initacc_sigmoid_bce",
        "3-5-2 named: relu hidden, sigmoid output + binary_cross_entropy (fused), reduction sum, batch 5. "
        "Adagrad lr 0.1, learningRateDecay 0.1 (step k uses lr / (1 + (k-1)*0.1)), initialAccumulatorValue "
        "0.1, epsilon 1e-10 (torch's default), weightDecay 0.",
        {"inputShape": [3], "layers": [dense(5, "relu", "hidden"), dense(2, "sigmoid", "output")],
         "loss": {"type": "binary_cross_entropy", "reduction": "sum"}},
        adagrad(0.1, lr_decay=0.1, initial_accumulator_value=0.1), 810, 5, "binary")

    # 9. SGD with clipNorm ----------------------------------------------------------
    add("sgd_clipnorm_tanh_mse",
        "3-6-2 unnamed: tanh hidden, identity output + mse (mean), batch 6. SGD lr 0.3, clipNorm 0.5: "
        "before each step the gradients of all parameters together are scaled by min(1, 0.5 / (norm + "
        "1e-6)) (torch clip_grad_norm_, global L2 norm over every W and b); the norm exceeds 0.5 in "
        "some steps and not in others.",
        {"inputShape": [3], "layers": [dense(6, "tanh"), dense(2, "identity")],
         "loss": {"type": "mse"}},
        sgd(0.3, clipNorm=0.5), 909, 6, "regression", expect_clipping=True)

    # 10. Adam with clipValue ---------------------------------------------------------
    add("adam_clipvalue_relu_softmax_ce",
        "4-6-3 named: relu hidden, softmax output + cross_entropy with class indices (mean), batch 6. Adam "
        "lr 0.01 (other settings torch's defaults), clipValue 0.05: every gradient element is clamped to "
        "[-0.05, 0.05] before the update (torch clip_grad_value_); active in every step.",
        {"inputShape": [4], "layers": [dense(6, "relu", "hidden"), dense(3, "softmax", "output")],
         "loss": {"type": "cross_entropy"}},
        adam(0.01, clipValue=0.05), 1012, 6, "index", expect_clipping=True)

    # 11. API.md worked example, 20 SGD steps on the same example ----------------------
    net = {"inputShape": [2],
           "layers": [dense(2, "sigmoid", "hidden"), dense(2, "sigmoid", "output")],
           "loss": {"type": "mse", "reduction": "sum", "scale": 0.5}}
    w = {"hidden": {"W": [[0.15, 0.20], [0.25, 0.30]], "b": [0.35, 0.35]},
         "output": {"W": [[0.40, 0.45], [0.50, 0.55]], "b": [0.60, 0.60]}}
    data = (torch.tensor([[0.05, 0.10]]), torch.tensor([[0.01, 0.99]]))
    fx, summary = run("worked_example_sgd",
                      "API.md worked example: 2-2-2 sigmoid/sigmoid, named layers, mse reduction sum scale 0.5, "
                      "weights w1..w8 = 0.15..0.55, biases 0.35 and 0.60, input [0.05, 0.1], target [0.01, 0.99]; "
                      "SGD lr 0.5, 20 steps on this same example (batch 1; not a random mini-batch). As torch, "
                      "the biases are updated too. Step 1: loss 0.298371109, output W [[0.35891648, "
                      "0.408666186], [0.511301270, 0.561370121]], hidden W [[0.149780716, 0.19956143], "
                      "[0.24975114, 0.29950229]].",
                      net, sgd(0.5), 1111, 1, None, weights=w, data=data)
    s1 = fx["steps"][0]["expected"]
    assert abs(s1["loss"] - 0.298371109) < 5e-10, s1["loss"]
    for n, exp in (("output", [[0.35891648, 0.408666186], [0.511301270, 0.561370121]]),
                   ("hidden", [[0.149780716, 0.19956143], [0.24975114, 0.29950229]])):
        for i in range(2):
            for j in range(2):
                got = s1["weights"][n]["W"][i][j]
                assert abs(got - exp[i][j]) < 5e-9, (n, i, j, got, exp[i][j])
    assert all(s["inputs"] == [[0.05, 0.1]] and s["targets"] == [[0.01, 0.99]] for s in fx["steps"])
    out["worked_example_sgd"] = (fx, summary)

    # 12. both clips: value first, then norm ---------------------------------------------
    spec = sgd(0.1, momentum=0.9, clipValue=0.1, clipNorm=0.2)
    add("sgd_momentum_clipvalue_then_clipnorm",
        "3-5-2 unnamed: tanh hidden, identity output + mse reduction sum, batch 6. SGD lr 0.1, momentum 0.9, "
        "clipValue 0.1 and clipNorm 0.2: each element clamped to [-0.1, 0.1] first, then all gradients "
        "scaled by min(1, 0.2 / (norm + 1e-6)) where norm is that of the clamped gradients. The opposite "
        "order would give different weights.",
        {"inputShape": [3], "layers": [dense(5, "tanh"), dense(2, "identity")],
         "loss": {"type": "mse", "reduction": "sum"}},
        spec, 1212, 6, "regression", expect_clipping=True)
    check_order_matters(out["sgd_momentum_clipvalue_then_clipnorm"][0])

    return out


def check_order_matters(fx):
    """Replaying fixture 12 with norm-then-value clipping must not reproduce its step-1 weights."""
    net, w0, spec = fx["create"]["network"], fx["create"]["weights"], fx["create"]["optimizer"]
    names = tf.layer_names(net["layers"])
    ps = []
    for n in names:
        ps.append(torch.tensor(w0[n]["W"]).requires_grad_(True))
        ps.append(torch.tensor(w0[n]["b"]).requires_grad_(True))
    s = fx["steps"][0]
    x, t = torch.tensor(s["inputs"]), torch.tensor(s["targets"])
    z, y = tf.forward(net, [[ps[0], ps[1]], [ps[2], ps[3]]], x)
    tf.compute_loss(z, y, net["layers"][-1]["activation"], net["loss"], t).backward()
    torch.nn.utils.clip_grad_norm_(ps, spec["clipNorm"])
    torch.nn.utils.clip_grad_value_(ps, spec["clipValue"])
    wrong = [(p - spec["learningRate"] * p.grad).detach() for p in ps]
    right = [torch.tensor(s["expected"]["weights"][n][k]) for n in names for k in ("W", "b")]
    assert any((a - b).abs().max().item() > 1e-6 for a, b in zip(wrong, right)), "clip order does not matter"


# --------------------------------------------------------------------------- #
# Output
# --------------------------------------------------------------------------- #

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
    for name, (f, summary) in fx.items():
        assert len(f["steps"]) == STEPS, name
        text = tf.dumps(f) + "\n"
        assert json.loads(text) == json.loads(json.dumps(f)), name  # round-trips exactly
        path = args.out / (name + ".json")
        if args.check:
            same = path.exists() and path.read_text() == text
            print("%-46s %s" % (name, "ok" if same else "DIFFERS"))
            bad += not same
        else:
            path.write_text(text)
            print("wrote %s\n    %s" % (path, summary))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
