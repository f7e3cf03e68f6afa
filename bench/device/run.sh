#!/usr/bin/env bash
# Runs on a lent GPU machine, from the repository root, after bench/device/pack.sh filled .device/
# here and the device tool carried it (see bench/device/README.md). Unpacks Node, node-llama-cpp
# and its CUDA build under /root/dagger-device (kept while the machine stays warm), finds the
# image's CUDA 13 runtime libraries, then runs the bundled bench:gpu for each shape given
# (default "12b 4b"; SHAPE_TIMEOUT_S bounds each, 480 s by default), writing each JSON line to $OUT/gpu-<shape>.json and a log beside it.
set -uo pipefail
root=/root/dagger-device
out=${OUT:-/tmp/dagger-device-out}
mkdir -p "$root/app" "$out"
unxz_to() { if command -v xz >/dev/null; then xz -dc "$1"; else python3 -c 'import lzma, shutil, sys; shutil.copyfileobj(lzma.open(sys.argv[1]), sys.stdout.buffer)' "$1"; fi; }

if [ -d .device/runtime ]; then
  unxz_to .device/runtime/node.xz > "$root/node" && chmod +x "$root/node"
  unxz_to .device/runtime/node_modules.tar.xz | tar -x -C "$root/app"
fi
if [ -d .device/cuda ]; then
  unxz_to .device/cuda/libggml-cuda.so.xz > "$root/app/node_modules/@node-llama-cpp/linux-x64-cuda/bins/linux-x64-cuda/libggml-cuda.so"
  rm -rf "$root/app/bench" && cp -r .device/cuda/bench "$root/app/bench"
fi
[ -x "$root/node" ] || { echo "no Node unpacked yet: carry .device/runtime first"; exit 2; }

# node-llama-cpp finds CUDA through LD_LIBRARY_PATH; the image has the CUDA 13 toolkit and wheels.
for lib in libcudart.so.13 libcublas.so.13; do
  found=$(find /usr/local/cuda*/ /usr/lib /opt -name "$lib" 2>/dev/null | head -n 1)
  [ -n "$found" ] && LD_LIBRARY_PATH="$(dirname "$found"):${LD_LIBRARY_PATH:-}"
done
export LD_LIBRARY_PATH
echo "node $("$root/node" --version); cores $(nproc); $(grep -m1 'model name' /proc/cpuinfo)"
nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv,noheader
echo "LD_LIBRARY_PATH=$LD_LIBRARY_PATH"

# "unpack" only unpacks (the runtime and the CUDA library travel in two calls: 64 MiB each).
[ "${1:-}" = unpack ] && exit 0
[ $# -gt 0 ] || set -- 12b 4b
status=0
for shape in "$@"; do
  start=$(date +%s)
  limit=${SHAPE_TIMEOUT_S:-480}
  (cd "$root/app" && timeout "$limit" "$root/node" bench/gpu.bench.mjs --json --shape "$shape" \
      > "$out/gpu-$shape.json" 2> "$out/gpu-$shape.log") || status=$?
  echo "== $shape: exit $status, $(( $(date +%s) - start )) s"
  cat "$out/gpu-$shape.json"; tail -n 5 "$out/gpu-$shape.log"
done
exit $status
