#!/usr/bin/env bash
# Turns a run's raw results into benchmarks/results/latest.md and latest.csv: throughput, latency, ratios against
# baselines measured in the same run, and the targets of issue 7 as PASS or MISS.
set -euo pipefail
WORK=$1 OUT=$2
MACHINE="$(nproc) cores, $(free -g | awk '/Mem:/ { print $2 }') GiB, $(java -version 2>&1 | head -1), $(date -u +%Y-%m-%dT%H:%MZ)"
cp "$WORK/results.csv" "$OUT/latest.csv"
awk -F, -v machine="$MACHINE" -v memfile="$WORK/memory.csv" -v jmhfile="$WORK/jmh.csv" '
NR == 1 { next }
{ rps[$1 "|" $2] = $3; p50[$1 "|" $2] = $4; p99[$1 "|" $2] = $5; order[++n] = $1 "|" $2 }
function ratio(a, b) { return (a in rps && b in rps && rps[b] > 0) ? rps[a] / rps[b] : -1 }
function target(name, r, min, note) {
    if (r < 0) { printf "| %s | n/a | %.2f | not measured %s |\n", name, min, note; return }
    printf "| %s | %.3f | %.2f | %s %s |\n", name, r, min, (r >= min ? "PASS" : "MISS"), note
}
END {
    print "# Benchmark results\n"
    print "Machine: " machine ". Load: wrk, 2 threads, 32 connections, on 127.0.0.1; every figure is from the same run.\n"
    print "| scenario | application | requests/s | p50 ms | p99 ms | ratio to plain Quarkus |"
    print "|---|---|---:|---:|---:|---:|"
    for (i = 1; i <= n; i++) {
        split(order[i], k, "|")
        r = ratio(order[i], k[1] "|plain")
        printf "| %s | %s | %.0f | %.2f | %.2f | %s |\n", k[1], k[2], rps[order[i]], p50[order[i]], p99[order[i]], (r < 0 ? "" : sprintf("%.3f", r))
    }
    print "\n## Targets\n"
    print "| target | ratio | at least | result |"
    print "|---|---:|---:|---|"
    target("200 path: extension / plain", ratio("200 json|contract", "200 json|plain"), 0.98, "")
    target("404 (NotFoundException): extension / quarkus-resteasy-problem", ratio("404|contract", "404|problem"), 1.0, "")
    target("404 (ApiException.notFound): extension / quarkus-resteasy-problem", ratio("404 ApiException|contract", "404|problem"), 1.0, "")
    target("422: extension / quarkus-resteasy-problem", ratio("422 validation|contract", "422 validation|problem"), 1.0, "")
    target("500: extension / quarkus-resteasy-problem", ratio("500|contract", "500|problem"), 1.0, "")
    target("limited below its limit / unlimited", ratio("limited below its limit|contract", "unlimited|contract"), 0.95, "")
    target("429 path / 200 path (unlimited)", ratio("limited 429|contract", "unlimited|contract"), 1.0, "")
    target("Redis store / local store (below the limit)", ratio("limited below its limit|contract-redis", "limited below its limit|contract"), 0.6, "")
    target("local store / quarkus-bucket4j (below the limit)", ratio("limited below its limit|contract", "limited below its limit|bucket4j"), 1.0, "(quarkus-bucket4j runs on Quarkus 3.15.1)")
    print "\n## Memory\n"
    print "| scenario | heap used before (MiB) | after a full GC (MiB) |"
    print "|---|---:|---:|"
    while ((getline line < memfile) > 0) {
        if (line ~ /^scenario/) continue
        split(line, m, ",")
        printf "| %s | %.1f | %.1f |\n", m[1], m[2] / 1024, m[3] / 1024
    }
    print "\n## JMH (average time per operation)\n"
    print "| benchmark | parameter | ns/op | error |"
    print "|---|---|---:|---:|"
    while ((getline line < jmhfile) > 0) {
        if (line ~ /^"Benchmark"/) continue
        gsub(/["\r]/, "", line)
        split(line, j, ",")
        sub(/^dev\.errorcontract\./, "", j[1])
        printf "| %s | %s | %.1f | %.1f |\n", j[1], (j[8] == "" ? "" : j[8]), j[5], j[6]
    }
}' "$WORK/results.csv" > "$OUT/latest.md"
cat "$OUT/latest.md"
