#!/usr/bin/env bash
# Packs what `bench:gpu` needs on a lent GPU machine that has no network, no npm and no Node:
# the Node binary, node-llama-cpp with only its linux-x64 CUDA build, and the bundled benchmark.
# Everything lands in .device/ (git-ignored), compressed with xz (the device image has xz).
# See bench/device/README.md for how the coordinator runs it.
set -euo pipefail
cd "$(dirname "$0")/../.."
out=.device
rm -rf "$out" && mkdir -p "$out/runtime" "$out/cuda"
npm run -s bench:gpu:bundle

# Node itself (the `node` npm package's binary, the same Node 22 every npm script here uses).
xz -9e -T2 -c node_modules/node/bin/node > "$out/runtime/node.xz"

# node-llama-cpp and its run-time dependency closure, without other platforms' binaries, its
# llama.cpp source bundle, source maps, or the CUDA library (packed separately, pruned).
cuda_pkg=node_modules/@node-llama-cpp/linux-x64-cuda
node -e '
  const fs = require("fs"), path = require("path");
  const seen = new Set();
  const resolve = (name, from) => {
    for (let dir = from; ; dir = path.dirname(dir)) {
      const candidate = path.join(dir, "node_modules", name);
      if (fs.existsSync(path.join(candidate, "package.json"))) return candidate;
      if (path.dirname(dir) === dir) return null;
    }
  };
  const walk = (dir) => {
    if (seen.has(dir)) return;
    seen.add(dir);
    const pkg = JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8"));
    for (const name of Object.keys({ ...pkg.dependencies, ...pkg.optionalDependencies })) {
      if (name.startsWith("@node-llama-cpp/") && name !== "@node-llama-cpp/linux-x64-cuda") continue;
      const found = resolve(name, dir);
      if (found) walk(found);
    }
  };
  walk(path.resolve("node_modules/node-llama-cpp"));
  console.log([...seen].map((dir) => path.relative(".", dir)).join("\n"));
' > "$out/closure.txt"
tar --exclude='gitRelease.bundle' --exclude='*.map' --exclude="$cuda_pkg/bins/linux-x64-cuda/libggml-cuda.so" \
  -cf - $(cat "$out/closure.txt") | xz -9e -T2 > "$out/runtime/node_modules.tar.xz"

# The CUDA library with only the Hopper (compute capability 9.0) entries kept.
npx tsx bench/device/prune-cuda-fatbin.ts "$cuda_pkg/bins/linux-x64-cuda/libggml-cuda.so" "$out/libggml-cuda.so"
xz -9e -T2 -c "$out/libggml-cuda.so" > "$out/cuda/libggml-cuda.so.xz" && rm "$out/libggml-cuda.so"

cp -r out/bench "$out/cuda/bench"
du -sh "$out"/*
