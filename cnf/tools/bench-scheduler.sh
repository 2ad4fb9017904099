#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The MIDI scheduler's timing, |actual - scheduled|, under a chosen load (io.perfsuite.midi's SchedulerBenchmark):
#   cnf/tools/bench-scheduler.sh [SECONDS=30] [LOAD=idle] [JVM options...]
# LOAD: idle | runtime | alloc=MB_PER_S | saturate=N, joined by '+' (e.g. runtime+alloc=200).
# Safepoints are logged (tn = System.nanoTime) so the harness can tell which late events a safepoint explains.
# Compiles the module's classes with javac into target/bench (no Maven build of the module's target/classes needed,
# only its dependencies in the local repository: `mvn -o -q dependency:build-classpath` is run once).
# JAVA_HOME picks the JDK (17 or 25 here); e.g. JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 ... -XX:+UseZGC
# The built-in synthesizer's onsets in its audio (SynthTimingBenchmark), with and without time stamps:
#   cnf/tools/bench-scheduler.sh synth [SECONDS=20] [LEAD_MICROS=3000, 0: no stamps] [LOAD=idle] [JVM options...]
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
MOD="$ROOT/bundles/io.perfsuite.midi"
SYNTH=false
if [ "${1:-}" = synth ]; then SYNTH=true; shift; fi
SECONDS_ARG=${1:-30}
if $SYNTH; then LOAD=${2:-3000}; else LOAD=${2:-idle}; fi
shift $(( $# > 2 ? 2 : $# ))
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
JAVAC="${JAVA_HOME:+$JAVA_HOME/bin/}javac"
if [ ! -s "$MOD/target/cp.txt" ]; then
    mvn -B -o -q -f "$MOD/pom.xml" dependency:build-classpath -Dmdep.outputFile=target/cp.txt
fi
CP=$(cat "$MOD/target/cp.txt")
OUT="$MOD/target/bench"
mkdir -p "$OUT"
{ find "$MOD/src/main/java" -name '*.java'; ls "$MOD"/src/test/java/io/perfsuite/midi/internal/*Benchmark.java; } \
    > "$OUT/sources.txt"
"$JAVAC" -nowarn --release 17 -d "$OUT/classes" -cp "$CP" @"$OUT/sources.txt"
if $SYNTH; then
    LEAD=$LOAD
    SYNTH_LOAD=${1:-idle}
    shift $(( $# > 0 ? 1 : 0 ))
    exec "$JAVA" --add-exports java.desktop/com.sun.media.sound=ALL-UNNAMED "$@" -cp "$OUT/classes:$CP" \
        io.perfsuite.midi.internal.SynthTimingBenchmark "$SECONDS_ARG" "$LEAD" "$SYNTH_LOAD"
fi
LOG="$OUT/safepoint-$$.log"
trap 'rm -f "$LOG"' EXIT
"$JAVA" "-Xlog:safepoint=info:file=$LOG:tn" "-Dbench.safepointLog=$LOG" "$@" \
    -cp "$OUT/classes:$CP" io.perfsuite.midi.internal.SchedulerBenchmark "$SECONDS_ARG" "$LOAD"
