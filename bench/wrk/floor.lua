-- The HTTP floor: the same server's liveness probe (no auth, no database); wrk's default request,
-- the JSON line of results from common.lua.
dofile("bench/wrk/common.lua")
