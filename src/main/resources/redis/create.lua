-- KEYS: session hash, steps hash, step-keys list, state[, the owner's sorted set of sessions by expiry time].
-- ARGV: version, state, ttl in milliseconds, session id, sessions an owner may hold, the write's stamp.
-- Stores a new session: 1; 0 if the id is taken; -1 if the owner holds as many sessions as it may.
if redis.call('EXISTS', KEYS[1]) == 1 then
  return 0
end
local owned = KEYS[5]
if owned then
  local time = redis.call('TIME')
  local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
  redis.call('ZREMRANGEBYSCORE', owned, '-inf', now)
  if redis.call('ZCARD', owned) >= tonumber(ARGV[5]) then
    return -1
  end
  redis.call('ZADD', owned, now + tonumber(ARGV[3]), ARGV[4])
  redis.call('PEXPIRE', owned, ARGV[3])
  redis.call('HSET', KEYS[1], 'owner', owned)
end
redis.call('HSET', KEYS[1], 'version', ARGV[1], 'stamp', ARGV[6])
redis.call('PEXPIRE', KEYS[1], ARGV[3])
redis.call('SET', KEYS[4], ARGV[2], 'PX', ARGV[3])
return 1
