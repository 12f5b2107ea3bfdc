#!/usr/bin/env bash
# Benchmarks of quarkus-error-contract against plain Quarkus and the alternatives, in one run on 127.0.0.1.
#   benchmarks/run.sh            full run (about 25 minutes on 2 cores)
#   benchmarks/run.sh --quick    a smoke run (about 3 minutes; numbers are only indicative)
# Every load targets 127.0.0.1 only and stops by itself. Results: benchmarks/results/latest.{md,csv}.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
OUT=$ROOT/benchmarks/results
WORK=$ROOT/benchmarks/target/run
mkdir -p "$OUT" "$WORK"

DURATION=10s WARMUP=5s MEMORY_KEYS=1000000 JMH_ARGS=""
if [ "${1:-}" = "--quick" ]; then DURATION=3s WARMUP=2s MEMORY_KEYS=100000 JMH_ARGS="-wi 1 -i 1 -w 1s -r 1s"; fi
THREADS=2 CONNECTIONS=32 PORT=8090 REDIS_PORT=6390

command -v wrk >/dev/null || { apt-get update -q && apt-get install -y -q wrk; }

echo "== building the extension and the benchmark applications"
./mvnw -B -q install -DskipTests -pl runtime,deployment -am
./mvnw -B -q -f benchmarks/pom.xml package -DskipTests

REDIS_JAR=$(find ~/.m2/repository/com/github/codemonstur/embedded-redis -name 'embedded-redis-*.jar' | head -1)
[ -n "$REDIS_JAR" ] || ./mvnw -B -q dependency:get -Dartifact=com.github.codemonstur:embedded-redis:1.4.3
REDIS_JAR=$(find ~/.m2/repository/com/github/codemonstur/embedded-redis -name 'embedded-redis-*.jar' | head -1)
(cd "$WORK" && unzip -o -q -j "$REDIS_JAR" redis-server-6.2.6-v5-linux-amd64 && chmod +x redis-server-6.2.6-v5-linux-amd64)

CSV=$WORK/results.csv
echo "scenario,application,requests_per_second,p50_ms,p99_ms" > "$CSV"
APP_PID="" REDIS_PID=""
cleanup() {
    [ -n "$APP_PID" ] && kill "$APP_PID" 2>/dev/null || true
    [ -n "$REDIS_PID" ] && kill "$REDIS_PID" 2>/dev/null || true
}
trap cleanup EXIT

start_app() { # app-module, extra JVM args...
    local jar=$ROOT/benchmarks/apps/$1/target/quarkus-app/quarkus-run.jar
    shift
    java -Xms512m -Xmx512m "$@" -jar "$jar" > "$WORK/app.log" 2>&1 &
    APP_PID=$!
    for _ in $(seq 1 100); do
        if curl -s -o /dev/null "http://127.0.0.1:$PORT/bench/json"; then
            warm_up
            return 0
        fi
        sleep 0.2
    done
    echo "application did not start:"; cat "$WORK/app.log"; exit 1
}

warm_up() { # the JIT compiles the paths every scenario shares before any is measured
    for path in /bench/json /bench/missing /bench/boom; do
        wrk -t$THREADS -c$CONNECTIONS -d$WARMUP "http://127.0.0.1:$PORT$path" > /dev/null
    done
}

stop_app() {
    kill "$APP_PID" 2>/dev/null || true
    wait "$APP_PID" 2>/dev/null || true
    APP_PID=""
}

to_ms() { # wrk latency like 512.00us, 1.20ms, 1.02s
    awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) n /= 1000; else if (v ~ /ms$/) n += 0; else if (v ~ /s$/) n *= 1000; printf "%.3f", n }'
}

measure() { # scenario, application, path, [method body]
    local scenario=$1 app=$2 path=$3 method=${4:-GET} body=${5:-}
    local script=$WORK/request.lua
    printf 'wrk.method = "%s"\nwrk.headers["Content-Type"] = "application/json"\nwrk.headers["X-API-Key"] = "bench-key"\n' "$method" > "$script"
    [ -n "$body" ] && printf 'wrk.body = [[%s]]\n' "$body" >> "$script"
    wrk -t$THREADS -c$CONNECTIONS -d$WARMUP -s "$script" "http://127.0.0.1:$PORT$path" > /dev/null
    local report
    report=$(wrk -t$THREADS -c$CONNECTIONS -d$DURATION --latency -s "$script" "http://127.0.0.1:$PORT$path")
    local rps p50 p99
    rps=$(echo "$report" | awk '/Requests\/sec/ { print $2 }')
    p50=$(to_ms "$(echo "$report" | awk '$1 == "50%" { print $2 }')")
    p99=$(to_ms "$(echo "$report" | awk '$1 == "99%" { print $2 }')")
    echo "$scenario,$app,$rps,$p50,$p99" | tee -a "$CSV"
}

heap_used_kb() { # after a full GC
    jcmd "$APP_PID" GC.run > /dev/null
    sleep 1
    jcmd "$APP_PID" GC.heap_info | awk '/used/ { for (i = 1; i <= NF; i++) if ($i == "used") { print $(i + 1); exit } }' | tr -d 'K'
}

flood() { # path, method, header name, count: one distinct key per request, then stop
    local script=$WORK/flood.lua
    cat > "$script" <<LUA
local counter, limit, id = 0, math.floor($4 / $THREADS), 0
local threads = {}
function setup(thread) id = id + 1; thread:set("id", id); table.insert(threads, thread) end
function init(args) wrk.method = "$2"; wrk.headers["Content-Type"] = "application/json"; wrk.body = "{}" end
function request()
    counter = counter + 1
    wrk.headers["$3"] = "key-" .. id .. "-" .. counter
    return wrk.format()
end
function response() if counter >= limit then wrk.thread:stop() end end
LUA
    wrk -t$THREADS -c$CONNECTIONS -d300s -s "$script" "http://127.0.0.1:$PORT$1" > /dev/null
}

echo "== plain Quarkus REST"
start_app plain
measure "200 json" plain /bench/json
measure "404" plain /bench/missing
measure "422 validation" plain /bench/validated POST '{"name":"","priority":""}'
measure "500" plain /bench/boom
stop_app

echo "== with quarkus-error-contract (local store)"
start_app contract
measure "200 json" contract /bench/json
measure "404" contract /bench/missing
measure "404 ApiException" contract /bench/missing-api
measure "422 validation" contract /bench/validated POST '{"name":"","priority":""}'
measure "500" contract /bench/boom
measure "unlimited" contract /bench/unlimited
measure "limited below its limit" contract /bench/limited/high
measure "limited 429" contract /bench/limited/low
stop_app

echo "== with quarkus-error-contract (Redis store)"
"$WORK/redis-server-6.2.6-v5-linux-amd64" --port $REDIS_PORT --bind 127.0.0.1 --save "" --appendonly no > "$WORK/redis.log" 2>&1 &
REDIS_PID=$!
sleep 1
start_app contract -Dquarkus.error-contract.rate-limit.store=redis
measure "limited below its limit" contract-redis /bench/limited/high
measure "limited 429" contract-redis /bench/limited/low
stop_app
kill "$REDIS_PID"; REDIS_PID=""

echo "== with quarkus-resteasy-problem"
start_app problem
measure "200 json" problem /bench/json
measure "404" problem /bench/missing
measure "422 validation" problem /bench/validated POST '{"name":"","priority":""}'
measure "500" problem /bench/boom
stop_app

if [ -f "$ROOT/benchmarks/apps/bucket4j/target/quarkus-app/quarkus-run.jar" ]; then
    echo "== with quarkus-bucket4j (on Quarkus 3.15.1, the newest it builds on)"
    start_app bucket4j
    measure "unlimited" bucket4j /bench/unlimited
    measure "limited below its limit" bucket4j /bench/limited/high
    measure "limited 429" bucket4j /bench/limited/low
    stop_app
fi

echo "== memory: $MEMORY_KEYS distinct API keys, then $MEMORY_KEYS idempotency keys (local stores, bounded at 100000)"
MEM=$WORK/memory.csv
echo "scenario,heap_before_kb,heap_after_kb" > "$MEM"
start_app contract
before=$(heap_used_kb)
flood /bench/memory/per-key GET X-API-Key "$MEMORY_KEYS"
after=$(heap_used_kb)
echo "rate limit: $MEMORY_KEYS API keys,$before,$after" | tee -a "$MEM"
before=$(heap_used_kb)
flood /bench/memory/idempotent POST Idempotency-Key "$MEMORY_KEYS"
after=$(heap_used_kb)
echo "idempotency: $MEMORY_KEYS keys,$before,$after" | tee -a "$MEM"
stop_app

echo "== JMH: the error reader, the rate-limit decision, the renderer"
java -jar benchmarks/jmh/target/benchmarks.jar $JMH_ARGS -rf csv -rff "$WORK/jmh.csv" | tail -25

bash benchmarks/report.sh "$WORK" "$OUT"
