package caddymodule

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/caddyserver/caddy/v2"
	"github.com/hashicorp/golang-lru/v2/simplelru"
)

// The defaults of the verdict cache.
const (
	DefaultCacheEntries = 10000
	DefaultCacheTTL     = 5 * time.Minute
	DefaultCacheBytes   = 64 << 20
)

// maxCacheShards is how many independently locked parts a cache has at
// most; a power of two.
const maxCacheShards = 16

// CacheConfig sizes the verdict cache, which remembers what the filter
// decided about a body so that the same body is not scanned again: an API
// that serves the same document to many clients, a client that retries.
// The cache holds no raw body: a clean body leaves only the word "clean",
// a redacted one its redacted output, any body with findings the masked
// samples and fingerprints of its incident entry.
type CacheConfig struct {
	// Off turns the cache off.
	Off bool `json:"off,omitempty"`
	// Entries is the most verdicts kept; 0 means 10000.
	Entries int `json:"entries,omitempty"`
	// TTL is how long a verdict is kept; 0 means 5m.
	TTL caddy.Duration `json:"ttl,omitempty"`
	// Bytes bounds the accounted size of the verdicts kept (redacted
	// outputs, samples and a fixed overhead per entry); 0 means 64 MiB.
	Bytes int64 `json:"bytes,omitempty"`
}

// cacheSettings are the cache options with defaults applied; entries 0
// means no cache.
type cacheSettings struct {
	entries int
	ttl     time.Duration
	bytes   int64
}

// resolve checks the cache options and applies the defaults.
func (c *CacheConfig) resolve() (cacheSettings, error) {
	s := cacheSettings{entries: DefaultCacheEntries, ttl: DefaultCacheTTL, bytes: DefaultCacheBytes}
	if c == nil {
		return s, nil
	}
	switch {
	case c.Off && (c.Entries != 0 || c.TTL != 0 || c.Bytes != 0):
		return s, errors.New("off together with a size or ttl")
	case c.Off:
		return cacheSettings{}, nil
	case c.Entries < 0:
		return s, fmt.Errorf("entries: %d is negative", c.Entries)
	case c.TTL < 0:
		return s, fmt.Errorf("ttl: %s is negative", time.Duration(c.TTL))
	case c.Bytes < 0:
		return s, fmt.Errorf("bytes: %d is negative", c.Bytes)
	}
	if c.Entries > 0 {
		s.entries = c.Entries
	}
	if c.TTL > 0 {
		s.ttl = time.Duration(c.TTL)
	}
	if c.Bytes > 0 {
		s.bytes = c.Bytes
	}
	return s, nil
}

// verdictCaches holds the verdict caches of the loaded configs, keyed by
// the policy and the cache's sizes (see cachePoolKey). A reload that keeps
// the policy provisions its handlers before the old config is cleaned up,
// so they find the old cache and it survives; a changed policy gets a new
// key and a new cache, and the old one goes with the old config.
var verdictCaches = caddy.NewUsagePool()

// cachePoolKey names the cache of a policy with the given cache settings.
func cachePoolKey(policy [32]byte, cs cacheSettings) string {
	return "pii_filter/" + hex.EncodeToString(policy[:]) + "/" +
		strconv.Itoa(cs.entries) + "/" + cs.ttl.String() + "/" + strconv.FormatInt(cs.bytes, 10)
}

// policyDigest hashes the canonical form of everything that decides a
// verdict: the actions, the dossier threshold, the categories detected,
// the mask, the fingerprint key (by its own hash) and the decompression
// bound. Options that act before a body is judged (types, max_body as a
// read limit, oversize, on_error) or that only shape the answer (status)
// are left out: their changes keep the cache.
func policyDigest(s settings, enabled []string, fingerprintKey []byte) [32]byte {
	kd := sha256.Sum256(fingerprintKey)
	canon := strings.Join([]string{
		"pii_filter verdict policy v1",
		"request=" + string(s.request),
		"response=" + string(s.response),
		"dossier=" + strconv.Itoa(s.dossier),
		"categories=" + strings.Join(enabled, ","),
		"mask=" + string(s.mask),
		"max_decoded=" + strconv.FormatInt(s.maxBody, 10),
		"key=" + hex.EncodeToString(kd[:]),
	}, "\n")
	return sha256.Sum256([]byte(canon))
}

// cacheKey identifies a body under a policy: 128 bits of a keyed
// HMAC-SHA256, so nobody who does not know the cache's random secret can
// craft two bodies that collide.
type cacheKey [16]byte

// cacheEntry is a verdict in the cache.
type cacheEntry struct {
	v       *verdict
	size    int64
	expires int64 // in the cache clock's Unix nanoseconds
}

// cacheOptions configure a verdict cache.
type cacheOptions struct {
	entries int
	bytes   int64
	ttl     time.Duration
	shards  int              // 0: as many as fit, up to maxCacheShards
	now     func() time.Time // nil: time.Now
	policy  [32]byte
}

// verdictCache is a sharded LRU of verdicts, bounded by entries and by
// bytes, whose entries expire after a TTL. Each shard has its own lock, so
// requests do not queue on one mutex; keys spread evenly over the shards,
// being HMACs.
type verdictCache struct {
	policy [32]byte
	secret []byte
	macs   sync.Pool // of hash.Hash keyed with secret
	ttl    time.Duration
	now    func() time.Time
	mask   uint8 // len(shards)-1
	shards []cacheShard
	closed atomic.Bool
}

// cacheShard is one independently locked part of a cache.
type cacheShard struct {
	mu         sync.Mutex
	lru        *simplelru.LRU[cacheKey, cacheEntry]
	bytes      int64
	maxBytes   int64
	maxEntries int
	_          [64]byte // keeps neighbouring shards' locks off one cache line
}

// newVerdictCache makes a cache; o.entries must be positive.
func newVerdictCache(o cacheOptions) *verdictCache {
	n := o.shards
	if n <= 0 {
		n = maxCacheShards
		for n > 1 && o.entries/n < 1 {
			n /= 2
		}
	}
	c := &verdictCache{
		policy: o.policy,
		secret: make([]byte, 32),
		ttl:    o.ttl,
		now:    o.now,
		mask:   uint8(n - 1),
		shards: make([]cacheShard, n),
	}
	if c.now == nil {
		c.now = time.Now
	}
	_, _ = rand.Read(c.secret)
	c.macs.New = func() any { return hmac.New(sha256.New, c.secret) }
	for i := range c.shards {
		s := &c.shards[i]
		s.maxEntries = o.entries / n
		if i < o.entries%n {
			s.maxEntries++
		}
		s.maxEntries = max(s.maxEntries, 1)
		s.maxBytes = o.bytes / int64(n)
		// The LRU never evicts by itself: put makes room first, so it
		// knows why an entry went.
		s.lru, _ = simplelru.NewLRU(s.maxEntries+1, func(_ cacheKey, e cacheEntry) {
			s.bytes -= e.size
			metrics().cacheEntries.Dec()
			metrics().cacheBytes.Sub(float64(e.size))
		})
	}
	return c
}

// key returns the key of a body in direction dir with the given
// Content-Type and Content-Encoding values. Each field is length-prefixed,
// so no two different tuples hash the same input.
func (c *verdictCache) key(dir direction, contentType, contentEncoding string, body []byte, generation uint64) cacheKey {
	m := c.macs.Get().(hash.Hash)
	m.Reset()
	var stack [192]byte
	b := append(stack[:0], c.policy[:]...)
	b = binary.AppendUvarint(b, uint64(len(dir)))
	b = append(b, dir...)
	b = binary.AppendUvarint(b, uint64(len(contentType)))
	b = append(b, contentType...)
	b = binary.AppendUvarint(b, uint64(len(contentEncoding)))
	b = append(b, contentEncoding...)
	b = binary.AppendUvarint(b, uint64(len(body)))
	b = binary.AppendUvarint(b, generation)
	m.Write(b)
	m.Write(body)
	var sum [sha256.Size]byte
	m.Sum(sum[:0])
	c.macs.Put(m)
	var k cacheKey
	copy(k[:], sum[:])
	return k
}

// shard returns the shard of k.
func (c *verdictCache) shard(k cacheKey) *cacheShard {
	return &c.shards[k[0]&c.mask]
}

// get returns the verdict for k, if there is one that has not expired.
func (c *verdictCache) get(k cacheKey) (*verdict, bool) {
	s := c.shard(k)
	now := c.now().UnixNano()
	s.mu.Lock()
	e, ok := s.lru.Get(k)
	if ok && now >= e.expires {
		s.lru.Remove(k)
		metrics().evictions.WithLabelValues(evictExpired).Inc()
		ok = false
	}
	s.mu.Unlock()
	return e.v, ok
}

// put stores the verdict for k, evicting the least recently used
// verdicts of its shard (expired ones first) until it fits. A verdict
// larger than a shard's share of the bytes is not stored.
func (c *verdictCache) put(k cacheKey, v *verdict) {
	s := c.shard(k)
	size := v.size()
	if size > s.maxBytes || c.closed.Load() {
		return
	}
	now := c.now().UnixNano()
	s.mu.Lock()
	defer s.mu.Unlock()
	s.lru.Remove(k) // a verdict stored meanwhile by a concurrent miss
	for {
		_, old, ok := s.lru.GetOldest()
		if !ok || now < old.expires {
			break
		}
		s.lru.RemoveOldest()
		metrics().evictions.WithLabelValues(evictExpired).Inc()
	}
	for s.lru.Len() >= s.maxEntries {
		s.lru.RemoveOldest()
		metrics().evictions.WithLabelValues(evictEntries).Inc()
	}
	for s.bytes+size > s.maxBytes && s.lru.Len() > 0 {
		s.lru.RemoveOldest()
		metrics().evictions.WithLabelValues(evictBytes).Inc()
	}
	s.lru.Add(k, cacheEntry{v: v, size: size, expires: now + int64(c.ttl)})
	s.bytes += size
	metrics().cacheEntries.Inc()
	metrics().cacheBytes.Add(float64(size))
}

// len returns the number of verdicts held, expired ones included.
func (c *verdictCache) len() int {
	n := 0
	for i := range c.shards {
		s := &c.shards[i]
		s.mu.Lock()
		n += s.lru.Len()
		s.mu.Unlock()
	}
	return n
}

// size returns the accounted bytes of the verdicts held.
func (c *verdictCache) size() int64 {
	var n int64
	for i := range c.shards {
		s := &c.shards[i]
		s.mu.Lock()
		n += s.bytes
		s.mu.Unlock()
	}
	return n
}

// Destruct empties the cache when the last config using it is unloaded
// (caddy.Destructor). A handler of that config still finishing a request
// may look verdicts up, but stores no more.
func (c *verdictCache) Destruct() error {
	c.closed.Store(true)
	for i := range c.shards {
		s := &c.shards[i]
		s.mu.Lock()
		s.lru.Purge()
		s.mu.Unlock()
	}
	return nil
}

// Interface guards
var _ caddy.Destructor = (*verdictCache)(nil)
