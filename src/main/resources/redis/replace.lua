-- KEYS: session hash, steps hash, step-keys list, state, incoming state.
-- ARGV: expected version, new version, ttl in milliseconds, idempotency key ('' for none), step record,
--       how many step records to keep, the write's stamp.
-- Compare-and-set: if the stored version is the expected one, the incoming state (SET just before, by
-- the caller: a script's arguments are copied into Lua, which costs a large state milliseconds) becomes
-- the state, together with the new version, its stamp and the step's idempotency record, and the
-- oldest records beyond the limit are forgotten: 1. If not, the incoming state is dropped: 0.
local version = redis.call('HGET', KEYS[1], 'version')
if version ~= ARGV[1] then
  redis.call('DEL', KEYS[5])
  return 0
end
if redis.call('EXISTS', KEYS[5]) == 0 then
  return redis.error_reply('the incoming state of version ' .. ARGV[2] .. ' expired before it was stored')
end
redis.call('RENAME', KEYS[5], KEYS[4])
redis.call('HSET', KEYS[1], 'version', ARGV[2], 'stamp', ARGV[7])
redis.call('HDEL', KEYS[1], 'state')
if ARGV[4] ~= '' then
  redis.call('HSET', KEYS[2], ARGV[4], ARGV[5])
  redis.call('RPUSH', KEYS[3], ARGV[4])
  local keep = tonumber(ARGV[6])
  while redis.call('LLEN', KEYS[3]) > keep do
    redis.call('HDEL', KEYS[2], redis.call('LPOP', KEYS[3]))
  end
end
for i = 1, 4 do
  redis.call('PEXPIRE', KEYS[i], ARGV[3])
end
return 1
