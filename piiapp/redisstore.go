package piiapp

import (
	"context"
	"crypto/rand"
	"crypto/tls"
	"encoding/hex"
	"math"
	"strconv"
	"sync"
	"time"

	"github.com/redis/go-redis/v9"
)

// redisStore keeps the protected list and the campaign counts in Redis,
// shared by every instance of a fleet configured with the same store and
// key. What it stores under its prefix:
//
//	<prefix>protected            sorted set: fingerprint → end of protection (Unix ms, +inf for none)
//	<prefix>protected:version    counter, incremented by every change of the list
//	<prefix>campaign:{<fp>}:<n>  HyperLogLog of the client hashes that posted fp in time bucket n
//	<prefix>campaign:alert:<fp>  set while fp's campaign alert is claimed
//
// Fingerprints and client hashes are keyed hashes: Redis never holds a
// value or a client address.
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

// score is the sorted-set score of an entry's end.
func score(until time.Time) float64 {
	if until.IsZero() {
		return math.Inf(1)
	}
	return float64(until.UnixMilli())
}

func (s *redisStore) addProtected(ctx context.Context, entries []protectedEntry) (int, error) {
	zs := make([]redis.Z, len(entries))
	for i, e := range entries {
		zs[i] = redis.Z{Score: score(e.Until), Member: e.FP}
	}
	var added *redis.IntCmd
	_, err := s.c.TxPipelined(ctx, func(p redis.Pipeliner) error {
		// GT: an entry already there keeps the later end (+inf beats all)
		added = p.ZAddGT(ctx, s.key("protected"), zs...)
		p.Incr(ctx, s.key("protected", "version"))
		p.SetNX(ctx, s.key("protected", "epoch"), newEpoch(), 0)
		return nil
	})
	if err != nil {
		return 0, err
	}
	return int(added.Val()), nil
}

func (s *redisStore) removeProtected(ctx context.Context, fps []string) (int, error) {
	members := make([]any, len(fps))
	for i, fp := range fps {
		members[i] = fp
	}
	var removed *redis.IntCmd
	_, err := s.c.TxPipelined(ctx, func(p redis.Pipeliner) error {
		removed = p.ZRem(ctx, s.key("protected"), members...)
		p.Incr(ctx, s.key("protected", "version"))
		p.SetNX(ctx, s.key("protected", "epoch"), newEpoch(), 0)
		return nil
	})
	if err != nil {
		return 0, err
	}
	return int(removed.Val()), nil
}

// protectedVersion returns the list's epoch and version counter, as
// "epoch:counter". The epoch is made by the first write to an empty store,
// so a store that lost its data (a flush, a new server) starts a new epoch
// whatever its counter says, and instances that knew a list restore it.
func (s *redisStore) protectedVersion(ctx context.Context) (string, error) {
	vals, err := s.c.MGet(ctx, s.key("protected", "epoch"), s.key("protected", "version")).Result()
	if err != nil {
		return "", err
	}
	if vals[1] == nil {
		return "", nil
	}
	epoch, _ := vals[0].(string)
	counter, _ := vals[1].(string)
	return epoch + ":" + counter, nil
}

// newEpoch returns a random epoch name.
func newEpoch() string {
	var b [8]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

func (s *redisStore) listProtected(ctx context.Context, now time.Time) ([]protectedEntry, error) {
	zs, err := s.c.ZRangeByScoreWithScores(ctx, s.key("protected"), &redis.ZRangeBy{
		Min: "(" + strconv.FormatInt(now.UnixMilli(), 10), Max: "+inf",
	}).Result()
	if err != nil {
		return nil, err
	}
	out := make([]protectedEntry, 0, len(zs))
	for _, z := range zs {
		fp, _ := z.Member.(string)
		e := protectedEntry{FP: fp}
		if !math.IsInf(z.Score, 1) {
			e.Until = time.UnixMilli(int64(z.Score))
		}
		out = append(out, e)
	}
	// the ended entries go; an error here changes nothing that was read
	s.c.ZRemRangeByScore(ctx, s.key("protected"), "-inf", strconv.FormatInt(now.UnixMilli(), 10))
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
	_, err := s.c.Pipelined(ctx, func(p redis.Pipeliner) error {
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

func (s *redisStore) close() error { return s.c.Close() }
