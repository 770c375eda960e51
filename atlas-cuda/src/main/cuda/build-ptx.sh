#!/bin/sh
# Compiles the GRPO kernels to PTX into $1 (Maven passes target/classes/cuda). Without nvcc on the
# PATH it builds nothing and says so: the CUDA backend then reports itself unavailable at run time.
set -eu
out="$1"
here="$(cd "$(dirname "$0")" && pwd)"
if ! command -v nvcc >/dev/null 2>&1; then
  echo "[atlas] nvcc not found: the GRPO CUDA kernels are not built (the CPU objective will be used)"
  exit 0
fi
mkdir -p "$out"
nvcc -ptx -O3 -arch=compute_75 -o "$out/grpo.ptx" "$here/grpo.cu"
nvcc -ptx -O3 -arch=compute_90 -o "$out/grpo_cluster.ptx" "$here/grpo_cluster.cu"
echo "[atlas] GRPO kernels compiled to PTX with $(nvcc --version | tail -1)"
