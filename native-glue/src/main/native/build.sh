#!/usr/bin/env bash
# Builds libtorch4j_fastops.so (see fast_ops.cpp) into the module's classes, where FastOps finds it.
# usage: build.sh CLASSES_DIR JAVA_HOME BUILD_DIR
# Linux x86-64 only, and only with g++: elsewhere nothing is built and torch4j calls every op through
# bytedeco (FastOps logs why at load).
set -euo pipefail
classes=$1 java_home=$2 work=$3
src=$(cd "$(dirname "$0")" && pwd)/fast_ops.cpp
if [ "$(uname -s)-$(uname -m)" != Linux-x86_64 ]; then
    echo "torch4j fast ops: not built on $(uname -s)-$(uname -m) (Linux x86-64 only)"; exit 0
fi
if ! command -v g++ > /dev/null; then
    echo "torch4j fast ops: not built, no g++ on the PATH (torch4j will call these ops through bytedeco)"; exit 0
fi
mkdir -p "$work/stub" "$classes/org/torch4j/glue/linux-x86_64"
# The stand-ins only give the linker the sonames to record; they are never loaded.
g++ -std=c++17 -shared -fPIC -DTORCH4J_STUB_TORCH_CPU -Wl,-soname,libtorch_cpu.so -o "$work/stub/libtorch_cpu.so" "$src"
g++ -std=c++17 -shared -fPIC -DTORCH4J_STUB_C10 -Wl,-soname,libc10.so -o "$work/stub/libc10.so" "$src"
g++ -std=c++17 -O2 -shared -fPIC -fvisibility=hidden -I"$java_home/include" -I"$java_home/include/linux" \
    -o "$classes/org/torch4j/glue/linux-x86_64/libtorch4j_fastops.so" "$src" \
    -L"$work/stub" -ltorch_cpu -lc10 -Wl,-z,now -Wl,--no-undefined -Wl,-z,defs
echo "torch4j fast ops: built $classes/org/torch4j/glue/linux-x86_64/libtorch4j_fastops.so"
