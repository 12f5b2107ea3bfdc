#!/usr/bin/env bash
# Benchmarks of quarkus-error-contract against plain Quarkus and the alternatives, on 127.0.0.1 only.
#   benchmarks/run.sh             full run: every comparison in 5 interleaved rounds of 10 s, after one uncounted round
#                                 (about 40 minutes)
#   benchmarks/run.sh --quick     a smoke run: 5 rounds of 1 s, 100k keys (about 6 minutes; its numbers mean nothing)
#   benchmarks/run.sh --no-build  reuse the applications built by an earlier run
#   benchmarks/run.sh --only REGEX  only the comparisons whose id matches (no memory, no JMH; results to target/run)
# Environment: ROUNDS, DURATION, WARMUP override the above; SERVER_CPU, LOAD_CPU, REDIS_CPU pick the cores;
# MAVEN_ARGS is passed to Maven as usual. Every load targets 127.0.0.1 and stops by itself.
# Results: benchmarks/results/latest.md (medians and ranges) and latest.csv (every round).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
OUT=$ROOT/benchmarks/results
WORK=$ROOT/benchmarks/target/run
rm -rf "$WORK"
mkdir -p "$OUT" "$WORK"
echo "loadavg_start=$(cut -d' ' -f1-3 /proc/loadavg)" > "$WORK/run.properties"

QUICK=false BUILD=true ONLY=""
while [ $# -gt 0 ]; do
    case $1 in
        --quick) QUICK=true ;;
        --no-build) BUILD=false ;;
        --only) ONLY=$2; shift ;;
        *) echo "unknown argument: $1 (expected --quick, --no-build, --only REGEX)"; exit 2 ;;
    esac
    shift
done
if $QUICK; then
    : "${ROUNDS:=5}" "${DURATION:=1}" "${WARMUP:=1}"; MEMORY_KEYS=100000 JMH_ARGS="-wi 1 -i 1 -w 1s -r 1s"
else
    : "${ROUNDS:=5}" "${DURATION:=10}" "${WARMUP:=5}"; MEMORY_KEYS=1000000 JMH_ARGS=""
fi
CONNECTIONS=32

# The server on one core, the load generator (and Redis, on two cores) on another: the two never compete for a core.
CPUS=$(nproc)
if [ "$CPUS" -ge 2 ]; then
    : "${LOAD_CPU:=0}" "${SERVER_CPU:=1}"
    if [ "$CPUS" -ge 3 ]; then : "${REDIS_CPU:=2}"; else : "${REDIS_CPU:=$LOAD_CPU}"; fi
    ON_SERVER=(taskset -c "$SERVER_CPU") ON_LOAD=(taskset -c "$LOAD_CPU") ON_REDIS=(taskset -c "$REDIS_CPU")
    PINNING="server on CPU $SERVER_CPU, wrk on CPU $LOAD_CPU, Redis on CPU $REDIS_CPU"
else
    ON_SERVER=() ON_LOAD=() ON_REDIS=()
    PINNING="not pinned (1 CPU)"
    echo "WARNING: one CPU only: the server and the load generator share it, ratios mean little"
fi
CLK_TCK=$(getconf CLK_TCK)

command -v wrk >/dev/null || { apt-get update -q && apt-get install -y -q wrk; }

if $BUILD; then
    echo "== building the extension and the benchmark applications (one reactor, nothing installed)"
    ./mvnw -B -q -f benchmarks/pom.xml package -DskipTests
fi
./mvnw -B -q -N org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy \
    -Dartifact=com.github.codemonstur:embedded-redis:1.4.3 -DoutputDirectory="$WORK"
(cd "$WORK" && jar xf embedded-redis-1.4.3.jar redis-server-6.2.6-v5-linux-amd64 \
    && chmod +x redis-server-6.2.6-v5-linux-amd64)

free_port() { # a port nothing listens on
    local port
    while :; do
        port=$((20000 + RANDOM % 20000))
        (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || { echo "$port"; return; }
    done
}

declare -A APP_PID APP_PORT
REDIS_PID=""
cleanup() {
    for pid in "${APP_PID[@]}"; do kill "$pid" 2>/dev/null || true; done
    [ -n "$REDIS_PID" ] && kill "$REDIS_PID" 2>/dev/null || true
}
trap cleanup EXIT

cpu_ticks() { # utime + stime of a process, in clock ticks (fields 14 and 15 of /proc/<pid>/stat)
    [ -n "$1" ] || { echo 0; return; }
    sed 's/^.*) //' "/proc/$1/stat" | awk '{ print $12 + $13 }'
}

request_script() { # file, method, body: every request carries an API key (the rate-limit identity)
    printf 'wrk.method = "%s"\nwrk.headers["Content-Type"] = "application/json"\nwrk.headers["X-API-Key"] = "bench-key"\n' "$2" > "$1"
    if [ -n "$3" ]; then printf 'wrk.body = [[%s]]\n' "$3" >> "$1"; fi
}

load() { # seconds, url, script: an unmeasured load
    "${ON_LOAD[@]}" wrk -t1 -c$CONNECTIONS -d"$1"s -s "$3" "$2" > /dev/null
}

status_of() { # url, method, body
    curl -s -o /dev/null -w '%{http_code}' -X "$2" -H 'Content-Type: application/json' -H 'X-API-Key: bench-key' \
        ${3:+--data "$3"} "$1"
}

start_app() { # name, module, extra JVM args...
    local name=$1 jar=$ROOT/benchmarks/apps/$2/target/quarkus-app/quarkus-run.jar port
    shift 2
    [ -f "$jar" ] || { echo "missing $jar: run without --no-build"; exit 1; }
    port=$(free_port)
    "${ON_SERVER[@]}" java -Xms512m -Xmx512m -Dquarkus.http.host=127.0.0.1 -Dquarkus.http.port="$port" "$@" \
        -jar "$jar" > "$WORK/$name.log" 2>&1 &
    APP_PID[$name]=$! APP_PORT[$name]=$port
    # taskset execs java: the pid is the JVM's own, whose CPU time /proc/<pid>/stat gives
    for _ in $(seq 1 150); do
        if curl -s -o /dev/null "http://127.0.0.1:$port/bench/json"; then
            [ "$(cat "/proc/${APP_PID[$name]}/comm")" = java ] || { echo "pid ${APP_PID[$name]} is not the JVM"; exit 1; }
            echo "   $name: pid ${APP_PID[$name]}, port $port"
            return 0
        fi
        kill -0 "${APP_PID[$name]}" 2>/dev/null || break
        sleep 0.2
    done
    echo "$name did not start:"; cat "$WORK/$name.log"; exit 1
}

stop_app() {
    kill "${APP_PID[$1]}" 2>/dev/null || true
    wait "${APP_PID[$1]}" 2>/dev/null || true
    unset "APP_PID[$1]"
}

to_ms() { # wrk latency like 512.00us, 1.20ms, 1.02s
    awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) n /= 1000; else if (v ~ /ms$/) n += 0; else if (v ~ /s$/) n *= 1000; printf "%.3f", n }'
}

ROUNDS_CSV=$WORK/rounds.csv COMPARISONS=$WORK/comparisons.tsv
echo "comparison,round,side,application,path,requests,seconds,requests_per_second,p50_ms,p99_ms,server_cpu_ms,redis_cpu_ms,socket_errors" > "$ROUNDS_CSV"
printf 'comparison\tlabel\ttarget\tcandidate\tcandidate_path\tbaseline\tbaseline_path\n' > "$COMPARISONS"

measure() { # comparison, round, side, app, path, script: one measured round of one side
    local url="http://127.0.0.1:${APP_PORT[$4]}$5" report cpu0 cpu1 redis0 redis1
    cpu0=$(cpu_ticks "${APP_PID[$4]}") redis0=$(cpu_ticks "$REDIS_PID")
    report=$("${ON_LOAD[@]}" wrk -t1 -c$CONNECTIONS -d"$DURATION"s --latency -s "$6" "$url")
    cpu1=$(cpu_ticks "${APP_PID[$4]}") redis1=$(cpu_ticks "$REDIS_PID")
    echo "$report" | awk -v c="$1" -v r="$2" -v s="$3" -v a="$4" -v p="$5" -v tck="$CLK_TCK" \
        -v cpu=$((cpu1 - cpu0)) -v redis=$((redis1 - redis0)) -v p50="$(to_ms "$(echo "$report" | awk '$1 == "50%" { print $2 }')")" \
        -v p99="$(to_ms "$(echo "$report" | awk '$1 == "99%" { print $2 }')")" '
        / requests in / { requests = $1; seconds = $4; sub(/s,$/, "", seconds) }
        /Socket errors/ { gsub(/[^0-9 ]/, " "); errors = $1 + $2 + $3 + $4 }
        END {
            printf "%s,%d,%s,%s,%s,%d,%.3f,%.1f,%s,%s,%.0f,%.0f,%d\n", c, r, s, a, p, requests, seconds, requests / seconds,
                p50, p99, cpu * 1000 / tck, redis * 1000 / tck, errors
        }' >> "$ROUNDS_CSV"
}

# plan ID "label" target candidate-app candidate-path baseline-app baseline-path status [method body]
# status: what both answer, or candidate/baseline (422/400). Every comparison is planned first, so that every path of
# every application is warmed up before any is measured.
PLAN=()
plan() { [[ -z $ONLY || $1 =~ $ONLY ]] && PLAN+=("$(printf '%s\x1f' "$@")") || true; } # unit separators: a field may be empty

# warm-up: WARMUP seconds on each side, in runs of one second, then the status each must answer (a wrong one would
# measure something else). Every measured round opens new connections. After one long warm-up, the first measured
# round of the Redis comparison still spent 15% of the server's CPU in the C2 compiler; after runs of one second,
# close to none: the JIT has seen connections open and close before anything is measured
warm() { # app, path, method, body, expected status, id
    local script=$WORK/$6.lua got second
    request_script "$script" "$3" "$4"
    for second in $(seq 1 "$WARMUP"); do load 1 "http://127.0.0.1:${APP_PORT[$1]}$2" "$script"; done
    got=$(status_of "http://127.0.0.1:${APP_PORT[$1]}$2" "$3" "$4")
    [ "$got" = "$5" ] || { echo "$6: $1 $2 answered $got, not $5: not measuring the wrong thing"; exit 1; }
}

# ROUNDS rounds of candidate then baseline, after one round of each that is not counted: on one core the JIT is still
# compiling after the short first warm-up, and the first rounds of a comparison measured it (0.15 then 0.57 and on)
compare() {
    local id=$1 label=$2 target=$3 capp=$4 cpath=$5 bapp=$6 bpath=$7 round
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$id" "$label" "$target" "$capp" "$cpath" "$bapp" "$bpath" >> "$COMPARISONS"
    load "$DURATION" "http://127.0.0.1:${APP_PORT[$capp]}$cpath" "$WORK/$id.lua"
    load "$DURATION" "http://127.0.0.1:${APP_PORT[$bapp]}$bpath" "$WORK/$id.lua"
    for round in $(seq 1 "$ROUNDS"); do
        measure "$id" "$round" candidate "$capp" "$cpath" "$WORK/$id.lua"
        measure "$id" "$round" baseline "$bapp" "$bpath" "$WORK/$id.lua"
    done
    awk -F, -v id="$id" '$1 == id { rps[$2, $3] = $8 } END {
        line = ""; for (r = 1; rps[r, "candidate"] != ""; r++) line = line sprintf(" %.2f", rps[r, "candidate"] / rps[r, "baseline"])
        print "   " id ":" line }' "$ROUNDS_CSV"
}

INVALID='{"name":"","priority":""}'

echo "== Redis (the embedded-redis artifact's redis-server 6.2.6)"
REDIS_PORT=$(free_port)
"${ON_REDIS[@]}" "$WORK/redis-server-6.2.6-v5-linux-amd64" --port "$REDIS_PORT" --bind 127.0.0.1 --save "" --appendonly no \
    > "$WORK/redis.log" 2>&1 &
REDIS_PID=$!
for _ in $(seq 1 50); do (exec 3<>"/dev/tcp/127.0.0.1/$REDIS_PORT") 2>/dev/null && break; sleep 0.1; done

echo "== starting the applications, all on the server's core (only the one under load is busy)"
start_app plain plain
start_app plain-again plain
start_app contract contract
start_app contract-redis contract -Dquarkus.error-contract.rate-limit.store=redis \
    -Dquarkus.redis.hosts=redis://127.0.0.1:"$REDIS_PORT"
start_app problem problem
start_app filter filter
start_app bucket4j bucket4j

plan self-process "Self: plain Quarkus against a second process of it (200)" 1.00 plain-again /bench/json plain /bench/json 200
plan self-endpoint "Self: the extension's /bench/unlimited against /bench/json (the same code, one process)" 1.00 contract /bench/unlimited contract /bench/json 200
plan ok-plain "200 path: extension / plain Quarkus" 0.98 contract /bench/json plain /bench/json 200
plan notfound-problem "404 (NotFoundException): extension / quarkus-resteasy-problem" 1.00 contract /bench/missing problem /bench/missing 404
plan apiexception-problem "404 (ApiException.notFound): extension / quarkus-resteasy-problem" 1.00 contract /bench/missing-api problem /bench/missing 404
plan invalid-problem "422: extension / quarkus-resteasy-problem" 1.00 contract /bench/validated problem /bench/validated 422/400 POST "$INVALID"
plan invalid-plain "422: extension / plain Quarkus (its 400)" 0.80 contract /bench/validated plain /bench/validated 422/400 POST "$INVALID"
plan boom-problem "500: extension / quarkus-resteasy-problem" 1.00 contract /bench/boom problem /bench/boom 500
plan limited-unlimited "Limited below its limit / unlimited (local store)" 0.95 contract /bench/limited/high contract /bench/unlimited 200
plan refused-ok "429 path / 200 path (local store)" 1.00 contract /bench/limited/low contract /bench/unlimited 429/200
plan redis-local "Redis store / local store (below the limit)" 0.60 contract-redis /bench/limited/high contract /bench/limited/high 200
plan redis-refused-local "Redis store / local store (429)" "" contract-redis /bench/limited/low contract /bench/limited/low 429
plan local-filter "Local store / Bucket4j in a ContainerRequestFilter (below the limit, both Quarkus 3.34.1)" 1.00 contract /bench/limited/high filter /bench/limited/high 200
plan refused-filter "429: local store / Bucket4j in a ContainerRequestFilter (both Quarkus 3.34.1)" 1.00 contract /bench/limited/low filter /bench/limited/low 429
plan local-bucket4j "Local store / quarkus-bucket4j (below the limit; quarkus-bucket4j on Quarkus 3.15.1)" 1.00 contract /bench/limited/high bucket4j /bench/limited/high 200

echo "== warm-up: ${WARMUP}s on every path of every application, then the status it answers"
for entry in "${PLAN[@]}"; do
    IFS=$'\x1f' read -r id _ _ capp cpath bapp bpath status method body <<< "$entry"
    warm "$capp" "$cpath" "${method:-GET}" "${body:-}" "${status%/*}" "$id"
    warm "$bapp" "$bpath" "${method:-GET}" "${body:-}" "${status#*/}" "$id"
done
echo "== comparisons: $ROUNDS rounds of ${DURATION}s per side; candidate / baseline requests per second, per round"
echo "   ($PINNING; wrk 1 thread, $CONNECTIONS connections)"
for entry in "${PLAN[@]}"; do
    IFS=$'\x1f' read -r id label target capp cpath bapp bpath _ <<< "$entry"
    compare "$id" "$label" "$target" "$capp" "$cpath" "$bapp" "$bpath"
done
for app in "${!APP_PID[@]}"; do stop_app "$app"; done
kill "$REDIS_PID"; wait "$REDIS_PID" 2>/dev/null || true; REDIS_PID=""
if [ -n "$ONLY" ]; then # a partial run: the comparisons only, summarised here, the published page untouched
    awk -F, 'NR > 1 { key = $1 " " $3 " " $4 " " $5; rps[key] = rps[key] " " $8; cpu[key] = cpu[key] " " sprintf("%.1f", $11 * 1000 / $6) }
        END { for (k in rps) print k ": req/s" rps[k] "; CPU ms/1000 req" cpu[k] }' "$ROUNDS_CSV" | sort
    exit 0
fi

heap_used_kb() { # after a full GC: survivors, eden and old generation in use, whichever collector the JVM chose
    jcmd "${APP_PID[contract]}" GC.run > /dev/null
    sleep 1
    jstat -gc "${APP_PID[contract]}" | awk 'NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i }
        NR == 2 { printf "%.0f\n", $col["S0U"] + $col["S1U"] + $col["EU"] + $col["OU"] }'
}

flood() { # path, method, header name, count: one distinct key per request, then stop
    local script=$WORK/flood.lua
    # wrk runs for its whole -d even after its thread stops: the script ends the process once count answers came
    cat > "$script" <<LUA
local sent, answered, limit = 0, 0, $4
function init(args) wrk.method = "$2"; wrk.headers["Content-Type"] = "application/json"; wrk.body = "{}" end
function request()
    sent = sent + 1
    wrk.headers["$3"] = "key-" .. sent
    return wrk.format()
end
function response() answered = answered + 1; if answered >= limit then os.exit(0) end end
LUA
    "${ON_LOAD[@]}" wrk -t1 -c$CONNECTIONS -d300s -s "$script" "http://127.0.0.1:${APP_PORT[contract]}$1" > /dev/null
}

echo "== memory: $MEMORY_KEYS distinct API keys, then $MEMORY_KEYS idempotency keys (local stores, bounded at 100000)"
MEM=$WORK/memory.csv
echo "scenario,heap_before_kb,heap_after_kb" > "$MEM"
start_app contract contract
before=$(heap_used_kb)
flood /bench/memory/per-key GET X-API-Key "$MEMORY_KEYS"
after=$(heap_used_kb)
echo "rate limit: $MEMORY_KEYS API keys,$before,$after" | tee -a "$MEM"
before=$(heap_used_kb)
flood /bench/memory/idempotent POST Idempotency-Key "$MEMORY_KEYS"
after=$(heap_used_kb)
echo "idempotency: $MEMORY_KEYS keys,$before,$after" | tee -a "$MEM"
stop_app contract

echo "== JMH on the server's core: the error reader, the rate-limit decision, the renderer"
# shellcheck disable=SC2086
"${ON_SERVER[@]}" java -jar benchmarks/jmh/target/benchmarks.jar $JMH_ARGS -rf csv -rff "$WORK/jmh.csv" | tail -14

printf 'rounds=%s\nduration=%s\nwarmup=%s\nconnections=%s\npinning=%s\nquick=%s\nloadavg_end=%s\n' "$ROUNDS" \
    "$DURATION" "$WARMUP" "$CONNECTIONS" "$PINNING" "$QUICK" "$(cut -d' ' -f1-3 /proc/loadavg)" >> "$WORK/run.properties"
bash benchmarks/report.sh "$WORK" "$OUT"
