-- KEYS: session hash, steps hash, step-keys list.
-- ARGV: expected version, new version, new state, ttl in milliseconds, idempotency key ('' for none),
--       step record, how many step records to keep, the write's stamp.
-- Compare-and-set: writes only if the stored version is the expected one, together with the step's
-- idempotency record, and forgets the oldest records beyond the limit. 1 if written, 0 if not.
local version = redis.call('HGET', KEYS[1], 'version')
if version ~= ARGV[1] then
  return 0
end
redis.call('HSET', KEYS[1], 'version', ARGV[2], 'state', ARGV[3], 'stamp', ARGV[8])
if ARGV[5] ~= '' then
  redis.call('HSET', KEYS[2], ARGV[5], ARGV[6])
  redis.call('RPUSH', KEYS[3], ARGV[5])
  local keep = tonumber(ARGV[7])
  while redis.call('LLEN', KEYS[3]) > keep do
    redis.call('HDEL', KEYS[2], redis.call('LPOP', KEYS[3]))
  end
end
for _, key in ipairs(KEYS) do
  redis.call('PEXPIRE', key, ARGV[4])
end
return 1
