-- POST /invoices/{invoiceId}/send with action email (liveMode true, so it goes to SMTP: the smtp-sink).
dofile("bench/wrk/common.lua")
request = function()
  local t = pick()
  local body = string.format([[{"altId":"%s","altType":"location","userId":"%s","action":"email","liveMode":true,"sentFrom":{"fromName":"Acme Plumbing","fromEmail":"billing@acme.example"}}]],
    t.location, t.user)
  return wrk.format("POST", "/invoices/" .. t.invoice .. "/send", headers(t, true), body)
end
-- at a set rate: each connection waits DELAY_MS between requests (bench/send.sh sets it for half the peak)
local delay_ms = tonumber(os.getenv("DELAY_MS") or "0")
if delay_ms > 0 then
  delay = function() return delay_ms end
end
