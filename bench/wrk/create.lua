-- POST /invoices/: a two-line invoice with tax, for a random seeded location.
dofile("bench/wrk/common.lua")
local n = 0
request = function()
  local t = pick()
  n = n + 1
  local body = string.format([[{"altId":"%s","altType":"location","name":"Bench invoice %d","businessDetails":{"name":"Acme Plumbing","phoneNo":"+12145596993"},"currency":"USD","items":[{"name":"Consulting","currency":"USD","amount":120.5,"qty":3,"taxes":[{"_id":"6578278e879ad2646715ba01","name":"Sales tax","rate":8.25,"calculation":"exclusive"}]},{"name":"Travel","currency":"USD","amount":80,"qty":1,"taxes":[]}],"discount":{"type":"percentage","value":0},"contactDetails":{"id":"c%d","name":"Customer %d","phoneNo":"+12145596993","email":"customer%d@customer.example"},"issueDate":"2026-%02d-%02d","dueDate":"2026-12-31","sentTo":{"email":["customer%d@customer.example"]},"liveMode":false}]],
    t.location, n, n % 500, n % 500, n % 500, 1 + n % 12, 1 + n % 28, n % 500)
  return wrk.format("POST", "/invoices/", headers(t, true), body)
end
