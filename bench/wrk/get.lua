-- GET /invoices/{invoiceId}: a random seeded invoice of its own location.
dofile("bench/wrk/common.lua")
request = function()
  local t = pick()
  return wrk.format("GET", "/invoices/" .. t.invoice .. "?altId=" .. t.location .. "&altType=location", headers(t, false))
end
