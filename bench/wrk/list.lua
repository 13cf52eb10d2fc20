-- GET /invoices/ with filters: status, a date range, a search term, newest first, a page of 20.
dofile("bench/wrk/common.lua")
local statuses = {"draft", "sent"}
local n = 0
request = function()
  local t = pick()
  n = n + 1
  local path = string.format("/invoices/?altId=%s&altType=location&limit=20&offset=%d&status=%s&startAt=2026-%02d-01&endAt=2026-12-31&search=Bench&sortField=issueDate&sortOrder=descend",
    t.location, (n % 5) * 20, statuses[1 + n % 2], 1 + n % 6)
  return wrk.format("GET", path, headers(t, false))
end
