-- KEYS: session hash, steps hash, step-keys list. ARGV: ttl in milliseconds, session id.
-- The session's state, renewing the TTL of everything that belongs to it (and its entry in its
-- owner's set); nil if gone.
local state = redis.call('HGET', KEYS[1], 'state')
if state then
  for _, key in ipairs(KEYS) do
    redis.call('PEXPIRE', key, ARGV[1])
  end
  local owned = redis.call('HGET', KEYS[1], 'owner')
  if owned then
    local time = redis.call('TIME')
    local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
    redis.call('ZADD', owned, now + tonumber(ARGV[1]), ARGV[2])
    redis.call('PEXPIRE', owned, ARGV[1])
  end
end
return state
