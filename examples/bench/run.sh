#!/usr/bin/env bash
# The torch4j benchmark suite: builds what it needs, runs every benchmark against raw bytedeco and
# PyTorch's Python on this machine, and rewrites examples/BENCHMARKS.md from the measured numbers.
#
#   bash examples/bench/run.sh            # the full suite (about 30-40 minutes on 2 cores)
#   bash examples/bench/run.sh --quick    # a smoke run: fewer rounds, shorter runs (a few minutes)
#
# Options: --quick; --skip-build (reuse examples/target/classes and target/classpath.txt);
#          --sections ops,train,load,startup,rss (a subset; the report shows the rest as not measured);
#          --out FILE (where to write the report; default examples/BENCHMARKS.md).
# Environment: TORCH4J_DATA (data directory, default ~/.torch4j/data, needs MNIST: bash datasets/fetch-data.sh),
#              CIFAR_BATCH (a CIFAR-10 binary batch file; default: found under the data directory or a
#              shared/data/cifar10-sample folder beside the repository), PYTHON (default /usr/bin/python3),
#              MVN_FLAGS (default -o: offline; set it empty to go online), BENCH_ROUNDS (training rounds; default 5, --quick 2).
# Raw numbers of the run: examples/target/bench/results.tsv, env.txt and logs/.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$ROOT"
MODE=full
BUILD=1
SECTIONS=ops,train,load,startup,rss
REPORT=examples/BENCHMARKS.md
while [ $# -gt 0 ]; do
    case "$1" in
        --quick) MODE=quick ;;
        --skip-build) BUILD=0 ;;
        --sections) SECTIONS=$2; shift ;;
        --out) REPORT=$2; shift ;;
        *) echo "unknown option $1 (see the header of $0)" >&2; exit 2 ;;
    esac
    shift
done
has() { [[ ",$SECTIONS," == *",$1,"* ]]; }
# Every row sets its own tuning: none inherited from the caller (plain rows see the libraries' defaults).
unset OPENBLAS_NUM_THREADS OPENBLAS_THREAD_TIMEOUT MALLOC_ARENA_MAX MALLOC_MMAP_THRESHOLD_ MALLOC_TRIM_THRESHOLD_ GLIBC_TUNABLES

PY=${PYTHON:-/usr/bin/python3}
DATA=${TORCH4J_DATA:-$HOME/.torch4j/data}
MNIST_RAW=$DATA/MNIST/raw
OUT=examples/target/bench
rm -rf "$OUT"
mkdir -p "$OUT/logs"
export BENCH_RESULTS=$ROOT/$OUT/results.tsv
: > "$BENCH_RESULTS"
ENVF=$OUT/env.txt
log() { echo "[bench $(date +%H:%M:%S)] $*" >&2; }

if [ ! -f "$MNIST_RAW/train-images-idx3-ubyte" ]; then
    echo "MNIST not found in $MNIST_RAW: run bash datasets/fetch-data.sh (or set TORCH4J_DATA)" >&2
    exit 1
fi
CIFAR=${CIFAR_BATCH:-}
if [ -z "$CIFAR" ]; then
    for c in "$DATA/cifar-10-batches-bin/data_batch_1.bin"; do [ -f "$c" ] && CIFAR=$c; done
    d=$ROOT
    while [ -z "$CIFAR" ] && [ "$d" != / ]; do
        c=$d/shared/data/cifar10-sample/cifar-10-batches-bin/data_batch_1.bin
        [ -f "$c" ] && CIFAR=$c
        d=$(dirname "$d")
    done
fi

if [ "$BUILD" = 1 ]; then
    log "building (mvn ${MVN_FLAGS--o} compile, classpath from the reactor)"
    mvn -B -q ${MVN_FLAGS--o} compile dependency:build-classpath -pl examples -am -Dinvoker.skip=true \
        -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=runtime
fi
CP=$ROOT/examples/target/classes:$(cat examples/target/classpath.txt)
JAVA=(java -cp "$CP")
# The CLI way: launched as train-mnist.sh launches the CLI (cli-java.sh's JVM, malloc and OpenBLAS settings).
CLI_JAVA=(bash "$ROOT/examples/cli-java.sh" -cp "$CP")
B=org.torch4j.examples.bench

# Training: "WARMUP TIMED" steps per process; the timed steps stop early after MAX_S seconds (at least 3 run).
if [ "$MODE" = full ]; then
    ROUNDS=5; STEPS_MNIST="20 200"; STEPS_CIFAR="10 100"; STEPS_RESNET="5 30"; MAX_S=20
    LOADS=11; EPOCHS=5; LAUNCHES=10; PEAK=7; RSS_ARGS="--epochs 10"
else
    ROUNDS=2; STEPS_MNIST="5 40"; STEPS_CIFAR="3 20"; STEPS_RESNET="2 5"; MAX_S=5
    LOADS=5; EPOCHS=1; LAUNCHES=3; PEAK=3; RSS_ARGS="--epochs 2 --limit 6000 --test-limit 1000"
fi
ROUNDS=${BENCH_ROUNDS:-$ROUNDS}

# --- machine and versions -------------------------------------------------------------------
{
    echo "date=$(date -u '+%Y-%m-%d %H:%M UTC')"
    echo "mode=$MODE"
    if [ "$MODE" = full ]; then echo "command=bash examples/bench/run.sh"; else echo "command=bash examples/bench/run.sh --quick"; fi
    echo "cpu_model=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
    echo "nproc=$(nproc)"
    if grep -qm1 avx512f /proc/cpuinfo; then echo "avx512=yes (avx512f)"; else echo "avx512=no"; fi
    echo "memory=$(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo)"
    echo "loadavg=$(cut -d' ' -f1-3 /proc/loadavg)"
    # Library settings the machine's own environment gives every row (run.sh unsets only the ones rows set).
    echo "inherited_env=$(env | grep -E '^(OPENBLAS|GOTO|OMP|GOMP|KMP|MKL|DNNL|ONEDNN)_' | sort | tr '\n' ' ' | sed 's/ $//' | grep . || echo none)"
    echo "os=$(. /etc/os-release 2>/dev/null && echo "$PRETTY_NAME"), kernel $(uname -r)"
    echo "torch4j_commit=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)$(git diff --quiet 2>/dev/null || echo ' (with uncommitted changes)')"
    "${JAVA[@]}" $B.JavaEnv
    (cd examples/bench/python && "$PY" env.py)
} > "$ENVF" 2>> "$OUT/logs/env.log"
# Debian's python3-torch runs with whatever libblas.so.3 the alternatives point at. Without an optimised BLAS
# (the issue's baseline: libopenblas0-pthread) that is the reference BLAS, 10-30x slower at matmul and
# convolution lowering: every Python figure would flatter torch4j, so refuse to measure against it.
PY_BLAS=$(sed -n 's/^python_blas_loaded=//p' "$ENVF")
if [[ "$PY_BLAS" != *openblas* && "$PY_BLAS" != *mkl* && "$PY_BLAS" != *blis* ]]; then
    echo "PyTorch's Python loaded no optimised BLAS (${PY_BLAS:-none found}): install one, as the baseline does" >&2
    echo "(apt-get install libopenblas0-pthread), then rerun; see $ENVF" >&2
    exit 1
fi

# --- 1. per-op latency ------------------------------------------------------------------------
if has ops; then
    log "per-op latency: JMH ($MODE), then Python"
    if [ "$MODE" = full ]; then
        echo "ops_settings=2 passes, each a fork per benchmark x (3 warm-up + 5 measured iterations of 1 s)" >> "$ENVF"
        echo "ops_py_settings=10 rounds of >= 0.5 s" >> "$ENVF"
    else
        echo "ops_settings=1 fork x (2 warm-up + 3 measured iterations of 0.3 s)" >> "$ENVF"
    fi
    "${JAVA[@]}" $B.OpsSuite "$MODE" > "$OUT/logs/jmh.log" 2>&1
    # The small ops again, torch4j and raw interleaved in one JVM, alternating with PyTorch's Python in
    # chunks, so that all three see the same minutes of the machine.
    if [ "$MODE" = full ]; then CHUNKS=5 R=80; else CHUNKS=1 R=31; fi
    echo "opsjvm_settings=$CHUNKS x $R rounds of about 10 ms per op and variant, each chunk a JVM followed by a Python process" >> "$ENVF"
    for c in $(seq 1 "$CHUNKS"); do
        "${JAVA[@]}" $B.OpsInterleaved "$R" >> "$OUT/logs/ops-interleaved.log" 2>&1
        (cd examples/bench/python && "$PY" ops.py interleaved "$R") >> "$OUT/logs/ops-interleaved.log" 2>&1
    done
    # The same under the CPU's own BLAS kernels, when the machine's environment forces one (see the kernel probe
    # below): its own section, so that the targets above stay judged on the environment as it is.
    if [ -n "${OPENBLAS_CORETYPE:-}" ]; then
        UNSET_RESULTS=$OUT/ops-coretype-unset.tsv
        for c in $(seq 1 "$CHUNKS"); do
            env -u OPENBLAS_CORETYPE BENCH_RESULTS="$ROOT/$UNSET_RESULTS" "${JAVA[@]}" $B.OpsInterleaved "$R" \
                >> "$OUT/logs/ops-interleaved-coretype-unset.log" 2>&1
            (cd examples/bench/python && env -u OPENBLAS_CORETYPE BENCH_RESULTS="$ROOT/$UNSET_RESULTS" "$PY" ops.py \
                interleaved "$R") >> "$OUT/logs/ops-interleaved-coretype-unset.log" 2>&1
        done
        sed 's/^opsjvm\t/opsjvm-coretype-unset\t/' "$UNSET_RESULTS" >> "$BENCH_RESULTS"
    fi
    (cd examples/bench/python && "$PY" ops.py "$MODE") > "$OUT/logs/ops-py.log" 2>&1
    # The BLAS kernel alone: 64x64 sgemm called directly through LibTorch's OpenBLAS and through PyTorch's,
    # alternating, under the machine's environment, and without OPENBLAS_CORETYPE when the machine sets it.
    TORCH_BLAS=$(sed -n 's/^libtorch_blas_loaded=//p' "$ENVF" | tr ',' '\n' | sed 's/^ *//' | grep -m1 '/libopenblas\.so' || true)
    PY_OPENBLAS=$(echo "$PY_BLAS" | tr ',' '\n' | sed 's/^ *//' | grep -m1 'libopenblas' || true)
    if [ -n "$TORCH_BLAS" ] && [ -n "$PY_OPENBLAS" ] && gcc -O2 -o "$OUT/sgemm_probe" examples/bench/native/sgemm_probe.c -ldl; then
        echo "sgemm_settings=$CHUNKS x 10 rounds of about 10 ms per library, the libraries alternating" >> "$ENVF"
        KERNEL_ENVS=("inherited")
        if [ -n "${OPENBLAS_CORETYPE:-}" ]; then KERNEL_ENVS+=("coretype-unset"); fi
        for k in "${KERNEL_ENVS[@]}"; do
            if [ "$k" = inherited ]; then run=(env); item="sgemm 64x64, the machine's environment"
            else run=(env -u OPENBLAS_CORETYPE); item="sgemm 64x64, OPENBLAS_CORETYPE unset"; fi
            echo "sgemm_config_libtorch_$k=$("${run[@]}" "$OUT/sgemm_probe" "$TORCH_BLAS" config)" >> "$ENVF"
            echo "sgemm_config_python_$k=$("${run[@]}" "$OUT/sgemm_probe" "$PY_OPENBLAS" config)" >> "$ENVF"
            for c in $(seq 1 "$CHUNKS"); do
                "${run[@]}" "$OUT/sgemm_probe" "$TORCH_BLAS" 64 10 "$item" libtorch >> "$BENCH_RESULTS"
                "${run[@]}" "$OUT/sgemm_probe" "$PY_OPENBLAS" 64 10 "$item" python >> "$BENCH_RESULTS"
            done
        done
    else
        log "BLAS kernel probe skipped: no gcc, or no OpenBLAS found (LibTorch: ${TORCH_BLAS:-none}, PyTorch: ${PY_OPENBLAS:-none})"
    fi
    "${JAVA[@]}" $B.MatmulPeak "$PEAK" >> "$OUT/logs/peak.log" 2>&1
    "${CLI_JAVA[@]}" $B.MatmulPeak "$PEAK" torch4j-cli >> "$OUT/logs/peak.log" 2>&1
fi

# --- 2. training throughput -------------------------------------------------------------------
if has train; then
    variants="torch4j-plain raw-plain raw-tuned python-plain python-tuned"
    if [ -f java-api/src/main/java/org/torch4j/MemoryFormat.java ]; then
        variants="torch4j-plain torch4j-cl raw-plain raw-tuned python-plain python-tuned python-cli-env"
    else
        log "org.torch4j.MemoryFormat is not in this build: the torch4j channels-last row is not measured"
    fi
    models="mnist-lecture"
    if [ -n "$CIFAR" ]; then models="$models cifar-lecture cifar-resnet"; else log "no CIFAR-10 batch found: CIFAR rows skipped"; fi
    echo "train_settings=Per sample: warm-up then timed steps (mnist-lecture $STEPS_MNIST, cifar-lecture $STEPS_CIFAR, cifar-resnet $STEPS_RESNET; timed steps stop after $MAX_S s); $ROUNDS rounds; CIFAR batches from ${CIFAR:-none}." >> "$ENVF"
    for round in $(seq 1 "$ROUNDS"); do
        for model in $models; do
            case $model in
                mnist-lecture) steps=$STEPS_MNIST; data=$MNIST_RAW ;;
                cifar-lecture) steps=$STEPS_CIFAR; data=$CIFAR ;;
                cifar-resnet) steps=$STEPS_RESNET; data=$CIFAR ;;
            esac
            for v in $variants; do
                log "training round $round/$ROUNDS: $model $v"
                case $v in
                    torch4j-plain) "${JAVA[@]}" $B.TrainBench "$model" plain $steps "$data" $MAX_S ;;
                    torch4j-cl) "${CLI_JAVA[@]}" $B.TrainBench "$model" cl $steps "$data" $MAX_S ;;
                    raw-plain) "${JAVA[@]}" $B.RawTrainBench "$model" plain $steps "$data" $MAX_S ;;
                    raw-tuned) env OPENBLAS_NUM_THREADS=1 java -Dorg.bytedeco.javacpp.maxPhysicalBytes=0 -cp "$CP" \
                        $B.RawTrainBench "$model" tuned $steps "$data" $MAX_S ;;
                    python-plain) (cd examples/bench/python && "$PY" train.py "$model" plain $steps "$data" $MAX_S) ;;
                    python-tuned) (cd examples/bench/python && OPENBLAS_NUM_THREADS=1 \
                        "$PY" train.py "$model" tuned $steps "$data" $MAX_S) ;;
                    # PyTorch in the CLI's native environment (malloc limits, OpenBLAS's sleeping workers).
                    python-cli-env) (source examples/cli-env.sh && cd examples/bench/python && \
                        "$PY" train.py "$model" cli-env $steps "$data" $MAX_S) ;;
                esac >> "$OUT/logs/train.log" 2>&1
            done
        done
    done
fi

# --- 3. data loading --------------------------------------------------------------------------
if has load; then
    log "data loading"
    "${JAVA[@]}" $B.LoadBench "$DATA" "$LOADS" "$EPOCHS" > "$OUT/logs/load.log" 2>&1
    tv_epochs=1; [ "$MODE" = quick ] && tv_epochs=0
    (cd examples/bench/python && "$PY" load.py "$DATA" "$LOADS" "$EPOCHS" "$tv_epochs") >> "$OUT/logs/load.log" 2>&1
fi

# --- 4. start-up ------------------------------------------------------------------------------
if has startup; then
    log "start-up: $LAUNCHES launches of each, interleaved"
    echo "startup_settings=$LAUNCHES launches of each, interleaved, after one unmeasured launch of each" >> "$ENVF"
    item="JVM or interpreter start to first op result"
    # As an application runs: every module from a jar. A class directory on the classpath costs one failed
    # file lookup for each of JavaCPP's resource probes while it loads LibTorch (about 18,000 per directory).
    JARS=$OUT/jars
    mkdir -p "$JARS"
    JAR_CP=$(cat examples/target/classpath.txt)
    for m in native-glue java-api datasets examples; do
        jar cf "$JARS/$m.jar" -C "$m/target/classes" .
        JAR_CP=${JAR_CP//$ROOT\/$m\/target\/classes/$ROOT\/$JARS\/$m.jar}
    done
    JAR_CP=$ROOT/$JARS/examples.jar:$JAR_CP
    if [[ "$JAR_CP" == *target/classes* ]]; then
        log "start-up: a class directory is left on the jar classpath: $JAR_CP"
    fi
    launch() { # variant, command...
        local v=$1; shift
        local t0 t1
        t0=$(date +%s%N)
        "$@" > /dev/null 2>> "$OUT/logs/startup.log"
        t1=$(date +%s%N)
        [ "$measure" = 1 ] && printf 'startup\t%s\t%s\t%s\tms\n' "$item" "$v" "$(( (t1 - t0) / 1000000 ))" >> "$BENCH_RESULTS"
        return 0
    }
    for i in $(seq 0 "$LAUNCHES"); do
        measure=$(( i > 0 ? 1 : 0 ))
        launch torch4j java -cp "$JAR_CP" $B.StartupProbe
        launch raw java -cp "$JAR_CP" $B.RawStartupProbe
        launch torch4j-dirs "${JAVA[@]}" $B.StartupProbe
        launch python "$PY" -c "import torch; print(torch.ones(1) + 1)"
    done
fi

# --- 5. memory flatness -----------------------------------------------------------------------
if has rss; then
    # Launched as train-mnist.sh launches it: cli-java.sh sets the CLI's JVM and malloc settings.
    cmd="bash examples/cli-java.sh -cp ... org.torch4j.examples.cli.Torch4jCli train mnist-lecture $RSS_ARGS"
    echo "rss_command=$cmd" >> "$ENVF"
    log "memory flatness: $cmd"
    (cd examples/bench/python && "$PY" rss.py torch4j-cli -- bash "$ROOT/examples/cli-java.sh" \
        -cp "$CP" org.torch4j.examples.cli.Torch4jCli train mnist-lecture \
        $RSS_ARGS --data-dir "$DATA" --out "$ROOT/$OUT/rss-run") > "$OUT/logs/rss.log" 2>&1
    log "memory flatness, PyTorch twin: train_epochs.py $RSS_ARGS"
    (cd examples/bench/python && OPENBLAS_NUM_THREADS=1 "$PY" rss.py python -- "$PY" train_epochs.py \
        $RSS_ARGS --data-dir "$DATA" --out "$ROOT/$OUT/rss-run-python") > "$OUT/logs/rss-python.log" 2>&1
fi

"${JAVA[@]}" $B.BenchReport "$BENCH_RESULTS" "$ENVF" "$REPORT"
log "done: $REPORT (raw results in $OUT)"
