-- KEYS: session hash, steps hash, step-keys list. ARGV: ttl in milliseconds.
-- The session's state, renewing the TTL of everything that belongs to it; nil if gone.
local state = redis.call('HGET', KEYS[1], 'state')
if state then
  for _, key in ipairs(KEYS) do
    redis.call('PEXPIRE', key, ARGV[1])
  end
end
return state
