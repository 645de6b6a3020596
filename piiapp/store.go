package piiapp

import (
	"context"
	"fmt"
	"time"
)

// StoreConfig says where the protected list and the campaign counts live:
// in the process's memory (the default, for a single instance) or in Redis,
// shared by a fleet.
type StoreConfig struct {
	// Type is "memory" (default) or "redis".
	Type string `json:"type,omitempty"`

	// Address is the Redis server's host:port (redis only).
	Address string `json:"address,omitempty"`

	// Password authenticates to Redis; placeholders such as
	// {env.REDIS_PASSWORD} are replaced when the app starts.
	Password string `json:"password,omitempty"`

	// DB is the Redis database number.
	DB int `json:"db,omitempty"`

	// Prefix starts every Redis key the app uses; empty means "pii:".
	Prefix string `json:"prefix,omitempty"`

	// TLS connects to Redis over TLS.
	TLS bool `json:"tls,omitempty"`
}

// The store types.
const (
	storeMemory = "memory"
	storeRedis  = "redis"
)

// DefaultPrefix starts the Redis keys when the store sets no prefix.
const DefaultPrefix = "pii:"

// validate checks the store options.
func (c *StoreConfig) validate() error {
	switch c.Type {
	case "", storeMemory:
		if c.Address != "" || c.Password != "" || c.DB != 0 || c.Prefix != "" || c.TLS {
			return fmt.Errorf("store: address, password, db, prefix and tls are options of the redis store")
		}
	case storeRedis:
		if c.Address == "" {
			return fmt.Errorf("store: redis needs an address")
		}
		if c.DB < 0 {
			return fmt.Errorf("store: db %d is negative", c.DB)
		}
	default:
		return fmt.Errorf("store: unknown type %q (valid: memory, redis)", c.Type)
	}
	return nil
}

// protectedEntry is one fingerprint of the protected list and when its
// protection ends (zero: when it is removed).
type protectedEntry struct {
	FP    string
	Until time.Time
}

// store keeps the records of the protected list (record.go) and counts
// the clients of campaigns. Its calls may go over the network: none is
// made per finding, only per change of the list, per poll and per
// campaign observation (off the request's path).
type store interface {
	// mergeProtected merges records into the store's (see merge),
	// compacts them at now (record.compact: an ended one is dropped), and
	// reports how many fingerprints this turned on or off at now.
	mergeProtected(ctx context.Context, recs []record, now time.Time) (int, error)
	// protectedVersion returns a value that changes whenever the records
	// do, and "" when the store holds none (never written, or flushed).
	protectedVersion(ctx context.Context) (string, error)
	// changedSince returns the fingerprints whose records changed after
	// version from up to version to (both of protectedVersion), each once;
	// ok is false when the store cannot tell (a log cut shorter, versions
	// that do not follow): the caller then reads every record.
	changedSince(ctx context.Context, from, to string) (fps []string, ok bool, err error)
	// getProtected returns the records of fps the store holds.
	getProtected(ctx context.Context, fps []string) ([]record, error)
	// listProtected returns every record the store holds, tombstones included
	// (and records ended since they were last merged).
	listProtected(ctx context.Context) ([]record, error)
	// observe records that client posted fingerprint fp at now and returns
	// how many distinct clients posted it within the window before now; a
	// store may stop counting at limit.
	observe(ctx context.Context, fp string, client uint64, now time.Time, window time.Duration, limit int) (int, error)
	// claimCampaign reports whether this call is the first, across every
	// user of the store, to claim the alert of fp's campaign within ttl.
	claimCampaign(ctx context.Context, fp string, ttl time.Duration) (bool, error)
	// takeQuota takes one of the named budget in the interval of length
	// per holding now (intervals cut at multiples of per), across every
	// user of the store, and returns how many were taken in it, this one
	// included.
	takeQuota(ctx context.Context, name string, now time.Time, per time.Duration) (int, error)
	// close releases the store's connections.
	close() error
}
