#!/usr/bin/env bash
# Turns a run's rounds (benchmarks/target/run) into benchmarks/results/latest.md and latest.csv: per comparison the
# median ratio over the interleaved rounds with its range, throughput and server CPU time per 1,000 requests.
#   benchmarks/report.sh [run directory] [results directory]
set -euo pipefail
cd "$(dirname "$0")/.."
WORK=${1:-benchmarks/target/run} OUT=${2:-benchmarks/results}
prop() { sed -n "s/^$1=//p" "$WORK/run.properties"; }
MODEL=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)
MACHINE="$(nproc) cores ($MODEL), $(free -g | awk '/Mem:/ { print $2 }') GiB, $(java -version 2>&1 | head -1), Linux $(uname -r)"
cp "$WORK/rounds.csv" "$OUT/latest.csv"

awk -F, -v machine="$MACHINE" -v date="$(date -u -r "$WORK/rounds.csv" +%Y-%m-%dT%H:%MZ)" \
    -v rounds="$(prop rounds)" -v duration="$(prop duration)" -v warmup="$(prop warmup)" \
    -v connections="$(prop connections)" -v pinning="$(prop pinning)" -v quick="$(prop quick)" \
    -v load_start="$(prop loadavg_start)" -v load_end="$(prop loadavg_end)" \
    -v memfile="$WORK/memory.csv" -v jmhfile="$WORK/jmh.csv" '
function sorted(a, n,    i, j, t) { for (i = 2; i <= n; i++) { t = a[i]; for (j = i - 1; j >= 1 && a[j] > t; j--) a[j + 1] = a[j]; a[j + 1] = t } }
function median(a, n) { sorted(a, n); return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2 }
function range(a, n) { sorted(a, n); return sprintf("%.2f–%.2f", a[1], a[n]) }
function verdict(med, lo, hi, target) {
    if (target == "") return "(no target)"
    return (med >= target ? "PASS" : "MISS") (lo < target && hi >= target ? " (range straddles it)" : "")
}
FNR == 1 { next }
FILENAME ~ /comparisons.tsv$/ {
    # comparison, label, target, candidate, candidate_path, baseline, baseline_path; tab-separated
    split($0, f, "\t"); id = f[1]; label[id] = f[2]; target[id] = f[3]
    cand[id] = f[4] " `" f[5] "`"; base[id] = f[6] " `" f[7] "`"; order[++n] = id
    next
}
{
    # comparison,round,side,application,path,requests,seconds,requests_per_second,p50_ms,p99_ms,server_cpu_ms,redis_cpu_ms,socket_errors
    k = $1 SUBSEP $2 SUBSEP $3
    rps[k] = $8; cpu1k[k] = ($11 + $12) * 1000 / ($6 > 0 ? $6 : 1); errors[$1] += $13
    if ($2 > nrounds[$1]) nrounds[$1] = $2
    s = $4 " " $5; if (!(s in seen)) { seen[s] = 1; scen[++ns] = s }
    c = ++count[s]; srps[s, c] = $8; sp50[s, c] = $9; sp99[s, c] = $10; scpu[s, c] = $11 * 1000 / ($6 > 0 ? $6 : 1)
    sredis[s, c] = $12 * 1000 / ($6 > 0 ? $6 : 1)
}
function row(id,    r, m, a, b, x, y, p, q, lo, hi, clo, chi, rmed, cmed) {
    m = nrounds[id]
    for (r = 1; r <= m; r++) {
        a[r] = rps[id, r, "candidate"] / rps[id, r, "baseline"]
        b[r] = cpu1k[id, r, "baseline"] / cpu1k[id, r, "candidate"]
        x[r] = cpu1k[id, r, "candidate"]; y[r] = cpu1k[id, r, "baseline"]
        p[r] = rps[id, r, "candidate"]; q[r] = rps[id, r, "baseline"]
    }
    rmed = median(a, m); lo = a[1]; hi = a[m]
    cmed = median(b, m); clo = b[1]; chi = b[m]
    printf "| %s | %s | %s | **%.2f** (%.2f–%.2f) | %s | **%.2f** (%.2f–%.2f) | %s | %.0f / %.0f | %.1f / %.1f |%s\n", label[id],
        cand[id] " / " base[id], (target[id] == "" ? "" : "≥ " target[id]), rmed, lo, hi, verdict(rmed, lo, hi, target[id]),
        cmed, clo, chi, verdict(cmed, clo, chi, target[id]), median(p, m), median(q, m), median(x, m), median(y, m),
        (errors[id] > 0 ? " " errors[id] " socket errors" : "")
}
END {
    print "# Benchmark results\n"
    if (quick == "true") print "**A `--quick` smoke run: it shows that the harness works end to end; its numbers mean nothing.**\n"
    printf "Run of %s. Machine: %s. Load average (1, 5, 15 min) at the start %s, at the end %s.\n\n", date, machine, load_start, load_end
    printf "Method: every comparison runs %d interleaved rounds (candidate then baseline, %s s each, after %s s of warm-up per side) ", rounds, duration, warmup
    printf "with wrk (1 thread, %d connections) on 127.0.0.1; %s. All the applications run at once, ", connections, pinning
    print "each with 512 MiB of heap; only the one under load is busy.\n"
    print "- **req/s ratio**: candidate / baseline requests per second, per round; the median and the range (min–max) over the rounds."
    print "- **CPU ratio**: baseline / candidate CPU time (utime + stime of the server process, plus redis-server where it is used) per request served, per round: above 1 means the candidate spends less CPU per request, so both ratios read the same way. It moves less than requests per second on a shared machine."
    print "- The **self-comparisons** measure the same thing as candidate and baseline: their spread is the noise of this run, and a difference inside it is not a finding. A result whose range straddles the target is not settled by this run.\n"
    print "| comparison | candidate / baseline | target | req/s ratio: median (range) | result | CPU ratio: median (range) | result | req/s (median) | CPU ms per 1,000 requests |"
    print "|---|---|---|---:|---|---:|---|---:|---:|"
    for (i = 1; i <= n; i++) row(order[i])
    print "\n## Every scenario (medians over every round it ran in)\n"
    print "| application | path | requests/s | p50 ms | p99 ms | server CPU ms per 1,000 requests | Redis CPU ms per 1,000 requests |"
    print "|---|---|---:|---:|---:|---:|---:|"
    for (i = 1; i <= ns; i++) {
        s = scen[i]; m = count[s]; split(s, name, " ")
        delete t1; delete t2; delete t3; delete t4; delete t5
        for (c = 1; c <= m; c++) { t1[c] = srps[s, c]; t2[c] = sp50[s, c]; t3[c] = sp99[s, c]; t4[c] = scpu[s, c]; t5[c] = sredis[s, c] }
        redis = median(t5, m)
        printf "| %s | `%s` | %.0f | %.2f | %.2f | %.1f | %s |\n", name[1], name[2], median(t1, m), median(t2, m), median(t3, m),
            median(t4, m), (name[1] ~ /redis/ ? sprintf("%.1f", redis) : "")
    }
    print "\n## Memory\n"
    print "| scenario | heap used before (MiB) | after a full GC (MiB) |"
    print "|---|---:|---:|"
    while ((getline line < memfile) > 0) {
        if (line ~ /^scenario/) continue
        split(line, mm, ",")
        printf "| %s | %.1f | %.1f |\n", mm[1], mm[2] / 1024, mm[3] / 1024
    }
    print "\n## JMH (average time per operation, on the server core)\n"
    print "| benchmark | parameter | ns/op | error |"
    print "|---|---|---:|---:|"
    while ((getline line < jmhfile) > 0) {
        if (line ~ /^"Benchmark"/) continue
        gsub(/["\r]/, "", line)
        split(line, j, ",")
        sub(/^dev\.errorcontract\./, "", j[1])
        printf "| %s | %s | %.1f | %s |\n", j[1], (j[8] == "" ? "" : j[8]), j[5], (j[6] == "NaN" ? "" : sprintf("%.1f", j[6]))
    }
}' "$WORK/comparisons.tsv" "$WORK/rounds.csv" > "$OUT/latest.md"
cat "$OUT/latest.md"
