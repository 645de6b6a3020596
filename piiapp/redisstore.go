package piiapp

import (
	"context"
	"crypto/tls"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/redis/go-redis/v9"
)

// redisStore keeps the protected list and the campaign counts in Redis,
// shared by every instance of a fleet configured with the same store and
// key. What it stores under its prefix:
//
//	<prefix>{protected}:records  hash: fingerprint → "added timed until removed" (record.go; Unix ms)
//	<prefix>{protected}:version  counter, incremented by every merge of records
//	<prefix>{protected}:head     "version:token": the counter and the random token of the merge that set it
//	<prefix>{protected}:changes  sorted set: "version:token:fingerprint" scored by the version of the merge that wrote it (the last changeLogLen)
//	<prefix>campaign:{<fp>}:<n>  HyperLogLog of the client hashes that posted fp in time bucket n
//	<prefix>campaign:alert:<fp>  set while fp's campaign alert is claimed
//	<prefix>campaign:budget:<k>:<n> counter of the campaign alerts (k: alert) or auto-protections (k: protect) of interval n
//	<prefix>protected:migrated   the sorted set of earlier versions, once imported (legacy.go)
//
// Fingerprints and client hashes are keyed hashes: Redis never holds a
// value or a client address. A removal is a record too (a tombstone), so
// Redis restored to an older state is corrected by the instances, which
// write back every record it lacks or holds older (state.sync).
type redisStore struct {
	c      *redis.Client
	prefix string
}

// newRedisStore connects lazily: go-redis dials on first use and redials
// after a failure, so a store made while Redis is down recovers by itself.
func newRedisStore(cfg StoreConfig, password string) *redisStore {
	quietRedis()
	opt := &redis.Options{
		Addr:         cfg.Address,
		Password:     password,
		DB:           cfg.DB,
		DialTimeout:  redisTimeout,
		ReadTimeout:  redisTimeout,
		WriteTimeout: redisTimeout,
		MaxRetries:   1,
	}
	if cfg.TLS {
		opt.TLSConfig = &tls.Config{MinVersion: tls.VersionTLS12}
	}
	prefix := cfg.Prefix
	if prefix == "" {
		prefix = DefaultPrefix
	}
	return &redisStore{c: redis.NewClient(opt), prefix: prefix}
}

// quietRedis stops go-redis from printing each failed dial to standard
// error: the state logs a store that goes down and comes back, once each.
var quietRedis = sync.OnceFunc(func() { redis.SetLogger(discard{}) })

type discard struct{}

func (discard) Printf(context.Context, string, ...any) {}

// redisTimeout bounds each Redis call: the sync loop and the campaign
// worker never wait longer on a Redis that stopped answering.
const redisTimeout = 500 * time.Millisecond

func (s *redisStore) key(parts ...string) string {
	k := s.prefix
	for i, p := range parts {
		if i > 0 {
			k += ":"
		}
		k += p
	}
	return k
}

// redisMergeScript merges records into the records hash, as merge does,
// atomically: KEYS[1] is the hash, KEYS[2] the version counter, KEYS[3]
// the change log, KEYS[4] the head; ARGV[1] is now (Unix ms), ARGV[2] the
// change log's length, ARGV[3] the merge's token (random), then each
// record as fingerprint, added, timed, until, removed. The head names the
// version and its token, and each log entry the token of its merge: a
// Redis restored to an older state that merges again up to the version
// an instance holds has another token there, and the instance reads it in
// full instead of trusting the log.
// It merges and compacts each (record.compact), logs each fingerprint
// under the new version (so that an instance reads only what changed),
// and answers how many fingerprints it turned on or off. A version counter
// that is missing (never written, flushed) starts again from now in Unix
// µs, not from 0: a Redis that lost its data never comes back to a
// version an instance holds, so each instance reads it in full and writes
// back what it lacks. Times
// are below 2^53: Lua's numbers hold them exactly.
var redisMergeScript = redis.NewScript(`
local now = tonumber(ARGV[1])
local changed = 0
local function on(a, t, u, r) return a > r or (t > r and u > now) end
if redis.call('EXISTS', KEYS[2]) == 0 then
  redis.call('SET', KEYS[2], string.format('%.0f', now * 1000))
end
local v = redis.call('INCR', KEYS[2])
local vs = string.format('%.0f', v) .. ':' .. ARGV[3]
redis.call('SET', KEYS[4], vs)
for i = 4, #ARGV, 5 do
  local fp = ARGV[i]
  local a, t, u, r = tonumber(ARGV[i+1]), tonumber(ARGV[i+2]), tonumber(ARGV[i+3]), tonumber(ARGV[i+4])
  local was = false
  local old = redis.call('HGET', KEYS[1], fp)
  if old then
    local oa, ot, ou, orm = string.match(old, '^(%d+) (%d+) (%d+) (%d+)$')
    if oa then
      oa, ot, ou, orm = tonumber(oa), tonumber(ot), tonumber(ou), tonumber(orm)
      was = on(oa, ot, ou, orm)
      a, t, u, r = math.max(a, oa), math.max(t, ot), math.max(u, ou), math.max(r, orm)
    end
  end
  if u <= now then t, u = 0, 0 end
  if a <= r then a = 0 end
  if on(a, t, u, r) ~= was then changed = changed + 1 end
  if a == 0 and t == 0 and r == 0 then
    redis.call('HDEL', KEYS[1], fp)
  else
    redis.call('HSET', KEYS[1], fp, string.format('%.0f %.0f %.0f %.0f', a, t, u, r))
  end
  redis.call('ZADD', KEYS[3], v, vs .. ':' .. fp)
end
redis.call('ZREMRANGEBYRANK', KEYS[3], 0, -tonumber(ARGV[2]) - 1)
return changed
`)

// mergeBatch bounds the records of one script call, so that writing back
// a large list never blocks Redis for long.
const mergeBatch = 512

func (s *redisStore) mergeProtected(ctx context.Context, recs []record, now time.Time) (int, error) {
	keys := []string{s.key("{protected}", "records"), s.key("{protected}", "version"), s.key("{protected}", "changes"), s.key("{protected}", "head")}
	changed := 0
	for len(recs) > 0 {
		n := min(len(recs), mergeBatch)
		args := make([]any, 0, 3+5*n)
		args = append(args, now.UnixMilli(), changeLogLen, mergeToken())
		for _, r := range recs[:n] {
			args = append(args, r.FP, r.Added, r.Timed, r.Until, r.Removed)
		}
		c, err := redisMergeScript.Run(ctx, s.c, keys, args...).Int()
		if err != nil {
			return changed, err
		}
		changed += c
		recs = recs[n:]
	}
	return changed, nil
}

// protectedVersion returns the head, "counter:token" (the counter alone
// when no head matches it), "" when Redis has none
// (never written, flushed, or restored to a state from before the first
// write): the instances then write back what they know.
func (s *redisStore) protectedVersion(ctx context.Context) (string, error) {
	vs, err := s.c.MGet(ctx, s.key("{protected}", "head"), s.key("{protected}", "version")).Result()
	if err != nil {
		return "", err
	}
	head, _ := vs[0].(string)
	counter, _ := vs[1].(string)
	if c, _, _ := strings.Cut(head, ":"); c != counter {
		// no head, or one an earlier version's merges went past (a fleet
		// upgraded instance by instance): the counter alone
		return counter, nil
	}
	return head, nil
}

func (s *redisStore) changedSince(ctx context.Context, from, to string) ([]string, bool, error) {
	f, t, ok := logRange(from, to)
	if !ok {
		return nil, false, nil
	}
	key := s.key("{protected}", "changes")
	var first, at, zs *redis.ZSliceCmd
	_, err := s.c.Pipelined(ctx, func(p redis.Pipeliner) error {
		first = p.ZRangeWithScores(ctx, key, 0, 0)
		fs := strconv.FormatUint(f, 10)
		// one entry of the merge that made from: its token
		at = p.ZRangeByScoreWithScores(ctx, key, &redis.ZRangeBy{Min: fs, Max: fs, Count: 1})
		zs = p.ZRangeByScoreWithScores(ctx, key, &redis.ZRangeBy{Min: "(" + fs, Max: strconv.FormatUint(t, 10)})
		return nil
	})
	if err != nil {
		return nil, false, err
	}
	if oldest := first.Val(); len(oldest) == 0 || uint64(oldest[0].Score) > f {
		return nil, false, nil // cut after from: what changed right after it may be lost
	}
	if a := at.Val(); len(a) == 0 || !sameMerge(a[0], from) {
		// the merge that made from is not the one the log holds (restored
		// and merged again): from is no version of this store's
		return nil, false, nil
	}
	var log changeLog
	for _, z := range zs.Val() {
		if uint64(z.Score) == t && !sameMerge(z, to) {
			return nil, false, nil
		}
		m, _ := z.Member.(string)
		_, fp := logMember(m)
		log.add(uint64(z.Score), fp)
	}
	fps, ok := log.since(f, t)
	return fps, ok, nil
}

// sameMerge reports whether the change-log entry z was written by the
// merge that made version.
func sameMerge(z redis.Z, version string) bool {
	m, _ := z.Member.(string)
	v, _ := logMember(m)
	return v == version
}

func (s *redisStore) getProtected(ctx context.Context, fps []string) ([]record, error) {
	out := make([]record, 0, len(fps))
	for len(fps) > 0 {
		n := min(len(fps), mergeBatch)
		vs, err := s.c.HMGet(ctx, s.key("{protected}", "records"), fps[:n]...).Result()
		if err != nil {
			return nil, err
		}
		for i, v := range vs {
			if str, ok := v.(string); ok {
				if r, err := decodeRecord(fps[i], str); err == nil {
					out = append(out, r)
				}
			}
		}
		fps = fps[n:]
	}
	return out, nil
}

func (s *redisStore) listProtected(ctx context.Context) ([]record, error) {
	m, err := s.c.HGetAll(ctx, s.key("{protected}", "records")).Result()
	if err != nil {
		return nil, err
	}
	out := make([]record, 0, len(m))
	for fp, v := range m {
		r, err := decodeRecord(fp, v)
		if err != nil {
			continue // written by something else under the prefix
		}
		out = append(out, r)
	}
	return out, nil
}

// campaignBuckets is how many time buckets a window is cut into: the
// window slides by a twelfth of itself.
const campaignBuckets = 12

func (s *redisStore) observe(ctx context.Context, fp string, client uint64, now time.Time, window time.Duration, _ int) (int, error) {
	size := max(window/campaignBuckets, time.Second)
	cur := now.UnixMilli() / size.Milliseconds()
	n := int64(window / size)
	keys := make([]string, 0, n)
	for b := cur - n + 1; b <= cur; b++ {
		keys = append(keys, s.key("campaign", "{"+fp+"}", strconv.FormatInt(b, 10))) // one hash slot: PFCOUNT over them works on a cluster
	}
	var count *redis.IntCmd
	// in one transaction: a key is never left without its expiry (a
	// connection lost between the two would keep it for good, and
	// distinct identifiers posted make one key each)
	_, err := s.c.TxPipelined(ctx, func(p redis.Pipeliner) error {
		p.PFAdd(ctx, keys[len(keys)-1], strconv.FormatUint(client, 16))
		p.PExpire(ctx, keys[len(keys)-1], window+size)
		count = p.PFCount(ctx, keys...)
		return nil
	})
	if err != nil {
		return 0, err
	}
	return int(count.Val()), nil
}

func (s *redisStore) claimCampaign(ctx context.Context, fp string, ttl time.Duration) (bool, error) {
	return s.c.SetNX(ctx, s.key("campaign", "alert", fp), 1, ttl).Result()
}

func (s *redisStore) takeQuota(ctx context.Context, name string, now time.Time, per time.Duration) (int, error) {
	key := s.key("campaign", "budget", name, strconv.FormatInt(now.UnixNano()/int64(per), 10))
	var incr *redis.IntCmd
	_, err := s.c.TxPipelined(ctx, func(p redis.Pipeliner) error {
		incr = p.Incr(ctx, key)
		p.Expire(ctx, key, 2*per) // the interval's key goes once it is over
		return nil
	})
	if err != nil {
		return 0, err
	}
	return int(incr.Val()), nil
}

func (s *redisStore) close() error { return s.c.Close() }
