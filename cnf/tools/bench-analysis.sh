#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The analysis chain against aubio, side by side, pinned to one core: cnf/tools/bench-analysis.sh [RUNS] [FILE...]
# Without files it uses the recordings of ../shared/data. Needs a build (mvn -B install -DskipTests) first.
# Live, on every core, paced by the real-time clock, with BUSY busy-loop processes and the audio thread at SCHED_RR
# PRIORITY (0: a normal thread): cnf/tools/bench-analysis.sh live SECONDS PRIORITY BUSY FILE
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
if [ "${1:-}" = live ]; then
    shift
    LIVE_FILE=$(realpath "$4")
    cd "$ROOT/bundles/io.perfsuite.cli"
    mvn -B -q -o test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
    CP="target/test-classes:target/classes:$(cat target/bench.classpath)"
    exec "${JAVA_HOME:+$JAVA_HOME/bin/}java" -XX:+UseZGC ${PERFSUITE_JAVA_OPTS:-} \
        -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$CP" io.perfsuite.cli.LiveChainBenchmark "$1" "$2" "$3" \
        "$LIVE_FILE"
fi
RUNS=${1:-5}
[ $# -gt 0 ] && shift
FILES=("$@")
if [ ${#FILES[@]} -eq 0 ]; then
    mapfile -t FILES < <(find "$ROOT/../shared/data" -name '*.wav' -size +200k | sort)
fi
for i in "${!FILES[@]}"; do FILES[$i]=$(realpath "${FILES[$i]}"); done
CORE=${PERFSUITE_BENCH_CORE:-1}
cd "$ROOT/bundles/io.perfsuite.cli"
mvn -B -q -o test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
CP="target/test-classes:target/classes:$(cat target/bench.classpath)"
echo "JDK: $(${JAVA_HOME:+$JAVA_HOME/bin/}java -version 2>&1 | head -1); core $CORE; $RUNS runs per file"
exec taskset -c "$CORE" "${JAVA_HOME:+$JAVA_HOME/bin/}java" ${PERFSUITE_JAVA_OPTS:-} -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
    -cp "$CP" io.perfsuite.cli.ChainBenchmark "$RUNS" "${FILES[@]}"
