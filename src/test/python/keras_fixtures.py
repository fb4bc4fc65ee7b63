#!/usr/bin/env python3
"""Keras import fixtures: Keras Sequential configs written by hand in the form model.to_json() gives (Keras 3:
InputLayer with batch_shape, "module" and "registered_name" on every object; one in Keras 2's form, with
batch_input_shape in the first layer), with weights in Keras' layout, and the same networks written in gradserve's
own terms with the weights converted:

    src/test/resources/fixtures/keras/<name>.json

    { "description", "generator",
      "keras":  <a POST /v1/gradients body: network.keras, weightLayout keras, Keras weights>,
      "native": <the same network as gradserve layers, with the weights converted>,
      "nativeFromKeras": { layer: { parameter: {"variable": Keras variable, "index": [flat index into it, for
                           every element of the gradserve parameter, row-major]} } },
      "expected": { "loss", "outputs", "gradients" (in Keras' layout) } }

The expected values come from PyTorch autograd (float64) on a transcription of Keras' own equations written in
Keras' layout (x @ kernel + bias; Keras' gate order; a channels_first Flatten moving channels last; TensorFlow's
"same" padding), never through gradserve's layout, and are checked by torch.autograd.gradcheck. The conversion
to gradserve's layout (transposes, gate blocks reordered) is written here independently of the Java code, by
applying it to the indices of each Keras variable.

Usage: /usr/bin/python3 src/test/python/keras_fixtures.py [--check]
"""

import argparse
import json
import math
import sys
from pathlib import Path

import torch
import torch.nn.functional as F

sys.path.insert(0, str(Path(__file__).resolve().parent))
import torch_fixtures as base  # noqa: E402  (loss semantics, JSON writer)

DT = torch.float64
torch.set_default_dtype(DT)
GENERATOR = "src/test/python/keras_fixtures.py (torch %s)" % torch.__version__
OUT = Path(__file__).resolve().parents[1] / "resources" / "fixtures" / "keras"
KERAS_ACTIVATIONS = {"linear": "identity", "swish": "silu", "leaky_relu": {"type": "leaky_relu", "alpha": 0.2}}


def activation(name):
    return KERAS_ACTIVATIONS.get(name, name)


# --------------------------------------------------------------------------- #
# Keras' equations, in Keras' layout
# --------------------------------------------------------------------------- #

def same_padding(size, window, stride):
    """TensorFlow's "same": total padding for ceil(size / stride) windows, the odd one at the end."""
    total = max((math.ceil(size / stride) - 1) * stride + window - size, 0)
    return total // 2, total - total // 2


def conv2d(h, cfg, w):
    kernel = w["kernel"]  # [kh, kw, in, filters]
    kh, kw = cfg["kernel_size"]
    sh, sw = cfg["strides"]
    if cfg["padding"] == "same":
        top, bottom = same_padding(h.shape[2], kh, sh)
        left, right = same_padding(h.shape[3], kw, sw)
        h = F.pad(h, (left, right, top, bottom))
    # out[n, f, i, j] = sum_{y, x, c} h[n, c, i*sh + y, j*sw + x] * kernel[y, x, c, f]
    patches = h.unfold(2, kh, sh).unfold(3, kw, sw)  # [n, c, oh, ow, kh, kw]
    z = torch.einsum("ncijyx,yxcf->nfij", patches, kernel)
    if cfg.get("use_bias", True):
        z = z + w["bias"].view(1, -1, 1, 1)
    return z


def recurrent(cls, cfg, w, x):
    units = cfg["units"]
    kernel, rk, bias = w["kernel"], w["recurrent_kernel"], w["bias"]
    n, steps, _ = x.shape
    h = torch.zeros(n, units)
    c = torch.zeros(n, units)
    outputs = []
    for t in range(steps):
        xt = x[:, t, :]
        if cls == "SimpleRNN":
            h = base.apply_activation(xt @ kernel + bias + h @ rk, activation(cfg.get("activation", "tanh")))
        elif cls == "LSTM":
            zz = xt @ kernel + h @ rk + bias
            i, f, cc, o = (zz[:, k * units:(k + 1) * units] for k in range(4))
            c = torch.sigmoid(f) * c + torch.sigmoid(i) * torch.tanh(cc)
            h = torch.sigmoid(o) * torch.tanh(c)
        else:  # GRU, reset_after: bias [2, 3u] = input bias, recurrent bias; blocks z, r, h
            mx = xt @ kernel + bias[0]
            mh = h @ rk + bias[1]
            z = torch.sigmoid(mx[:, :units] + mh[:, :units])
            r = torch.sigmoid(mx[:, units:2 * units] + mh[:, units:2 * units])
            hh = torch.tanh(mx[:, 2 * units:] + r * mh[:, 2 * units:])
            h = z * h + (1 - z) * hh
        outputs.append(h)
    return torch.stack(outputs, dim=1) if cfg.get("return_sequences", False) else h


def keras_forward(layers, weights, x):
    """The model's outputs, and the last pre-activation and activation (for the fused losses)."""
    h, z, last = x, x, "identity"
    for layer in layers:
        cls, cfg = layer["class_name"], layer["config"]
        w = weights.get(cfg["name"], {})
        if cls == "InputLayer":
            continue
        if cls == "Dense":
            z = h @ w["kernel"] + (w["bias"] if cfg.get("use_bias", True) else 0)
            last = activation(cfg["activation"])
            base.check_kinks(z, last, cfg["name"])
            h = base.apply_activation(z, last)
        elif cls == "Activation":
            assert last == "identity", "an Activation folds only after a linear layer"
            last = activation(cfg["activation"])
            h = base.apply_activation(z, last)
        elif cls == "Conv2D":
            z = conv2d(h, cfg, w)
            last = activation(cfg["activation"])
            base.check_kinks(z, last, cfg["name"])
            h = base.apply_activation(z, last)
        elif cls in ("MaxPooling2D", "AveragePooling2D"):
            pool = F.max_pool2d if cls == "MaxPooling2D" else F.avg_pool2d
            h = z = pool(h, cfg["pool_size"], cfg["strides"])
            last = "identity"
        elif cls == "Flatten":
            if cfg.get("data_format") == "channels_first" and h.dim() > 2:
                h = h.permute(0, *range(2, h.dim()), 1)  # as Keras: channels last, then flatten
            h = z = h.reshape(h.shape[0], -1)
            last = "identity"
        else:
            h = z = recurrent(cls, cfg, w, h)
            last = "identity"
    return z, h, last


# --------------------------------------------------------------------------- #
# Keras' layout -> gradserve's, applied to indices
# --------------------------------------------------------------------------- #

def gate_blocks(m, units, order):
    """Columns in Keras' gate blocks, reordered so that gradserve's block g is Keras' block order[g]."""
    return torch.cat([m[..., k * units:(k + 1) * units] for k in order], dim=-1)


def convert(cls, cfg, variables, flatten_shape=None):
    """gradserve's parameters of one Keras layer, from its variables (any tensors of Keras' shapes)."""
    if cls == "Dense":
        kernel = variables["kernel"]
        if flatten_shape is not None:  # Keras' rows in [h, w, c] order, gradserve's in [c, h, w]
            c, hh, ww = flatten_shape
            kernel = kernel.reshape(hh, ww, c, -1).permute(2, 0, 1, 3).reshape(c * hh * ww, -1)
        out = {"W": ("kernel", kernel.t())}
        if cfg.get("use_bias", True):
            out["b"] = ("bias", variables["bias"])
        return out
    if cls == "Conv2D":
        out = {"W": ("kernel", variables["kernel"].permute(3, 2, 0, 1))}
        if cfg.get("use_bias", True):
            out["b"] = ("bias", variables["bias"])
        return out
    units = cfg["units"]
    order = {"SimpleRNN": [0], "LSTM": [0, 1, 2, 3], "GRU": [1, 0, 2]}[cls]
    out = {"W_xh": ("kernel", gate_blocks(variables["kernel"], units, order).t()),
           "W_hh": ("recurrent_kernel", gate_blocks(variables["recurrent_kernel"], units, order).t())}
    if cls == "GRU":
        out["b_xh"] = ("bias", gate_blocks(variables["bias"][0], units, order))
        out["b_hh"] = ("bias", gate_blocks(variables["bias"][1], units, order))
    else:
        out["b"] = ("bias", gate_blocks(variables["bias"], units, order))
    return out


# --------------------------------------------------------------------------- #
# Fixtures
# --------------------------------------------------------------------------- #

def keras_layer(cls, name, **config):
    """A layer as Keras 3's to_json writes it (the settings given, plus what every layer has)."""
    cfg = {"name": name, "trainable": True,
           "dtype": {"module": "keras", "class_name": "DTypePolicy", "config": {"name": "float32"},
                     "registered_name": None}}
    cfg.update(config)
    return {"module": "keras.layers", "class_name": cls, "config": cfg, "registered_name": None}


def initializer(name):
    return {"module": "keras.initializers", "class_name": name, "config": {"seed": None}, "registered_name": None}


def dense(name, units, act, use_bias=True):
    return keras_layer("Dense", name, units=units, activation=act, use_bias=use_bias,
                       kernel_initializer=initializer("GlorotUniform"), bias_initializer=initializer("Zeros"),
                       kernel_regularizer=None, bias_regularizer=None, kernel_constraint=None, bias_constraint=None)


def conv(name, filters, kernel, strides, padding, act, use_bias=True):
    return keras_layer("Conv2D", name, filters=filters, kernel_size=kernel, strides=strides, padding=padding,
                       data_format="channels_first", dilation_rate=[1, 1], groups=1, activation=act,
                       use_bias=use_bias, kernel_initializer=initializer("GlorotUniform"),
                       bias_initializer=initializer("Zeros"), kernel_regularizer=None, bias_regularizer=None,
                       activity_regularizer=None, kernel_constraint=None, bias_constraint=None)


def pool(cls, name, size):
    return keras_layer(cls, name, pool_size=[size, size], padding="valid", strides=[size, size],
                       data_format="channels_first")


def rnn(cls, name, units, return_sequences, **extra):
    cfg = dict(units=units, activation="tanh", use_bias=True, kernel_initializer=initializer("GlorotUniform"),
               recurrent_initializer=initializer("Orthogonal"), bias_initializer=initializer("Zeros"),
               kernel_regularizer=None, recurrent_regularizer=None, bias_regularizer=None, activity_regularizer=None,
               kernel_constraint=None, recurrent_constraint=None, bias_constraint=None, dropout=0.0,
               recurrent_dropout=0.0, seed=None, return_sequences=return_sequences, return_state=False,
               go_backwards=False, stateful=False, unroll=False, zero_output_for_mask=False)
    if cls != "SimpleRNN":
        cfg["recurrent_activation"] = "sigmoid"
    cfg.update(extra)
    return keras_layer(cls, name, **cfg)


def sequential(input_shape, layers):
    """Keras 3: an InputLayer with batch_shape comes first."""
    return {"module": "keras", "class_name": "Sequential",
            "config": {"name": "sequential", "trainable": True,
                       "dtype": {"module": "keras", "class_name": "DTypePolicy", "config": {"name": "float32"},
                                 "registered_name": None},
                       "layers": [{"module": "keras.layers", "class_name": "InputLayer",
                                   "config": {"batch_shape": [None] + input_shape, "dtype": "float32",
                                              "sparse": False, "name": "input_layer"},
                                   "registered_name": None}] + layers},
            "registered_name": None, "build_config": {"input_shape": [None] + input_shape},
            "keras_version": "3.6.0", "backend": "tensorflow"}


def sequential_keras2(input_shape, layers):
    """Keras 2 (tf.keras 2.x): batch_input_shape in the first layer's config, no module names."""
    layers = [{"class_name": l["class_name"], "config": dict(l["config"], dtype="float32")} for l in layers]
    layers[0]["config"]["batch_input_shape"] = [None] + input_shape
    return {"class_name": "Sequential", "config": {"name": "sequential", "layers": layers},
            "keras_version": "2.15.0", "backend": "tensorflow"}


def shapes(cls, cfg, fan_in):
    """Keras' variables of a layer and their shapes, given the features coming in (or channels, for Conv2D)."""
    if cls == "Dense":
        out = {"kernel": [fan_in, cfg["units"]]}
        if cfg.get("use_bias", True):
            out["bias"] = [cfg["units"]]
        return out
    if cls == "Conv2D":
        out = {"kernel": list(cfg["kernel_size"]) + [fan_in, cfg["filters"]]}
        if cfg.get("use_bias", True):
            out["bias"] = [cfg["filters"]]
        return out
    units = cfg["units"]
    gates = {"SimpleRNN": 1, "LSTM": 4, "GRU": 3}[cls]
    return {"kernel": [fan_in, gates * units], "recurrent_kernel": [units, gates * units],
            "bias": [2, 3 * units] if cls == "GRU" else [gates * units]}


def build(name, description, model, native, inputs_shape, fans, seed, targets_fn, flatten_shapes=()):
    """fans: Keras layer name -> features (or channels) coming in; flatten_shapes: Dense layers after a
    channels_first Flatten -> the [c, h, w] it flattened."""
    gen = torch.Generator().manual_seed(seed)

    def uniform(*shape, lo=-0.8, hi=0.8):
        return torch.rand(*shape, generator=gen, dtype=DT) * (hi - lo) + lo

    layers = model["config"]["layers"]
    weights = {}
    for layer in layers:
        cls, cfg = layer["class_name"], layer["config"]
        if cls in ("Dense", "Conv2D", "SimpleRNN", "LSTM", "GRU"):
            weights[cfg["name"]] = {v: uniform(*s) for v, s in shapes(cls, cfg, fans[cfg["name"]]).items()}
    x = uniform(*inputs_shape, lo=-1.0, hi=1.0)
    z, y, last = keras_forward(layers, weights, x)
    targets = targets_fn(gen, y)
    loss = native["loss"]

    leaves = {(l, v): t.clone().requires_grad_(True) for l, vs in weights.items() for v, t in vs.items()}
    as_weights = lambda ts: {l: {v: ts[(l, v)] for v in vs} for l, vs in weights.items()}
    z_, y_, _ = keras_forward(layers, as_weights(leaves), x)
    L = base.compute_loss(z_, y_, last, loss, targets)
    L.backward()
    with torch.no_grad():
        L2 = base.crosscheck_loss(z_, y_, last, loss, targets)
        assert math.isclose(L.item(), L2.item(), rel_tol=1e-12), name
    keys = list(leaves)

    def fn(*ts):
        zz, yy, _ = keras_forward(layers, as_weights(dict(zip(keys, ts))), x)
        return base.compute_loss(zz, yy, last, loss, targets)

    assert torch.autograd.gradcheck(fn, tuple(leaves[k].detach().clone().requires_grad_(True) for k in keys),
                                    eps=1e-6, atol=1e-7, rtol=1e-6), name

    native_weights, index = {}, {}
    for layer in layers:
        cls, cfg = layer["class_name"], layer["config"]
        lname = cfg.get("name")
        if lname not in weights:
            continue
        flatten_shape = flatten_shapes.get(lname) if flatten_shapes else None
        values = convert(cls, cfg, weights[lname], flatten_shape)
        positions = convert(cls, cfg, {v: torch.arange(t.numel(), dtype=torch.int64).reshape(t.shape)
                                       for v, t in weights[lname].items()}, flatten_shape)
        native_weights[lname] = {p: t.tolist() for p, (_, t) in values.items()}
        index[lname] = {p: {"variable": v, "index": t.reshape(-1).tolist()} for p, (v, t) in positions.items()}

    body = lambda network, w, layout: dict({"network": network}, **layout, weights=w, inputs=x.tolist(),
                                           targets=targets.tolist())
    fixture = {
        "description": description,
        "generator": GENERATOR,
        "keras": body({"keras": model, "loss": loss}, {l: {v: t.tolist() for v, t in vs.items()}
                                                        for l, vs in weights.items()}, {"weightLayout": "keras"}),
        "native": body(native, native_weights, {}),
        "nativeFromKeras": index,
        "expected": {"loss": L.item(), "outputs": y.tolist(),
                     "gradients": {l: {v: leaves[(l, v)].grad.tolist() for v in vs} for l, vs in weights.items()}},
    }
    base.assert_finite(fixture["expected"], name)
    return fixture


def one_hot(classes):
    def targets(gen, y):
        idx = torch.randint(0, classes, (y.shape[0],), generator=gen)
        return F.one_hot(idx, classes).to(DT)
    return targets


def uniform_targets(lo, hi):
    return lambda gen, y: torch.rand(*y.shape, generator=gen, dtype=DT) * (hi - lo) + lo


def fixtures():
    fx = {}
    fx["dense_mlp_keras2"] = build(
        "dense_mlp_keras2",
        "Keras 2 form (batch_input_shape in the first Dense): Dense tanh, Dense relu without bias, Dense linear "
        "followed by an Activation softmax (folded into it), cross_entropy on one-hot targets",
        sequential_keras2([4], [dense("hidden", 5, "tanh"), dense("middle", 3, "relu", use_bias=False),
                                dense("logits", 3, "linear"), keras_layer("Activation", "probabilities",
                                                                          activation="softmax")]),
        {"inputShape": [4], "layers": [
            {"name": "hidden", "type": "dense", "units": 5, "activation": "tanh"},
            {"name": "middle", "type": "dense", "units": 3, "activation": "relu", "useBias": False},
            {"name": "logits", "type": "dense", "units": 3, "activation": "softmax"}],
         "loss": {"type": "cross_entropy"}},
        [6, 4], {"hidden": 4, "middle": 5, "logits": 3}, 11, one_hot(3))
    fx["conv_maxpool_flatten_dense"] = build(
        "conv_maxpool_flatten_dense",
        "channels_first Conv2D 3x3 with strides 2 and \"same\" padding (even: 1 on each side), Conv2D 2x2 \"same\" "
        "without bias (TensorFlow's extra row and column at the bottom and right), MaxPooling2D, a channels_first "
        "Flatten (Keras moves the channels last: the Dense kernel's rows are reordered), Dense sigmoid, mse",
        sequential([2, 7, 7], [conv("conv1", 3, [3, 3], [2, 2], "same", "relu"),
                               conv("conv2", 4, [2, 2], [1, 1], "same", "tanh", use_bias=False),
                               pool("MaxPooling2D", "pool", 2),
                               keras_layer("Flatten", "flatten", data_format="channels_first"),
                               dense("out", 3, "sigmoid")]),
        {"inputShape": [2, 7, 7], "layers": [
            {"name": "conv1", "type": "conv2d", "filters": 3, "kernelSize": 3, "stride": 2, "padding": 1,
             "activation": "relu"},
            {"name": "conv2", "type": "conv2d", "filters": 4, "kernelSize": 2, "padding": "same", "activation": "tanh",
             "useBias": False},
            {"name": "pool", "type": "maxpool2d", "poolSize": 2},
            {"name": "flatten", "type": "flatten"},
            {"name": "out", "type": "dense", "units": 3, "activation": "sigmoid"}],
         "loss": {"type": "mse"}},
        [3, 2, 7, 7], {"conv1": 2, "conv2": 3, "out": 16}, 12, uniform_targets(0.0, 1.0),
        flatten_shapes={"out": (4, 2, 2)})
    fx["conv_avgpool_dense"] = build(
        "conv_avgpool_dense",
        "channels_first Conv2D 3x3 valid with elu, AveragePooling2D, a channels_last Flatten (the tensor's own "
        "order, as gradserve's), Dense linear followed by an Activation sigmoid, binary_cross_entropy",
        sequential([1, 6, 6], [conv("conv", 2, [3, 3], [1, 1], "valid", "elu"),
                               pool("AveragePooling2D", "average", 2),
                               keras_layer("Flatten", "flatten", data_format="channels_last"),
                               dense("out", 2, "linear"), keras_layer("Activation", "sigmoid", activation="sigmoid")]),
        {"inputShape": [1, 6, 6], "layers": [
            {"name": "conv", "type": "conv2d", "filters": 2, "kernelSize": 3, "activation": "elu"},
            {"name": "average", "type": "avgpool2d", "poolSize": 2},
            {"name": "flatten", "type": "flatten"},
            {"name": "out", "type": "dense", "units": 2, "activation": "sigmoid"}],
         "loss": {"type": "binary_cross_entropy"}},
        [4, 1, 6, 6], {"conv": 1, "out": 8}, 13, uniform_targets(0.0, 1.0))
    fx["lstm_open_time_dense"] = build(
        "lstm_open_time_dense",
        "LSTM over an input whose time dimension Keras leaves open (batch_shape [null, null, 3]: gradserve takes it "
        "from the inputs), last state into a Dense, mse",
        sequential([None, 3], [rnn("LSTM", "lstm", 4, False), dense("out", 2, "linear")]),
        {"inputShape": [5, 3], "layers": [
            {"name": "lstm", "type": "lstm", "units": 4},
            {"name": "out", "type": "dense", "units": 2}],
         "loss": {"type": "mse"}},
        [3, 5, 3], {"lstm": 3, "out": 4}, 14, uniform_targets(-1.0, 1.0))
    fx["gru_sequences_dense"] = build(
        "gru_sequences_dense",
        "GRU (reset_after, Keras' gates z, r, h; bias [2, 3·units]) returning sequences, a Dense per time step, "
        "mse with sum reduction",
        sequential([4, 3], [rnn("GRU", "gru", 3, True, reset_after=True), dense("out", 2, "tanh")]),
        {"inputShape": [4, 3], "layers": [
            {"name": "gru", "type": "gru", "units": 3, "returnSequences": True},
            {"name": "out", "type": "dense", "units": 2, "activation": "tanh"}],
         "loss": {"type": "mse", "reduction": "sum"}},
        [2, 4, 3], {"gru": 3, "out": 3}, 15, uniform_targets(-1.0, 1.0))
    fx["simple_rnn_softmax"] = build(
        "simple_rnn_softmax",
        "SimpleRNN tanh, last state into a Dense softmax, cross_entropy on one-hot targets",
        sequential([6, 2], [rnn("SimpleRNN", "rnn", 4, False), dense("out", 3, "softmax")]),
        {"inputShape": [6, 2], "layers": [
            {"name": "rnn", "type": "rnn", "units": 4},
            {"name": "out", "type": "dense", "units": 3, "activation": "softmax"}],
         "loss": {"type": "cross_entropy"}},
        [4, 6, 2], {"rnn": 2, "out": 4}, 16, one_hot(3))
    return fx


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--check", action="store_true", help="fail if a file differs from what would be written")
    args = ap.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    bad = 0
    for name, fixture in fixtures().items():
        text = base.dumps(fixture) + "\n"
        assert json.loads(text) == json.loads(json.dumps(fixture)), name
        path = OUT / (name + ".json")
        if args.check:
            same = path.exists() and path.read_text() == text
            print("%-32s %s" % (name, "ok" if same else "DIFFERS"))
            bad += not same
        else:
            path.write_text(text)
            print("wrote %s  loss=%r" % (path, fixture["expected"]["loss"]))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
