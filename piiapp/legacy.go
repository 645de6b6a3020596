package piiapp

import (
	"context"
	"encoding/hex"
	"math"
	"strings"
	"time"

	"github.com/redis/go-redis/v9"
)

// Before its records (record.go), the protected list was kept in Redis as
// a sorted set, <prefix>protected: fingerprint → end of its protection in
// Unix ms (+inf for none), with a counter <prefix>protected:version. An
// instance reading a store that still holds one imports it once, so that
// an upgrade loses no protection.

// legacyMigrator is a store that may hold the list in its earlier form.
type legacyMigrator interface {
	// migrateLegacy merges the earlier form's entries into the records,
	// as adds made at now, then renames the earlier form to
	// <prefix>protected:migrated (kept as a backup); it returns how many
	// entries it imported. Safe to run by several instances at once:
	// merging the same records twice changes nothing, and only one
	// rename finds the key.
	migrateLegacy(ctx context.Context, now time.Time) (int, error)
}

func (s *redisStore) migrateLegacy(ctx context.Context, now time.Time) (int, error) {
	legacy := s.key("protected")
	zs, err := s.c.ZRangeWithScores(ctx, legacy, 0, -1).Result()
	if err != nil {
		if strings.HasPrefix(err.Error(), "WRONGTYPE") {
			return 0, nil // something else under the prefix: not ours to import
		}
		return 0, err
	}
	if len(zs) == 0 {
		return 0, nil
	}
	t := now.UnixMilli()
	recs := make([]record, 0, len(zs))
	for _, z := range zs {
		fp, ok := z.Member.(string)
		if b, err := hex.DecodeString(fp); !ok || err != nil || len(b) != 8 {
			continue
		}
		r := record{FP: fp, Added: t}
		if !math.IsInf(z.Score, 1) {
			r = record{FP: fp, Timed: t, Until: int64(z.Score)}
		}
		recs = append(recs, r)
	}
	if _, err := s.mergeProtected(ctx, recs, now); err != nil {
		return 0, err
	}
	if err := s.c.Rename(ctx, legacy, s.key("protected", "migrated")).Err(); err != nil && !isNoSuchKey(err) {
		return 0, err
	}
	s.c.Del(ctx, s.key("protected", "version"))
	return len(recs), nil
}

// isNoSuchKey reports the error of a RENAME whose key another instance
// renamed first.
func isNoSuchKey(err error) bool {
	return err != redis.Nil && strings.Contains(err.Error(), "no such key")
}
