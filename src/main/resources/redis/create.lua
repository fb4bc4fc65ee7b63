-- KEYS: session hash, steps hash, step-keys list. ARGV: version, state, ttl in milliseconds.
-- Stores a new session; 0 if the id is taken.
if redis.call('EXISTS', KEYS[1]) == 1 then
  return 0
end
redis.call('HSET', KEYS[1], 'version', ARGV[1], 'state', ARGV[2])
redis.call('PEXPIRE', KEYS[1], ARGV[3])
return 1
