"""Reference for the learned-dynamics solve: scipy's RK45 calling a trained torch HNN.

The model is trained first (the tutorial's 500 epochs, float32, via the autodiff bench's
hnn_torch.py, not timed), because the tutorial solves the *learned* dynamics and the
deviation from (sin 2 pi t, cos 2 pi t) only means something for a trained model. Then
solve_ivp(method='RK45', t_span=(0, 1), t_eval=the 1024 data times, rtol=1e-3, atol=1e-6) from
the first data point is timed; its right-hand side is the symplectic gradient by
torch.autograd.grad, float32, one thread. Reported: the median of several solves.

Run with Debian's packages:  /usr/bin/python3 scipy_rk45.py [--seed N] [--repeats N]
Prints one JSON line; {"error": "... not installed"} (exit 0) when torch or scipy is missing.
"""

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "autodiff" / "bench"))

import hnn_torch  # noqa: E402  (the shared model, data and training)

try:
    import numpy as np
    from scipy.integrate import solve_ivp
except ImportError:
    solve_ivp = None


def make_rhs(model):
    torch = hnn_torch.torch

    def rhs(_t, u):
        x = torch.tensor(u, dtype=torch.float32).reshape(1, 2)
        du = hnn_torch.symplectic_gradient(model, x, create_graph=False)
        return du.detach().numpy().reshape(2).astype(np.float64)

    return rhs


def solve_once(rhs, t, u0):
    start = time.perf_counter()
    sol = solve_ivp(rhs, (0.0, 1.0), u0, method="RK45", t_eval=t, rtol=1e-3, atol=1e-6)
    return time.perf_counter() - start, sol


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--repeats", type=int, default=9)
    args = parser.parse_args(argv)
    if hnn_torch.torch is None:
        print(json.dumps({"error": "torch not installed"}))
        return 0
    if solve_ivp is None:
        print(json.dumps({"error": "scipy not installed"}))
        return 0
    torch = hnn_torch.torch

    model, trained = hnn_torch.train_tutorial(torch.float32, args.seed)
    t32, data, _ = hnn_torch.spring_data(torch.float32)
    t = t32.double().numpy()
    u0 = data[0].double().numpy()
    rhs = make_rhs(model)

    solve_once(rhs, t, u0)  # warm-up
    runs = [solve_once(rhs, t, u0) for _ in range(args.repeats)]
    sol = runs[-1][1]
    exact = np.stack([np.sin(2 * np.pi * t), np.cos(2 * np.pi * t)])
    print(
        json.dumps(
            {
                "seconds": statistics.median(seconds for seconds, _ in runs),
                "min_seconds": min(seconds for seconds, _ in runs),
                "nfev": int(sol.nfev),
                "status": int(sol.status),
                "outputs": int(sol.t.shape[0]),
                "max_deviation": float(np.max(np.abs(sol.y - exact))),
                "model": "trained",
                "train_final_loss": trained["final_loss"],
                "torch": torch.__version__,
                "dtype": "float32",
            }
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
