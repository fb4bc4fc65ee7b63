-- KEYS: session hash, steps hash, step-keys list, state. ARGV: ttl in milliseconds, session id.
-- Renews the TTL of everything that belongs to the session (and its entry in its owner's set) and
-- answers {stamp} of its latest write, which the caller compares with the one it holds before it
-- reads the state key itself (a script's answer is copied through Lua, which costs a large state
-- milliseconds); {} if gone. A session written before stamps has its state in the hash: {'', state}.
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
local stamp = redis.call('HGET', KEYS[1], 'stamp')
if not stamp then
  return {'', redis.call('HGET', KEYS[1], 'state')}
end
return {stamp}
