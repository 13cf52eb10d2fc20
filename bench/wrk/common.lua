-- Shared by the wrk scripts: reads the seeded tenants (and invoices), and prints one JSON line of results.
-- A line of TARGETS (env, default bench/out/targets.txt): locationId token userId [invoiceId]
local targets = {}
local file = os.getenv("TARGETS") or "bench/out/targets.txt"
for line in io.lines(file) do
  local location, token, user, invoice = line:match("^(%S+)%s+(%S+)%s+(%S+)%s*(%S*)")
  if location then
    targets[#targets + 1] = {location = location, token = token, user = user, invoice = invoice}
  end
end
assert(#targets > 0, "no targets in " .. file)

local counter = 0
math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16) % 100000)

function pick()
  counter = counter + 1
  return targets[math.random(#targets)]
end

function headers(t, json)
  local h = {["Version"] = "2021-07-28", ["Accept"] = "application/json", ["Authorization"] = "Bearer " .. t.token}
  if json then h["Content-Type"] = "application/json" end
  return h
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    '{"requests":%d,"seconds":%.3f,"rps":%.1f,"p50_ms":%.3f,"p90_ms":%.3f,"p99_ms":%.3f,"p999_ms":%.3f,"max_ms":%.3f,' ..
    '"errors":{"connect":%d,"read":%d,"write":%d,"timeout":%d,"non2xx":%d}}\n',
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
    latency:percentile(99.9) / 1000, latency.max / 1000,
    e.connect, e.read, e.write, e.timeout, e.status))
end
