"""Single-threaded numpy timings for the tensor benchmark; prints one JSON object."""
import json
import sys
import timeit

import numpy as np

cases = json.loads(sys.argv[1])
rng = np.random.default_rng(0)
result = {}
for case in cases:
    m, k, n = case["m"], case["k"], case["n"]
    a = rng.uniform(-1, 1, (m, k))
    b = rng.uniform(-1, 1, (k, n))
    y = a @ b
    bias = rng.uniform(-1, 1, (n,))
    timings = {}
    for name, fn in (
        ("matmul", lambda: a @ b),
        ("addBias", lambda: y + bias),
        ("tanh", lambda: np.tanh(y)),
    ):
        timer = timeit.Timer(fn)
        reps, _ = timer.autorange()
        timings[name] = min(timer.repeat(repeat=15, number=reps)) / reps
    result[case["label"]] = timings
print(json.dumps({"numpy": np.__version__, "timings": result}))
