-- wrk script for bench/web_bench.py: the connections walk, in turn, the URLs of the file named by $URLS
-- (one path per line); at the end one line "RESULT requests seconds p50 p95 p99 http_errors socket_errors"
-- with latencies in milliseconds.
local urls = {}
for line in io.lines(os.getenv("URLS")) do urls[#urls + 1] = line end
local i = 0

function request()
  i = i + 1
  return wrk.format("GET", urls[i % #urls + 1])
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT %d %.3f %.2f %.2f %.2f %d %d\n", summary.requests, summary.duration / 1e6,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    e.status, e.connect + e.read + e.write + e.timeout))
end
