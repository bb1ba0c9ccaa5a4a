"""PyTorch reference for the tutorial's HNN training, timed the way the autodiff bench is.

H = Linear(64 -> 1)(relu(Linear(2 -> 64)(x))); the prediction is the symplectic gradient
[dH/dp, -dH/dq] taken with torch.autograd.grad(create_graph=True), so the loss's gradient is
a second-order program. Glorot-uniform weights and zero biases (Flux's default, which the
tutorial relies on), Adam(0.01), batches of 256 from a fresh torch.randperm each epoch, one
thread. Only the optimisation steps are timed, after a short warm-up run.

Run with Debian's torch:  /usr/bin/python3 hnn_torch.py [--float64] [--seed N] [--epochs N]
Prints one JSON line; {"error": "torch not installed"} (exit 0) when torch is missing.
"""

import argparse
import json
import math
import sys
import time

try:
    import torch
except ImportError:
    torch = None

N_POINTS = 1024
HIDDEN = 64


def spring_data(dtype):
    """The tutorial's data: rows (q, p) and targets (2 pi p, -2 pi q), both [1024, 2]."""
    t = torch.linspace(0, 1, N_POINTS, dtype=dtype)
    w = 2 * math.pi
    q, p = torch.sin(w * t), torch.cos(w * t)
    return t, torch.stack([q, p], dim=1), torch.stack([w * p, -w * q], dim=1)


def make_model(dtype):
    model = torch.nn.Sequential(
        torch.nn.Linear(2, HIDDEN), torch.nn.ReLU(), torch.nn.Linear(HIDDEN, 1)
    ).to(dtype)
    for layer in (model[0], model[2]):
        torch.nn.init.xavier_uniform_(layer.weight)
        torch.nn.init.zeros_(layer.bias)
    return model


def symplectic_gradient(model, x, create_graph):
    """[dH/dp, -dH/dq] for each row of x = (q, p)."""
    x = x.detach().requires_grad_(True)
    (dh,) = torch.autograd.grad(model(x).sum(), x, create_graph=create_graph)
    return torch.stack([dh[:, 1], -dh[:, 0]], dim=1)


def full_loss(model, data, target):
    pred = symplectic_gradient(model, data, create_graph=False)
    return torch.mean((pred - target) ** 2).item()


def train(model, data, target, epochs, batchsize):
    """Returns (seconds, steps) of `epochs` epochs of Adam steps."""
    opt = torch.optim.Adam(model.parameters(), lr=0.01, betas=(0.9, 0.999), eps=1e-8)
    n = data.shape[0]
    steps = 0
    start = time.perf_counter()
    for _ in range(epochs):
        perm = torch.randperm(n)
        for lo in range(0, n, batchsize):
            idx = perm[lo : lo + batchsize]
            pred = symplectic_gradient(model, data[idx], create_graph=True)
            loss = torch.mean((pred - target[idx]) ** 2)
            opt.zero_grad(set_to_none=True)
            loss.backward()
            opt.step()
            steps += 1
    return time.perf_counter() - start, steps


def train_tutorial(dtype, seed, epochs=500, batchsize=256, warmup_epochs=10):
    """Warm up on a throwaway model, then train a fresh seeded one; returns a result dict."""
    torch.set_num_threads(1)
    _, data, target = spring_data(dtype)
    torch.manual_seed(seed + 1)
    train(make_model(dtype), data, target, warmup_epochs, batchsize)
    torch.manual_seed(seed)
    model = make_model(dtype)
    seconds, steps = train(model, data, target, epochs, batchsize)
    return model, {
        "seconds": seconds,
        "steps": steps,
        "final_loss": full_loss(model, data, target),
        "torch": torch.__version__,
        "dtype": str(dtype).replace("torch.", ""),
    }


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--float64", action="store_true", help="train in float64 (default f32)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--epochs", type=int, default=500)
    args = parser.parse_args(argv)
    if torch is None:
        print(json.dumps({"error": "torch not installed"}))
        return 0
    dtype = torch.float64 if args.float64 else torch.float32
    _, result = train_tutorial(dtype, args.seed, epochs=args.epochs)
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
