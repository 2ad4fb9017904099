#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Start-up benchmark of the exported runtime: time from `java -jar perfsuite.jar` to the Web Console answering
# 200 with valid credentials, over N runs, each with a fresh home (cold: bundles unpacked) or a reused one (warm).
# Usage: cnf/tools/bench-startup.sh [RUNS] [JAVA]      prints each run and p50 / p90 / max per kind
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
JAR="$ROOT/runtime/target/perfsuite.jar"
RUNS=${1:-10}
JAVA=${2:-java}
[ -f "$JAR" ] || { echo "build first: mvn -B -DskipTests package" >&2; exit 1; }
PORT=18765
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

one() { # $1 = home; prints milliseconds from start to 200
    local home=$1 start now code pid
    start=$(date +%s%N)
    PERFSUITE_CONSOLE_PASSWORD=bench "$JAVA" ${PERFSUITE_JAVA_OPTS:-} -Dperfsuite.home="$home" -Dfelix.fileinstall.dir="$home/plugins" \
        -Dfelix.cm.dir="$home/config" -Dlaunch.storage.dir="$home/framework" -Dorg.osgi.service.http.port=$PORT \
        -Dorg.slf4j.simpleLogger.logFile="$home/perfsuite.log" -jar "$JAR" </dev/null >/dev/null 2>&1 &
    pid=$!
    while :; do
        code=$(curl -s -o /dev/null -w '%{http_code}' -u perfsuite:bench "http://127.0.0.1:$PORT/system/console/bundles" || true)
        [ "$code" = 200 ] && break
        kill -0 $pid 2>/dev/null || { echo "runtime exited" >&2; exit 1; }
        sleep 0.01
    done
    now=$(date +%s%N)
    kill $pid; wait $pid 2>/dev/null || true
    echo $(( (now - start) / 1000000 ))
}

stats() { # reads numbers, prints p50 p90 max
    sort -n | awk '{a[NR]=$1} END {p50=a[int((NR+1)/2)]; i=int(NR*0.9+0.5); if (i<1) i=1; print "p50 " p50 " ms, p90 " a[i] " ms, max " a[NR] " ms (n=" NR ")"}'
}

"$JAVA" -version 2>&1 | head -1
for kind in cold warm; do
    : > "$WORK/$kind"
    for i in $(seq "$RUNS"); do
        home="$WORK/home-$kind"
        [ "$kind" = cold ] && home="$WORK/home-$kind-$i"
        mkdir -p "$home/plugins"
        ms=$(one "$home")
        echo "$ms" >> "$WORK/$kind"
    done
    printf '%-5s %s   runs: %s\n' "$kind" "$(stats < "$WORK/$kind")" "$(tr '\n' ' ' < "$WORK/$kind")"
done
