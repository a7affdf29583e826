-- wrk script: each thread sends its own share of pre-signed deliveries, so no message id repeats
-- until the table is exhausted (then deliveries repeat and measure the duplicate path).
-- usage: wrk -t2 -c64 -d20s -s webhook.lua http://127.0.0.1:5080 -- <requests.tsv> <threads> <shop>
local threads = {}
local counter = 0

function setup(thread)
  thread:set("tid", counter)
  counter = counter + 1
  table.insert(threads, thread)
end

function init(args)
  deliveries = {}
  for line in io.lines(args[1]) do
    local id, ts, sig, body = line:match("^([^\t]*)\t([^\t]*)\t([^\t]*)\t(.*)$")
    deliveries[#deliveries + 1] = { id, ts, sig, body }
  end
  step = tonumber(args[2])
  path = "/webhooks/generic/" .. args[3] .. "/messages"
  i = tid + 1
end

function request()
  local d = deliveries[i]
  i = i + step
  if i > #deliveries then i = tid + 1 end
  return wrk.format("POST", path, {
    ["Content-Type"] = "application/json",
    ["webhook-id"] = d[1],
    ["webhook-timestamp"] = d[2],
    ["webhook-signature"] = d[3],
  }, d[4])
end
