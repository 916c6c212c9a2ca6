# scikit-learn's KMeans on the same matrices as our k-means, for bench:segment only (Debian's
# python3-sklearn; never a dependency of the app). Reads a job as JSON on stdin, prints results as JSON.
import json
import sys
import time

import numpy as np
from sklearn.cluster import KMeans

job = json.load(sys.stdin)
X = np.loadtxt(job["file"], delimiter=",", dtype=np.float64)
out = []
for k in job["ks"]:
    for run in range(job.get("repeats", 1)):
        t = time.perf_counter()
        km = KMeans(n_clusters=k, init="k-means++", n_init=job["n_init"], random_state=run, algorithm="lloyd").fit(X)
        out.append({"k": k, "run": run, "inertia": float(km.inertia_), "iterations": int(km.n_iter_), "seconds": time.perf_counter() - t})
print(json.dumps(out))
