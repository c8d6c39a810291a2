-- wrk script for the ingest-api: POST /v1/events (WRK_BATCH=1) or /v1/events:batch (WRK_BATCH=N), each request
-- with a fresh Idempotency-Key, a share of them (WRK_REPEAT) repeating the thread's previous request as a retrying
-- producer would. Counts 202s, replays (Idempotent-Replayed header) and other statuses per thread; done() prints
-- one WRKSTATS line. Env: WRK_API_KEY, WRK_BATCH, WRK_REPEAT, WRK_RUN (unique per run).
-- Note: thread:set() sets a global of the thread's Lua state; no local may shadow those names.

local threads = {}

function setup(thread)
  thread:set("tid", #threads + 1)
  table.insert(threads, thread)
end

function init(args)
  batch = tonumber(os.getenv("WRK_BATCH") or "1")
  repeatShare = tonumber(os.getenv("WRK_REPEAT") or "0")
  runId = os.getenv("WRK_RUN") or "run"
  auth = "Bearer " .. (os.getenv("WRK_API_KEY") or "")
  path = batch == 1 and "/v1/events" or "/v1/events:batch"
  sequence = 0
  accepted = 0
  replayed = 0
  others = 0
  lastKey = nil
  lastBody = nil
  math.randomseed(tid * 7919)
end

local function event(n)
  local aggregate = runId .. "-" .. tid .. "-" .. n
  return '{"aggregateType":"order","aggregateId":"o-' .. aggregate
    .. '","eventType":"order.placed","payload":{"orderId":"o-' .. aggregate
    .. '","customer":"c-' .. (n % 10000) .. '","currency":"EUR","total":' .. (20 + n % 500)
    .. '.50,"lines":[{"sku":"sku-' .. (n % 977) .. '","qty":2,"price":12.25},{"sku":"sku-' .. (n % 313)
    .. '","qty":1,"price":' .. (5 + n % 90) .. '.00}]},"metadata":{"source":"bench","run":"' .. runId .. '"}}'
end

local function body()
  if batch == 1 then
    sequence = sequence + 1
    return event(sequence)
  end
  local parts = {}
  for i = 1, batch do
    sequence = sequence + 1
    parts[i] = event(sequence)
  end
  return "[" .. table.concat(parts, ",") .. "]"
end

function request()
  if lastKey == nil or math.random() >= repeatShare then
    lastBody = body()
    lastKey = runId .. "-" .. tid .. "-" .. sequence
  end
  return wrk.format("POST", path, {["Authorization"] = auth, ["Content-Type"] = "application/json",
    ["Idempotency-Key"] = lastKey}, lastBody)
end

function response(status, headers, body)
  if status == 202 then
    if headers["Idempotent-Replayed"] then
      replayed = replayed + 1
    else
      accepted = accepted + 1
    end
  else
    others = others + 1
  end
end

function done(summary, latency, requests)
  local a, r, o = 0, 0, 0
  for _, t in ipairs(threads) do
    a = a + t:get("accepted")
    r = r + t:get("replayed")
    o = o + t:get("others")
  end
  io.write(string.format("WRKSTATS accepted=%d replayed=%d others=%d batch=%d seconds=%.3f p50=%.3f p75=%.3f p90=%.3f p95=%.3f p99=%.3f p999=%.3f\n",
    a, r, o, tonumber(os.getenv("WRK_BATCH") or "1"), summary.duration / 1e6, latency:percentile(50) / 1000, latency:percentile(75) / 1000,
    latency:percentile(90) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    latency:percentile(99.9) / 1000))
end
