#!/usr/bin/env python3
"""Reference fixtures for gradserve's convolutional layers (conv2d, maxpool2d, avgpool2d, flatten),
computed with PyTorch, in the format of torch_fixtures.py (whose loss semantics and JSON writer
this script reuses):

    src/test/resources/fixtures/torch/conv_<name>.json

Layouts are PyTorch's: inputs [batch, channels, height, width], conv2d W [filters, inChannels, kh, kw],
cross-correlation; flatten as torch.flatten(x, 1); dense applies to the last axis (nn.Linear).
Every fixture is checked with torch.autograd.gradcheck before it is written, and max-pooling
windows are checked to have a unique maximum (no ties, so the gradient is unambiguous),
except windows whose maximum is a relu's zero, through which no gradient passes anyway.

Usage: /usr/bin/python3 src/test/python/torch_conv_fixtures.py [--check]
"""

import argparse
import sys
from pathlib import Path

import torch
import torch.nn.functional as F

sys.path.insert(0, str(Path(__file__).resolve().parent))
import torch_fixtures as base  # noqa: E402  (loss semantics, activations, JSON writer)

DT = torch.float64
torch.set_default_dtype(DT)
GENERATOR = "src/test/python/torch_conv_fixtures.py (torch %s)" % torch.__version__


def pair(v):
    return (v, v) if isinstance(v, int) else tuple(v)


def same_padding(kernel):
    kh, kw = pair(kernel)
    return ((kh - 1) // 2, kh - 1 - (kh - 1) // 2, (kw - 1) // 2, kw - 1 - (kw - 1) // 2)


def forward(network, params, x, check=False):
    """Returns (z, a) of the last layer; params maps layer index to [W, b] (absent for layers without)."""
    h = x
    z = None
    for i, layer in enumerate(network["layers"]):
        t = layer["type"]
        if t == "conv2d":
            W, b = params[i]
            padding = layer.get("padding", 0)
            if padding == "same":
                top, bottom, left, right = same_padding(layer["kernelSize"])
            elif padding == "valid":
                top = bottom = left = right = 0
            else:
                rows, cols = pair(padding)
                top = bottom = rows
                left = right = cols
            h = F.pad(h, (left, right, top, bottom))
            z = F.conv2d(h, W, b, stride=pair(layer.get("stride", 1)))
            if check:
                base.check_kinks(z, layer.get("activation", "identity"), "layer %d" % (i + 1))
            h = base.apply_activation(z, layer.get("activation", "identity"))
        elif t in ("maxpool2d", "avgpool2d"):
            size = pair(layer["poolSize"])
            stride = pair(layer.get("stride", layer["poolSize"]))
            if t == "maxpool2d":
                if check:
                    windows = h.unfold(2, size[0], stride[0]).unfold(3, size[1], stride[1]).reshape(
                        *h.shape[:2], -1, size[0] * size[1])
                    top2 = windows.topk(2, dim=-1).values
                    # windows whose maximum is a relu's 0 may tie: no gradient passes that relu either way
                    live = top2[..., 0] > 1e-3
                    gap = (top2[..., 0] - top2[..., 1])[live].min().item()
                    assert gap > 1e-3, "layer %d: a max-pooling window has (nearly) tied maxima" % (i + 1)
                z = F.max_pool2d(h, size, stride)
            else:
                z = F.avg_pool2d(h, size, stride)
            h = z
        elif t == "flatten":
            z = torch.flatten(h, 1)
            h = z
        elif t == "dense":
            W, b = params[i]
            z = h @ W.t() + (b if b is not None else 0)
            if check:
                base.check_kinks(z, layer.get("activation", "identity"), "layer %d" % (i + 1))
            h = base.apply_activation(z, layer.get("activation", "identity"))
        else:
            raise ValueError(t)
    return z, h


def build(name, description, network, param_shapes, batch, seed, targets_fn):
    torch.manual_seed(seed)
    names = base.layer_names(network["layers"])
    params = {i: [base.uniform(*shapes[0]) * 0.5, base.uniform(*shapes[1]) * 0.5 if len(shapes) > 1 else None]
              for i, shapes in param_shapes.items()}
    x = base.uniform(batch, *network["inputShape"])
    with torch.no_grad():
        _, y0 = forward(network, params, x)
    targets = targets_fn(batch, y0.shape[1])
    loss = network["loss"]
    last_act = network["layers"][-1].get("activation", "identity")

    x_ = x.clone().requires_grad_(True)
    p_ = {i: [W.clone().requires_grad_(True), None if b is None else b.clone().requires_grad_(True)]
          for i, (W, b) in params.items()}
    z, y = forward(network, p_, x_, check=True)
    L = base.compute_loss(z, y, last_act, loss, targets)
    L.backward()
    with torch.no_grad():
        L2 = base.crosscheck_loss(z, y, last_act, loss, targets)
        assert abs(L.item() - L2.item()) <= 1e-12 * max(1.0, abs(L.item())), name

    order = sorted(params)
    flat = [x.clone().requires_grad_(True)]
    for i in order:
        flat += [t.clone().requires_grad_(True) for t in params[i] if t is not None]

    def fn(*ts):
        rest = list(ts[1:])
        ps = {}
        for i in order:
            W = rest.pop(0)
            b = rest.pop(0) if params[i][1] is not None else None
            ps[i] = [W, b]
        zz, yy = forward(network, ps, ts[0])
        return base.compute_loss(zz, yy, last_act, loss, targets)

    assert torch.autograd.gradcheck(fn, tuple(flat), eps=1e-6, atol=1e-7, rtol=1e-6), name

    weights, grads = {}, {}
    for i in order:
        (W, b), (Wg, bg) = params[i], p_[i]
        weights[names[i]] = {"W": W.tolist()}
        grads[names[i]] = {"W": Wg.grad.tolist()}
        if b is not None:
            weights[names[i]]["b"] = b.tolist()
            grads[names[i]]["b"] = bg.grad.tolist()
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


def fixtures():
    fx = {}
    fx["conv_relu_maxpool_dense_ce"] = build(
        "conv_relu_maxpool_dense_ce",
        "LeNet-like: conv2d 3x3 (4 filters, relu) on [1, 6, 6], maxpool2d 2, flatten, dense 3 softmax, "
        "cross_entropy with class indices, mean; batch 2.",
        {"inputShape": [1, 6, 6], "layers": [
            {"name": "conv", "type": "conv2d", "filters": 4, "kernelSize": 3, "activation": "relu"},
            {"name": "pool", "type": "maxpool2d", "poolSize": 2},
            {"name": "flat", "type": "flatten"},
            {"name": "out", "type": "dense", "units": 3, "activation": "softmax"}],
         "loss": {"type": "cross_entropy"}},
        {0: [(4, 1, 3, 3), (4,)], 3: [(3, 16), (3,)]}, 2, 3102, base.t_index)
    fx["conv_stride_padding_avgpool_mse"] = build(
        "conv_stride_padding_avgpool_mse",
        "conv2d kernel [2, 3], stride [2, 1], padding [1, 2], tanh, 3 filters on [2, 7, 5]; avgpool2d 2 stride 1 "
        "(overlapping windows); flatten; dense 2 identity; mse sum; batch 3.",
        {"inputShape": [2, 7, 5], "layers": [
            {"name": "conv", "type": "conv2d", "filters": 3, "kernelSize": [2, 3], "stride": [2, 1], "padding": [1, 2],
             "activation": "tanh"},
            {"name": "pool", "type": "avgpool2d", "poolSize": 2, "stride": 1},
            {"name": "flat", "type": "flatten"},
            {"name": "out", "type": "dense", "units": 2}],
         "loss": {"type": "mse", "reduction": "sum"}},
        {0: [(3, 2, 2, 3), (3,)], 3: [(2, 3 * 3 * 6), (2,)]}, 3, 3202, base.t_uniform(-1.0, 1.0))
    fx["conv_same_even_kernel_two_convs_bce"] = build(
        "conv_same_even_kernel_two_convs_bce",
        "conv2d 'same' with an even kernel [2, 4] (padded one more at bottom and right, as PyTorch), sigmoid, no bias; "
        "conv2d 3x3 stride 2 elu; overlapping maxpool2d [2, 2] stride 1; flatten; dense 2 sigmoid; "
        "binary_cross_entropy; batch 2.",
        {"inputShape": [2, 6, 7], "layers": [
            {"type": "conv2d", "filters": 3, "kernelSize": [2, 4], "padding": "same", "activation": "sigmoid",
             "useBias": False},
            {"type": "conv2d", "filters": 2, "kernelSize": 3, "stride": 2, "activation": "elu"},
            {"type": "maxpool2d", "poolSize": 2, "stride": 1},
            {"type": "flatten"},
            {"type": "dense", "units": 2, "activation": "sigmoid"}],
         "loss": {"type": "binary_cross_entropy"}},
        {0: [(3, 2, 2, 4)], 1: [(2, 3, 3, 3), (2,)], 4: [(2, 2 * 1 * 2), (2,)]}, 2, 3303, base.t_binary)
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
            print("%-40s %s" % (name, "ok" if same else "DIFFERS"))
            bad += not same
        else:
            path.write_text(text)
            print("wrote %s  loss=%r" % (path, f["expected"]["loss"]))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
