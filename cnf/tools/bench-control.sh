#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# OSC command -> applied by the session -> state echoed, against the exported runtime as a process:
# cnf/tools/bench-control.sh [COMMANDS]. Needs `mvn -B install` (the jar and the runtime's test classes) first.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$ROOT"
exec "${JAVA_HOME:+$JAVA_HOME/bin/}java" -Dperfsuite.jar=runtime/target/perfsuite.jar \
    -cp runtime/target/test-classes io.perfsuite.runtime.ControlLatencyBenchmark "${1:-2000}"
