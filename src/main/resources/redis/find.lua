-- KEYS: session hash, steps hash, step-keys list. ARGV: ttl in milliseconds, session id, the stamp of
-- the state the caller holds ('' for none).
-- {stamp, state} of the session, renewing the TTL of everything that belongs to it (and its entry in
-- its owner's set); {stamp} alone if that is the caller's; {} if gone. A stamp is unique to the write
-- that stored the state ('' for a session written before stamps).
local version = redis.call('HGET', KEYS[1], 'version')
if not version then
  return {}
end
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
local stamp = redis.call('HGET', KEYS[1], 'stamp') or ''
if stamp ~= '' and stamp == ARGV[3] then
  return {stamp}
end
return {stamp, redis.call('HGET', KEYS[1], 'state')}
