package piiapp

import (
	"container/list"
	"sync"
	"time"
)

// The bounds of the in-memory campaign counter. An attacker can post many
// distinct identifiers; each costs one tracked fingerprint, and each
// fingerprint keeps at most the campaign threshold of clients. When either
// bound is reached the fingerprint seen least recently is forgotten (and
// counted in caddy_pii_campaign_evictions_total): a campaign then has to
// start counting again, so a flood of distinct identifiers can delay, not
// hide, the alert of one posted again and again.
const (
	maxTrackedFingerprints = 100_000
	maxTrackedClients      = 1 << 20 // client records over all fingerprints: 16 bytes each
)

// clientCounter counts the distinct clients of each fingerprint within a
// sliding window, exactly, in bounded memory (see the bounds above). It is
// the memory store's counter and the Redis store's fallback.
type clientCounter struct {
	mu         sync.Mutex
	maxFPs     int
	maxClients int
	records    int
	byFP       map[string]*list.Element // of *fpClients
	lru        list.List                // front: seen most recently
	evicted    func()                   // called for each fingerprint forgotten
	quotas     map[string]quotaSlot     // what's taken of each budget (take)
}

// quotaSlot is how much of a budget was taken in its current interval.
type quotaSlot struct {
	slot int64 // the interval: its start divided by its length
	n    int
}

// fpClients is what the counter keeps about one fingerprint: the distinct
// clients seen within the window, at most the threshold of them, each with
// when it was seen last, and until when its campaign's alert is claimed.
type fpClients struct {
	fp      string
	clients []clientSeen
	claimed time.Time
}

type clientSeen struct {
	id uint64
	at time.Time
}

// newClientCounter returns a counter with the default bounds.
func newClientCounter(evicted func()) *clientCounter {
	c := &clientCounter{maxFPs: maxTrackedFingerprints, maxClients: maxTrackedClients, byFP: make(map[string]*list.Element), evicted: evicted}
	c.lru.Init()
	return c
}

// observe records client for fp at now and returns the distinct clients
// of fp within window, counting at most limit of them (the threshold: more
// are not needed to decide). Its cost is bounded by limit.
func (c *clientCounter) observe(fp string, client uint64, now time.Time, window time.Duration, limit int) int {
	c.mu.Lock()
	defer c.mu.Unlock()
	e := c.entry(fp)
	kept := e.clients[:0]
	seen := false
	for _, cs := range e.clients {
		if now.Sub(cs.at) >= window {
			continue
		}
		if cs.id == client {
			cs.at, seen = now, true
		}
		kept = append(kept, cs)
	}
	c.records -= len(e.clients) - len(kept)
	e.clients = kept
	if !seen {
		if len(e.clients) >= limit && len(e.clients) > 0 {
			e.clients = append(e.clients[:0], e.clients[1:]...) // the oldest goes: the count stays at limit
			c.records--
		}
		e.clients = append(e.clients, clientSeen{client, now})
		c.records++
	}
	n := len(e.clients)
	c.shrink()
	return n
}

// claim reports whether the alert of fp's campaign is unclaimed, and
// claims it until now+ttl.
func (c *clientCounter) claim(fp string, now time.Time, ttl time.Duration) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	e := c.entry(fp)
	if now.Before(e.claimed) {
		return false
	}
	e.claimed = now.Add(ttl)
	c.shrink()
	return true
}

// take takes one of the named budget in the interval of length per
// holding now, and returns how many were taken in it, this one included.
// Budgets are few and fixed (budgetAlert, budgetProtect).
func (c *clientCounter) take(name string, now time.Time, per time.Duration) int {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.quotas == nil {
		c.quotas = make(map[string]quotaSlot)
	}
	slot := now.UnixNano() / int64(per)
	q := c.quotas[name]
	if q.slot != slot {
		q = quotaSlot{slot: slot}
	}
	q.n++
	c.quotas[name] = q
	return q.n
}

// entry returns fp's entry, made if new, as the most recently seen.
func (c *clientCounter) entry(fp string) *fpClients {
	if el, ok := c.byFP[fp]; ok {
		c.lru.MoveToFront(el)
		return el.Value.(*fpClients)
	}
	e := &fpClients{fp: fp}
	c.byFP[fp] = c.lru.PushFront(e)
	return e
}

// shrink forgets the fingerprints seen least recently until the bounds
// hold again; the one just used is at the front and stays.
func (c *clientCounter) shrink() {
	for (len(c.byFP) > c.maxFPs || c.records > c.maxClients) && c.lru.Len() > 1 {
		el := c.lru.Back()
		e := el.Value.(*fpClients)
		c.lru.Remove(el)
		delete(c.byFP, e.fp)
		c.records -= len(e.clients)
		if c.evicted != nil {
			c.evicted()
		}
	}
}

// tracked returns how many fingerprints and client records are held.
func (c *clientCounter) tracked() (fps, records int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.byFP), c.records
}
