-- wrk script: each thread sends its own share of pre-signed deliveries, so no message id repeats
-- until the table is exhausted (then deliveries repeat and measure the duplicate path).
-- The requests are formatted once, when the thread starts, so the load generator spends its share of
-- the machine's CPU on sending and receiving rather than on building strings per request.
-- usage: wrk -t2 -c64 -d20s -s webhook.lua http://127.0.0.1:5080 -- <requests.tsv> <threads> <shop>
local threads = {}
local counter = 0

function setup(thread)
  thread:set("tid", counter)
  counter = counter + 1
  table.insert(threads, thread)
end

function init(args)
  local step = tonumber(args[2])
  local path = "/webhooks/generic/" .. args[3] .. "/messages"
  requests = {}
  local line_number = 0
  for line in io.lines(args[1]) do
    if line_number % step == tid then
      local id, ts, sig, body = line:match("^([^\t]*)\t([^\t]*)\t([^\t]*)\t(.*)$")
      requests[#requests + 1] = wrk.format("POST", path, {
        ["Content-Type"] = "application/json",
        ["webhook-id"] = id,
        ["webhook-timestamp"] = ts,
        ["webhook-signature"] = sig,
      }, body)
    end
    line_number = line_number + 1
  end
  i = 0
end

function request()
  i = i + 1
  if i > #requests then i = 1 end
  return requests[i]
end
