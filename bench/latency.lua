-- Prints wrk's figures as one JSON line, with the p95 that --latency does not show.
-- With WRK_VARY_QUERY set, every request adds a query parameter of its own ("&_=1", "&_=2",
-- ...), so that no two requests share a kept answer.
if os.getenv("WRK_VARY_QUERY") then
  local n = 0
  request = function()
    n = n + 1
    return wrk.format(nil, wrk.path .. "&_=" .. n)
  end
end

done = function(summary, latency, requests)
  io.write(string.format(
    '{"requests": %d, "duration_us": %d, "errors": %d, "non2xx": %d, ' ..
    '"p50_ms": %.2f, "p95_ms": %.2f, "p99_ms": %.2f}\n',
    summary.requests, summary.duration,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    summary.errors.status,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000))
end
