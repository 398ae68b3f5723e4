#!/usr/bin/env bash
# The README's first command: build torch4j, fetch real MNIST if it is absent, and train the lecture's
# MNIST network with the lecture's recipe (SGD lr 0.1, batch 100, inputs normalised by the training set's
# mean and std, 10 epochs) through the training CLI. Extra arguments go to `train`, e.g.
#
#   bash examples/train-mnist.sh                       # defaults; run directory runs/mnist-lecture
#   bash examples/train-mnist.sh --epochs 2 --limit 5000 --out runs/quick
#   bash examples/train-mnist.sh --resume              # continue after a SIGTERM/SIGINT stop
#
# The exit code is the CLI's: 0 on success, non-zero with one line on stderr on failure, 143/130 after
# SIGTERM/SIGINT (the checkpoint is then in the run directory).
set -euo pipefail
cd "$(dirname "$0")/.."

mvn -B -q install -DskipTests -Dinvoker.skip=true
bash datasets/fetch-data.sh
CP_FILE="examples/target/cli.classpath"
mvn -B -q -pl examples dependency:build-classpath -Dmdep.outputFile=target/cli.classpath -Dmdep.includeScope=runtime
CP="examples/target/classes:$(cat "$CP_FILE")"
# cli-java.sh: java with the CLI's launch settings (flat memory over a long run). exec (there and here):
# the JVM gets the job's signals directly, so a SIGTERM reaches the CLI's shutdown hook.
exec bash examples/cli-java.sh -cp "$CP" org.torch4j.examples.cli.Torch4jCli train mnist-lecture "$@"
