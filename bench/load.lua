-- wrk script for bench/load.sh: a mix of pages (cached and not, both languages), 404s,
-- /healthz, a logged-in account page and junk URLs; counts answers by status per thread.
local cookie = os.getenv("LOAD_COOKIE") or ""
local paths = {
  "/en/cookie-policy", "/sv/cookie-policy", "/en/", "/sv/", "/en/about", "/sv/about",
  "/en/get-started", "/sv/get-started", "/en/showcase", "/sv/showcase", "/en/login",
  "/en/no-such-page", "/sv/finns-inte", "/healthz", "ACCOUNT", "JUNK", "/en/cookie-policy?x=1",
}
local threads = {}
local n = 0
statuses = {}

function setup(thread)
  table.insert(threads, thread)
end

function request()
  n = n + 1
  local path = paths[(n % #paths) + 1]
  if path == "ACCOUNT" then
    return wrk.format("GET", "/en/account", { ["Cookie"] = cookie })
  elseif path == "JUNK" then
    return wrk.format("GET", "/en/x" .. n .. "-" .. math.random(1000000000) .. "/../cookie-policy")
  end
  return wrk.format("GET", path)
end

function response(status)
  statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency)
  local total = {}
  for _, thread in ipairs(threads) do
    for status, count in pairs(thread:get("statuses")) do
      total[status] = (total[status] or 0) + count
    end
  end
  local parts = {}
  for status, count in pairs(total) do
    table.insert(parts, status .. "=" .. count)
  end
  table.sort(parts)
  io.write(string.format("requests/s %.0f\n", summary.requests / (summary.duration / 1e6)))
  io.write(string.format("p99 %.2f ms\n", latency:percentile(99) / 1000))
  io.write(string.format("socket errors %d\n", summary.errors.connect + summary.errors.read
    + summary.errors.write + summary.errors.timeout))
  io.write("statuses " .. table.concat(parts, " ") .. "\n")
end
