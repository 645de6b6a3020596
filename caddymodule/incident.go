package caddymodule

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"net"
	"net/http"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/caddyserver/caddy/v2"
	"github.com/caddyserver/caddy/v2/modules/caddyhttp"
	"go.uber.org/zap"
	"go.uber.org/zap/zapcore"

	"github.com/piifilter/caddy-pii-filter/detect"
	"github.com/piifilter/caddy-pii-filter/internal/panics"
)

// direction says which body of an exchange an incident is about.
type direction string

// The directions.
const (
	dirRequest  direction = "request"
	dirResponse direction = "response"
)

// reason says why an incident was recorded.
type reason string

// The reasons.
const (
	reasonFound         reason = "personal_information" // findings, handled by the action
	reasonDossier       reason = "dossier"              // too many distinct categories in one message
	reasonProtected     reason = "protected"            // a protected identifier (the pii app's list), refused whatever the action
	reasonTooLarge      reason = "too_large"            // larger than max_body, refused
	reasonUninspectable reason = "uninspectable"        // could not be decoded, refused
	reasonBusy          reason = "memory_budget"        // the memory budget could not hold it: 503, retry later
)

// outcome says what happened to the body.
type outcome string

// The outcomes.
const (
	outRedacted outcome = "redacted"
	outLogged   outcome = "logged"
	outRefused  outcome = "refused"
)

// incidentHeader carries the incident id of a refusal to the client.
const incidentHeader = "X-PII-Incident"

// maxSamples bounds the findings kept as samples in one incident.
const maxSamples = 10

// maxLoggedLen bounds the request strings (host, path, …) an incident logs.
const maxLoggedLen = 256

// incident is one body with personal information in it, one body refused
// because it could not be inspected, or one passed although its inspection
// panicked. It holds only categories, counts, masked samples and
// fingerprints, never a value.
type incident struct {
	ID        string
	Direction direction
	Action    action
	Outcome   outcome
	Reason    reason
	Dossier   bool
	Summary   detect.Summary
	Samples   []detect.Finding // distinct by fingerprint, at most maxSamples
	Status    int              // status sent (refusals) or received from upstream (responses); 0 if unknown

	// Why a body could not be inspected (errorClass: "panic", "encoding",
	// …), and for a panic the functions on its stack, never its value.
	Cause string
	Stack []string

	// Fields is set when the findings are in header fields or the request
	// target, not the body (fields.go).
	Fields bool

	Judged   bool          // a verdict was reached (by a scan or from the cache)
	CacheHit bool          // the verdict came from the cache
	ScanTime time.Duration // time to reach the verdict

	// About the request, each already redacted through the engine.
	Method, Host, Path, RemoteIP, RequestID string
}

// newIncident builds the incident for a body of r in direction dir, with
// its findings. It is the one place where an incident entry is made.
func (h *Handler) newIncident(r *http.Request, dir direction, findings []detect.Finding) *incident {
	inc := &incident{
		ID:        newIncidentID(),
		Direction: dir,
		Action:    h.cfg.request,
		Reason:    reasonFound,
		Summary:   detect.Summary{Counts: make(map[detect.Category]int)},
		Method:    h.scrub(r.Method),
		Host:      h.scrubHost(r.Host),
		Path:      h.scrub(r.URL.Path),
		RemoteIP:  remoteIP(r),
		RequestID: h.requestID(r),
	}
	if dir == dirResponse {
		inc.Action = h.cfg.response
	}
	for _, f := range findings {
		inc.add(f)
	}
	inc.Dossier = h.isDossier(inc.Summary)
	return inc
}

// add counts one finding and keeps it as a sample if it is new. Findings
// without a fingerprint are not samples: the engine gives one only to the
// first maxSamples distinct values of a body (Limits.Samples).
func (inc *incident) add(f detect.Finding) {
	inc.Summary.Categories = inc.Summary.Categories.With(f.Category)
	inc.Summary.Counts[f.Category]++
	inc.keepSample(f)
}

// keepSample keeps f as a sample if it has a fingerprint not yet kept
// and there is room.
func (inc *incident) keepSample(f detect.Finding) {
	if len(inc.Samples) >= maxSamples || f.Fingerprint == "" {
		return
	}
	for _, s := range inc.Samples {
		if s.Fingerprint == f.Fingerprint {
			return
		}
	}
	inc.Samples = append(inc.Samples, f)
}

// isDossier reports whether a summary trips the dossier rule.
func (h *Handler) isDossier(s detect.Summary) bool {
	return h.cfg.dossier > 0 && s.Distinct() >= h.cfg.dossier
}

// joinSummaries returns the categories and counts of a and b together,
// in maps of its own.
func joinSummaries(a, b detect.Summary) detect.Summary {
	s := detect.Summary{Categories: a.Categories | b.Categories, Counts: make(map[detect.Category]int, len(a.Counts)+len(b.Counts))}
	for c, n := range a.Counts {
		s.Counts[c] += n
	}
	for c, n := range b.Counts {
		s.Counts[c] += n
	}
	return s
}

// dossierWith judges the dossier rule on the findings of inc together with
// other, those found elsewhere in the same message (its header fields or
// request target when inc is its body's, its body when inc is its
// fields'): a dossier split between them is one. When only together they
// make one, inc takes their joined summary (categories and counts, no
// values) and the dossier reason. It reports whether inc is a dossier.
func (h *Handler) dossierWith(inc *incident, other detect.Summary) bool {
	if inc.Dossier || other.Categories == 0 {
		return inc.Dossier
	}
	all := joinSummaries(inc.Summary, other)
	if !h.isDossier(all) {
		return false
	}
	inc.Summary, inc.Dossier = all, true
	if inc.Reason == reasonFound {
		inc.Reason = reasonDossier
	}
	return true
}

// categories returns the names of the categories found, in the order of
// detect.AllCategories.
func (inc *incident) categories() []string {
	cats := inc.Summary.Categories.Categories()
	names := make([]string, len(cats))
	for i, c := range cats {
		names[i] = string(c)
	}
	return names
}

// report logs the incident, counts it in the metrics and publishes its
// summary (see publish). Its id is also the variable pii_incident, for
// handle_errors ({http.vars.pii_incident}). Refusals are logged at warn
// level, the rest at info, and a contained panic at error. A panic while
// reporting is contained too: a short entry is logged instead (see
// reportCut) and the incident is still counted.
func (h *Handler) report(r *http.Request, inc *incident) {
	h.record(r, inc, true)
}

// record logs and counts inc, and with publishing set publishes it as
// report says. A report made off the request's goroutine (trailerScreen,
// in the upstream's read of the body) does not publish: the request's
// variables and placeholders are maps its handlers use unlocked.
func (h *Handler) record(r *http.Request, inc *incident, publishing bool) {
	counted := false
	defer func() {
		if recover() != nil {
			h.reportCut(r, inc, panics.Recovered(), counted, publishing)
		}
	}()
	level := zapcore.InfoLevel
	switch {
	case inc.Cause == skipPanic:
		level = zapcore.ErrorLevel
	case inc.Outcome == outRefused:
		level = zapcore.WarnLevel
	}
	if ce := h.logger.Check(level, inc.message()); ce != nil {
		ce.Write(inc.fields()...)
	}
	countIncident(inc)
	counted = true
	if publishing {
		h.publishIncident(r, inc)
	}
}

// publishIncident sets the pii_incident variable to inc's id and
// publishes inc (see publish), on r's goroutine.
func (h *Handler) publishIncident(r *http.Request, inc *incident) {
	caddyhttp.SetVar(r.Context(), "pii_incident", inc.ID)
	publish(r, inc)
}

// reportCut finishes the report of inc after a panic while reporting it:
// an error entry with only the fixed fields that cannot fail (the
// incident's id, direction, action, outcome and reason, the cause "panic"
// and the panic's stack), the count if it was not made, and the
// pii_incident variable (with publishing). A panic in this entry too is dropped: the
// request's outcome matters more than its log.
func (h *Handler) reportCut(r *http.Request, inc *incident, pe *panics.Error, counted, publishing bool) {
	defer func() { _ = recover() }()
	if !counted {
		countIncident(inc)
	}
	if publishing {
		caddyhttp.SetVar(r.Context(), "pii_incident", inc.ID)
	}
	h.logger.Error("incident entry cut short: logging it panicked",
		zap.String("incident", inc.ID),
		zap.String("direction", string(inc.Direction)),
		zap.String("action", string(inc.Action)),
		zap.String("outcome", string(inc.Outcome)),
		zap.String("reason", string(inc.Reason)),
		zap.String("error", skipPanic),
		zap.Strings("stack", pe.Stack))
}

// The placeholders that publish sets, and the access-log fields that
// carry the same values.
const (
	placeholderAction     = "http.pii.action"
	placeholderCategories = "http.pii.categories"
	placeholderIncident   = "http.pii.incident"
)

// publish makes the summary of the exchange's incidents available to
// later handlers, as the placeholders {http.pii.action},
// {http.pii.categories} and {http.pii.incident}, and to the access log,
// as the fields pii_action, pii_categories and pii_incident. When both
// bodies of an exchange have an incident the summary covers both: the
// more severe action (refused, then redacted, then logged), the union of
// the categories, and both incident ids, the request's first, separated by
// a comma. All are empty for an exchange without incident.
func publish(r *http.Request, inc *incident) {
	action, cats, id := string(inc.Outcome), inc.Summary.Categories, inc.ID
	repl, _ := r.Context().Value(caddy.ReplacerCtxKey).(*caddy.Replacer)
	if repl != nil {
		if prev, _ := repl.GetString(placeholderIncident); prev != "" {
			id = prev + "," + id
			prevAction, _ := repl.GetString(placeholderAction)
			if severity(outcome(prevAction)) > severity(inc.Outcome) {
				action = prevAction
			}
			prevCats, _ := repl.GetString(placeholderCategories)
			for name := range strings.SplitSeq(prevCats, ",") {
				if c, err := detect.ParseCategory(name); err == nil {
					cats = cats.With(c)
				}
			}
		}
	}
	names := make([]string, 0, cats.Len())
	for _, c := range cats.Categories() {
		names = append(names, string(c))
	}
	catList := strings.Join(names, ",")
	if repl != nil {
		repl.Set(placeholderAction, action)
		repl.Set(placeholderCategories, catList)
		repl.Set(placeholderIncident, id)
	}
	if extra, ok := r.Context().Value(caddyhttp.ExtraLogFieldsCtxKey).(*caddyhttp.ExtraLogFields); ok {
		extra.Set(zap.String("pii_action", action))
		extra.Set(zap.String("pii_categories", catList))
		extra.Set(zap.String("pii_incident", id))
	}
}

// publishClean sets the placeholders of publish to their values for an
// exchange without incident, empty strings, unless an earlier pii_filter
// handler of the same exchange has set them: so {http.pii.action} is never
// left as a literal placeholder and compares equal to "" on a clean
// exchange. The access-log fields are only added with an incident.
func publishClean(r *http.Request) {
	repl, _ := r.Context().Value(caddy.ReplacerCtxKey).(*caddy.Replacer)
	if repl == nil {
		return
	}
	if _, known := repl.Get(placeholderAction); known {
		return
	}
	repl.Set(placeholderAction, "")
	repl.Set(placeholderCategories, "")
	repl.Set(placeholderIncident, "")
}

// severity orders outcomes for the summary of an exchange.
func severity(o outcome) int {
	switch o {
	case outRefused:
		return 3
	case outRedacted:
		return 2
	case outLogged:
		return 1
	}
	return 0
}

// message is the log message of the incident.
func (inc *incident) message() string {
	switch {
	case inc.Reason == reasonTooLarge:
		return "body too large to inspect: refused"
	case inc.Reason == reasonBusy:
		return "memory budget exhausted: body refused, retry later"
	case inc.Reason == reasonUninspectable && inc.Outcome == outRefused:
		return "body could not be inspected: refused"
	case inc.Reason == reasonUninspectable:
		return "body could not be inspected: passed uninspected"
	case inc.Reason == reasonProtected:
		return "protected identifier refused"
	case inc.Outcome == outRefused:
		return "personal information refused"
	case inc.Outcome == outRedacted:
		return "personal information redacted"
	}
	return "personal information found"
}

// fields are the log fields of the incident.
func (inc *incident) fields() []zap.Field {
	fs := []zap.Field{
		zap.String("incident", inc.ID),
		zap.String("direction", string(inc.Direction)),
		zap.String("action", string(inc.Action)),
		zap.String("outcome", string(inc.Outcome)),
		zap.String("reason", string(inc.Reason)),
		zap.Bool("dossier", inc.Dossier),
		zap.Object("categories", categoryCounts(inc.Summary)),
		zap.Int("findings", inc.total()),
		zap.Array("samples", samples(inc.Samples)),
		zap.String("remote_ip", inc.RemoteIP),
		zap.String("host", inc.Host),
		zap.String("method", inc.Method),
		zap.String("path", inc.Path),
	}
	if inc.RequestID != "" {
		fs = append(fs, zap.String("request_id", inc.RequestID))
	}
	if inc.Status != 0 {
		fs = append(fs, zap.Int("status", inc.Status))
	}
	if inc.Judged {
		fs = append(fs, zap.Duration("scan_time", inc.ScanTime))
	}
	if inc.Cause != "" {
		fs = append(fs, zap.String("error", inc.Cause))
	}
	if len(inc.Stack) > 0 {
		fs = append(fs, zap.Strings("stack", inc.Stack))
	}
	if inc.Fields {
		fs = append(fs, zap.String("in", "headers"))
	}
	fs = append(fs, zap.Bool("cache_hit", inc.CacheHit))
	return fs
}

// total returns the number of findings.
func (inc *incident) total() int {
	n := 0
	for _, c := range inc.Summary.Counts {
		n += c
	}
	return n
}

// categoryCounts logs the findings per category as an object.
func categoryCounts(s detect.Summary) zapcore.ObjectMarshaler {
	return zapcore.ObjectMarshalerFunc(func(enc zapcore.ObjectEncoder) error {
		for _, c := range s.Categories.Categories() {
			enc.AddInt(string(c), s.Counts[c])
		}
		return nil
	})
}

// samples logs findings by category, masked form, fingerprint and
// evidence: never the value.
func samples(fs []detect.Finding) zapcore.ArrayMarshaler {
	return zapcore.ArrayMarshalerFunc(func(enc zapcore.ArrayEncoder) error {
		for _, f := range fs {
			err := enc.AppendObject(zapcore.ObjectMarshalerFunc(func(o zapcore.ObjectEncoder) error {
				o.AddString("category", string(f.Category))
				o.AddString("masked", f.Masked)
				o.AddString("fingerprint", f.Fingerprint)
				o.AddString("evidence", f.Evidence.String())
				o.AddFloat64("confidence", f.Confidence)
				return nil
			}))
			if err != nil {
				return err
			}
		}
		return nil
	})
}

// scrub prepares a client-supplied string for the log: redacted through
// the engine, since a path or a host may itself carry personal
// information, then cut to maxLoggedLen bytes. It redacts somewhat more
// than it keeps, so that a value straddling the cut is found whole, and a
// word the cut splits is dropped rather than left half shown (17 digits of
// an 18-character ID give the 18th). If redacting it panics, the whole
// string is replaced by redactedMarker and the panic is logged.
func (h *Handler) scrub(s string) (out string) {
	if s == "" {
		return s
	}
	defer func() {
		if recover() != nil {
			out = redactedMarker
			h.logger.Error("request string replaced in an incident entry: redacting it panicked",
				zap.String("error", skipPanic), zap.Strings("stack", panics.Recovered().Stack))
		}
	}()
	b, _ := redactText(h.engine, []byte(cutAt(s, 2*maxLoggedLen)))
	if len(b) <= maxLoggedLen {
		return string(b)
	}
	kept := cutAt(string(b), maxLoggedLen)
	if isWordByte(b[len(kept)]) {
		kept = strings.TrimRightFunc(kept, func(r rune) bool { return r < utf8.RuneSelf && isWordByte(byte(r)) })
	}
	return kept + "…"
}

// cutAt returns s cut to at most n bytes, at a rune boundary.
func cutAt(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

// isWordByte reports an ASCII letter or digit.
func isWordByte(c byte) bool {
	return c >= '0' && c <= '9' || c|0x20 >= 'a' && c|0x20 <= 'z'
}

// requestID returns Caddy's id of the request ({http.request.uuid}) if
// something already gave it one, or else the X-Request-Id header, scrubbed.
func (h *Handler) requestID(r *http.Request) string {
	if id, ok := caddyhttp.GetVar(r.Context(), "uuid").(fmt.Stringer); ok {
		return id.String()
	}
	return h.scrub(r.Header.Get("X-Request-Id"))
}

// remoteIP returns the client IP Caddy determined (trusted proxies
// applied), or the host of the connection's remote address.
func remoteIP(r *http.Request) string {
	if ip, ok := caddyhttp.GetVar(r.Context(), caddyhttp.ClientIPVarKey).(string); ok && ip != "" {
		return ip
	}
	if host, _, err := net.SplitHostPort(r.RemoteAddr); err == nil {
		return host
	}
	return r.RemoteAddr
}

// newIncidentID returns 16 random hex digits.
func newIncidentID() string {
	var b [8]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}
