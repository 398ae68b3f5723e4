#!/usr/bin/env bash
# Executes every notebook in examples/notebooks/ headless, with a project-local Java kernel, against the notebook
# jar just built (examples/target/torch4j-notebook-VERSION.jar); exits non-zero if any cell of any notebook fails.
# Then runs the notebooks in examples/src/test/notebooks/, which must fail, and records how (NotebookOutputsIT
# checks their messages). `mvn verify` calls this in the examples module's integration-test phase.
#
# Outputs, all under examples/target/:
#   jupyter/kernels/torch4j-java/kernel.json   the kernelspec (JUPYTER_PATH points here; nothing is installed for the user)
#   notebooks/NAME.ipynb                       each executed notebook
#   notebooks/timings.tsv                      notebook, seconds, exit status
#   notebooks/expected-failures/NAME.{log,rc}  nbconvert's output and exit status for each notebook that must fail
#
# Arguments: notebook names (default: all, and the ones that must fail).
# Environment: KERNEL_JAR (rapaio-jupyter-kernel's jar; default: target/jupyter/, where Maven copies it, else
# ~/.m2), JAVA_BIN (the kernel's java; default: java on PATH), NOTEBOOK_TIMEOUT (seconds per cell, default 300),
# TORCH4J_NUM_THREADS (LibTorch's threads in the kernel, default 1).
set -euo pipefail
examples=$(cd "$(dirname "$0")/.." && pwd)
target=$examples/target
version=${RAPAIO_VERSION:-3.0.1}
kernel_jar=${KERNEL_JAR:-$target/jupyter/rapaio-jupyter-kernel-$version.jar}
if [[ ! -f $kernel_jar ]]; then
  kernel_jar=$HOME/.m2/repository/io/github/padreati/rapaio-jupyter-kernel/$version/rapaio-jupyter-kernel-$version.jar
fi
java_bin=${JAVA_BIN:-java}
timeout=${NOTEBOOK_TIMEOUT:-300}
# One LibTorch thread by default: on shared, busy cores two OpenMP threads spin against other processes (the
# training notebook ran 4.4x slower with 2 threads than with 1 at a load of 7 on 2 cores).
threads=${TORCH4J_NUM_THREADS:-1}
# The CLI's native environment (malloc limits: no page faults per training step), for the kernel's JVM.
source "$examples/cli-env.sh"

if ! jupyter nbconvert --version >/dev/null 2>&1; then
  echo "run-notebooks: 'jupyter nbconvert' not found. Install Debian's jupyter-nbconvert python3-nbclient python3-ipykernel" \
       "jupyter-client python3-nbformat (as .ci/run does), or build with -Dnotebooks.skip=true to leave the notebooks out." >&2
  exit 1
fi
if [[ ! -f $kernel_jar ]]; then
  echo "run-notebooks: the Java kernel's jar is missing: $kernel_jar (mvn -pl examples package copies it there)" >&2
  exit 1
fi
if ! ls "$target"/torch4j-notebook-*.jar >/dev/null 2>&1; then
  echo "run-notebooks: no examples/target/torch4j-notebook-*.jar: build it first (mvn -q install -DskipTests)" >&2
  exit 1
fi

# A kernelspec of our own, found through JUPYTER_PATH only: the user's installed kernels are neither used nor touched.
# The kernel runs the notebook's code in its own JVM, so the JVM options here are the notebook's.
spec=$target/jupyter/kernels/torch4j-java
mkdir -p "$spec"
cat > "$spec/kernel.json" <<JSON
{
  "argv": ["$java_bin", "-Xmx2g", "-Djava.awt.headless=true", "-jar", "$kernel_jar", "{connection_file}"],
  "display_name": "Java (torch4j build)",
  "language": "java",
  "interrupt_mode": "message",
  "env": {"TORCH4J_NUM_THREADS": "$threads", "MALLOC_ARENA_MAX": "$MALLOC_ARENA_MAX",
          "MALLOC_MMAP_THRESHOLD_": "$MALLOC_MMAP_THRESHOLD_", "MALLOC_TRIM_THRESHOLD_": "$MALLOC_TRIM_THRESHOLD_",
          "OPENBLAS_THREAD_TIMEOUT": "$OPENBLAS_THREAD_TIMEOUT", "RJK_TIMEOUT_MILLIS": "-1", "RJK_COMPILER_OPTIONS": "", "RJK_INIT_SCRIPT": "", "RJK_CLASSPATH": "",
          "RJK_MIMA_CACHE": "mima_cache"}
}
JSON
export JUPYTER_PATH=$target/jupyter
export PYDEVD_DISABLE_FILE_VALIDATION=1

out=$target/notebooks
rm -rf "$out"
mkdir -p "$out/expected-failures"
printf 'notebook\tseconds\tstatus\n' > "$out/timings.tsv"

execute() {  # notebook, output directory, log file; returns nbconvert's status
  local attempt status
  for ((attempt = 1; attempt <= 10; attempt++)); do
    status=0
    jupyter nbconvert --to notebook --execute --ExecutePreprocessor.timeout="$timeout" \
      --ExecutePreprocessor.startup_timeout=20 --ExecutePreprocessor.kernel_name=torch4j-java \
      --output-dir "$2" "$1" >"$3" 2>&1 || status=$?
    # Now and then rapaio-jupyter-kernel 3.0.1 binds its sockets but its shell channel never handles a message (no
    # kernel_info reply however long one waits: 5 of 22 starts here, each either ready in about 3 s or never, measured
    # with jupyter_client's start_new_kernel and a 120 s timeout). No cell has run then, so a fresh kernel is safe;
    # a short timeout and up to 10 starts keep the odds of ten hangs in a row negligible. Rarer, the kernel's JVM
    # exits right after binding ("Kernel died before replying to kernel_info", once in a clean-clone CI run): also
    # before any cell, so also restarted.
    if [[ $status -eq 0 ]] || ! grep -q -E "Kernel didn't respond|Kernel died before replying to kernel_info" "$3"; then
      return $status
    fi
    echo "run-notebooks: $(basename "$1"): the kernel did not start (attempt $attempt of 10)" >&2
  done
  return $status
}

shopt -s nullglob
notebooks=("$examples"/notebooks/*.ipynb)
must_fail=("$examples"/src/test/notebooks/*.ipynb)
if [[ $# -gt 0 ]]; then  # only the named notebooks, e.g. `run-notebooks.sh training`
  notebooks=(); must_fail=()
  for name in "$@"; do notebooks+=("$examples/notebooks/$name.ipynb"); done
fi
failed=()
for nb in "${notebooks[@]}"; do
  name=$(basename "$nb" .ipynb)
  start=$(date +%s%N)
  status=0
  execute "$nb" "$out" "$out/$name.log" || status=$?
  seconds=$(awk -v ns=$(( $(date +%s%N) - start )) 'BEGIN { printf "%.1f", ns / 1e9 }')
  printf '%s\t%s\t%d\n' "$name" "$seconds" "$status" >> "$out/timings.tsv"
  if [[ $status -ne 0 ]]; then
    failed+=("$name")
    echo "run-notebooks: $name FAILED after ${seconds}s (exit $status); nbconvert's output:" >&2
    grep -v -i -E 'frozen modules|PYDEVD|debugger|^\[[0-9-]+ [0-9:]+\] \[INFO' "$out/$name.log" | tail -n 40 >&2
  else
    printf 'run-notebooks: %s ok in %s s\n' "$name" "$seconds"
  fi
done

for nb in "${must_fail[@]}"; do
  name=$(basename "$nb" .ipynb)
  status=0
  execute "$nb" "$out/expected-failures" "$out/expected-failures/$name.log" || status=$?
  echo "$status" > "$out/expected-failures/$name.rc"
  echo "run-notebooks: $name (must fail): exit $status"
done

if [[ ${#failed[@]} -gt 0 ]]; then
  echo "run-notebooks: ${#failed[@]} notebook(s) failed: ${failed[*]}" >&2
  exit 1
fi
