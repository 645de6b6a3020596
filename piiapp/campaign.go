package piiapp

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"hash"
	"net/http"
	"sync"
	"sync/atomic"
	"time"

	"github.com/caddyserver/caddy/v2"
	"go.uber.org/zap"

	"github.com/piifilter/caddy-pii-filter/detect"
)

// CampaignConfig turns on campaign detection: an identifier posted by
// Clients distinct clients or more within Window is a campaign (开盒
// spreading), raising one incident and, with Protect, protecting the
// identifier for that long.
type CampaignConfig struct {
	// Clients is the threshold: distinct clients within the window.
	Clients int `json:"clients"`

	// Window is the sliding window the clients are counted in.
	Window caddy.Duration `json:"window"`

	// Protect, if not zero, adds the identifier of a campaign to the
	// protected list for this long.
	Protect caddy.Duration `json:"protect,omitempty"`

	// IPv4Prefix and IPv6Prefix are the networks a client address is
	// counted by (0: DefaultIPv4Prefix and DefaultIPv6Prefix): many
	// addresses of one IPv6 /64 are one client.
	IPv4Prefix int `json:"ipv4_prefix,omitempty"`
	IPv6Prefix int `json:"ipv6_prefix,omitempty"`

	// MaxAlerts caps the campaign alerts raised per interval, fleet-wide
	// (nil: DefaultMaxAlerts; a count of 0: no cap).
	MaxAlerts *RateCap `json:"max_alerts,omitempty"`

	// MaxProtects caps the identifiers campaigns protect per interval,
	// fleet-wide (nil: DefaultMaxProtects; a count of 0: no cap). An
	// alert past it is raised without protecting.
	MaxProtects *RateCap `json:"max_protects,omitempty"`
}

// prefixes returns the prefix lengths clients are counted by.
func (c *CampaignConfig) prefixes() (ipv4, ipv6 int) {
	ipv4, ipv6 = c.IPv4Prefix, c.IPv6Prefix
	if ipv4 == 0 {
		ipv4 = DefaultIPv4Prefix
	}
	if ipv6 == 0 {
		ipv6 = DefaultIPv6Prefix
	}
	return ipv4, ipv6
}

// DefaultCampaignClient is who a client is when campaign_client is not
// set: the client's address as Caddy sees it (trusted proxies applied).
const DefaultCampaignClient = "{http.request.remote.host}"

// maxCampaignClients bounds the threshold, and with it what the in-memory
// counter keeps per fingerprint.
const maxCampaignClients = 10_000

// validate checks the campaign options.
func (c *CampaignConfig) validate() error {
	switch {
	case c.Clients < 2 || c.Clients > maxCampaignClients:
		return fmt.Errorf("campaign: clients %d: must be from 2 to %d", c.Clients, maxCampaignClients)
	case time.Duration(c.Window) < time.Second:
		return fmt.Errorf("campaign: window %s: must be at least 1s", time.Duration(c.Window))
	case c.Protect < 0:
		return fmt.Errorf("campaign: protect %s is negative", time.Duration(c.Protect))
	}
	if err := c.MaxAlerts.or(DefaultMaxAlerts).validate("max_alerts"); err != nil {
		return err
	}
	if err := c.MaxProtects.or(DefaultMaxProtects).validate("max_protects"); err != nil {
		return err
	}
	return validatePrefixes(c.prefixes())
}

// campaigns counts the clients of each fingerprint and raises the alerts.
// Observations are queued and counted by one worker, off the request's
// path: a request never waits on the store.
type campaigns struct {
	cfg    CampaignConfig
	client string // the campaign_client placeholder
	ipv4   int    // the prefix lengths client addresses are counted by
	ipv6   int
	st     *state
	log    *zap.Logger
	macs   sync.Pool // HMACs keyed by the fleet key, for client hashes
	queue  chan observation
	shares [queueShareSlots]atomic.Int32 // observations queued, by client (queueShare)
	alerts alertMemory                   // the alerts raised or found claimed here
	stop   chan struct{}
	done   chan struct{}
}

// observation is one fingerprint posted by one client.
type observation struct {
	fp     string
	cat    detect.Category
	client uint64
	at     time.Time
}

// queueLen bounds the observations waiting for the worker; when it is
// full an observation is counted in memory at once (see observeRequest).
const queueLen = 4096

// A client may hold at most queueShare of the queue: past it, its
// observations are counted in memory at once (overflow), so that one
// client posting many identifiers, to fill the queue and push the
// observations of a campaign out of the fleet-wide count, pushes out only
// its own. Clients are told apart by queueShareSlots counters indexed by
// their keyed hash (a client that shares a counter with a flooding one
// overflows with it, still counted in memory, never lost).
const (
	queueShare      = queueLen / 16
	queueShareSlots = 1024
)

func newCampaigns(cfg CampaignConfig, client string, st *state, key []byte, log *zap.Logger) *campaigns {
	c := &campaigns{cfg: cfg, client: client, st: st, log: log, queue: make(chan observation, queueLen)}
	c.ipv4, c.ipv6 = cfg.prefixes()
	k := append([]byte(nil), key...)
	c.macs.New = func() any { return hmac.New(sha256.New, k) }
	return c
}

// start runs the worker.
func (c *campaigns) start() {
	c.stop, c.done = make(chan struct{}), make(chan struct{})
	go c.work()
}

// halt stops the worker; observations still queued are dropped.
func (c *campaigns) halt() {
	if c.stop == nil {
		return
	}
	close(c.stop)
	<-c.done
	c.stop = nil
}

// clientHash returns the keyed hash of who sent r: neither the store nor
// the log ever sees the client's address.
func (c *campaigns) clientHash(r *http.Request) uint64 {
	who := c.client
	if repl, ok := r.Context().Value(caddy.ReplacerCtxKey).(*caddy.Replacer); ok {
		who = repl.ReplaceAll(c.client, "")
	}
	who = clientBucket(who, c.ipv4, c.ipv6)
	m := c.macs.Get().(hash.Hash)
	m.Reset()
	m.Write([]byte("campaign_client\x00"))
	m.Write([]byte(who))
	var sum [sha256.Size]byte
	v := binary.BigEndian.Uint64(m.Sum(sum[:0]))
	c.macs.Put(m)
	return v
}

// observeRequest queues the fingerprints of the findings of a body of r
// (those carrying one: the first distinct values of the body) for
// counting. Protected findings are not counted: they are refused already;
// nor are names: many people share one, and a name posted by many clients
// is no campaign against one person.
func (c *campaigns) observeRequest(r *http.Request, findings []detect.Finding) {
	var client uint64
	hashed := false
	now := time.Now()
	for _, f := range findings {
		if f.Fingerprint == "" || f.Evidence&detect.EvProtected != 0 || f.Category == detect.CNName {
			continue
		}
		if !hashed {
			client, hashed = c.clientHash(r), true
		}
		o := observation{fp: f.Fingerprint, cat: f.Category, client: client, at: now}
		share := c.share(client)
		if share.Add(1) > queueShare {
			share.Add(-1)
			c.overflow(o)
			continue
		}
		select {
		case c.queue <- o:
		default:
			share.Add(-1)
			c.overflow(o)
		}
	}
}

// share returns the counter of the observations client has queued.
func (c *campaigns) share(client uint64) *atomic.Int32 {
	return &c.shares[client%queueShareSlots]
}

// overflow counts an observation the queue has no room for in memory now
// rather than lose it (counted in campaign_observations_total as
// overflow); an alert, rare, is raised off the request's path.
func (c *campaigns) overflow(o observation) {
	metrics().observations.WithLabelValues(countedOverflow).Inc()
	window := time.Duration(c.cfg.Window)
	n := c.st.fallback.observe(o.fp, o.client, o.at, window, c.cfg.Clients)
	if n >= c.cfg.Clients && c.st.fallback.claim(o.fp, o.at, window) && c.firstHere(o) {
		go func() {
			ctx, cancel := context.WithTimeout(context.Background(), time.Second)
			defer cancel()
			if c.allow(ctx, budgetAlert, c.cfg.MaxAlerts.or(DefaultMaxAlerts), o.at, false) {
				c.raise(ctx, o, n, false)
			}
		}()
	}
}

// work counts the queued observations until halted.
func (c *campaigns) work() {
	defer close(c.done)
	for {
		select {
		case <-c.stop:
			return
		case o := <-c.queue:
			c.share(o.client).Add(-1)
			ctx, cancel := context.WithTimeout(context.Background(), time.Second)
			c.count(ctx, o)
			cancel()
		}
	}
}

// count counts one observation in the store, or in memory when the store
// fails, and decides on an alert.
func (c *campaigns) count(ctx context.Context, o observation) {
	window := time.Duration(c.cfg.Window)
	n, err := c.st.st.observe(ctx, o.fp, o.client, o.at, window, c.cfg.Clients)
	if err != nil {
		c.st.failed(opObserve, err)
		metrics().observations.WithLabelValues(countedMemory).Inc()
		n = c.st.fallback.observe(o.fp, o.client, o.at, window, c.cfg.Clients)
		c.decide(ctx, o, n, false)
		return
	}
	c.st.recovered()
	metrics().observations.WithLabelValues(countedStore).Inc()
	c.decide(ctx, o, n, true)
}

// decide raises the alert of a fingerprint seen by n clients, if n reaches
// the threshold and no instance sharing the store has raised it within
// the window: one campaign incident at error level, counted, and with
// protect the fingerprint joins the protected list.
func (c *campaigns) decide(ctx context.Context, o observation, n int, inStore bool) {
	if n < c.cfg.Clients {
		return
	}
	window := time.Duration(c.cfg.Window)
	claimed := false
	if inStore {
		var err error
		if claimed, err = c.st.st.claimCampaign(ctx, o.fp, window); err != nil {
			c.st.failed(opClaim, err)
			inStore = false
		}
	}
	if !inStore {
		claimed = c.st.fallback.claim(o.fp, o.at, window)
	}
	// a claim this instance holds, or saw held, is one the store lost
	// (flushed): claimed again above, it raises no second alert
	if !c.firstHere(o) {
		claimed = false
	}
	if claimed && c.allow(ctx, budgetAlert, c.cfg.MaxAlerts.or(DefaultMaxAlerts), o.at, inStore) {
		c.raise(ctx, o, n, inStore)
	}
}

// firstHere reports whether the alert of o's campaign was neither raised
// nor found claimed here within its window, and remembers that it now is
// (claimed by this instance or another).
func (c *campaigns) firstHere(o observation) bool {
	if c.alerts.seen(o.fp, o.at) {
		return false
	}
	c.alerts.remember(o.fp, o.at.Add(time.Duration(c.cfg.Window)))
	return true
}

// raise raises the alert of a campaign whose alert was claimed.
func (c *campaigns) raise(ctx context.Context, o observation, n int, inStore bool) {
	window := time.Duration(c.cfg.Window)
	metrics().campaigns.WithLabelValues(string(o.cat)).Inc()
	fields := []zap.Field{
		zap.String("fingerprint", o.fp),
		zap.String("category", string(o.cat)),
		zap.Int("clients", n),
		zap.Duration("window", window),
		zap.Bool("counted_in_store", inStore),
	}
	if p := time.Duration(c.cfg.Protect); p > 0 && !c.allow(ctx, budgetProtect, c.cfg.MaxProtects.or(DefaultMaxProtects), o.at, inStore) {
		fields = append(fields, zap.String("protect_skipped", "max_protects reached for this interval"))
	} else if p > 0 {
		fields = append(fields, zap.Duration("protect", p))
		if _, err := c.st.protect(ctx, []protectedEntry{{FP: o.fp, Until: o.at.Add(p)}}); err != nil {
			// the state holds it in force here whatever the store says;
			// only the fleet waits for the store (state.change)
			fields = append(fields, zap.String("protect_error", "store unreachable: protected on this instance, on the fleet once the store answers"))
		}
	}
	c.log.Error("campaign: one identifier posted by many clients", fields...)
}
