-- KEYS: session hash, steps hash, step-keys list, state. ARGV: session id.
-- Removes the session, its records and its entry in its owner's set; the number of keys removed.
local owned = redis.call('HGET', KEYS[1], 'owner')
if owned then
  redis.call('ZREM', owned, ARGV[1])
end
return redis.call('DEL', KEYS[1], KEYS[2], KEYS[3], KEYS[4])
