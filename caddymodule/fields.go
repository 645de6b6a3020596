package caddymodule

import (
	"context"
	"fmt"
	"maps"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"unicode"

	"github.com/caddyserver/caddy/v2/modules/caddyhttp"
	"github.com/piifilter/caddy-pii-filter/bodyformat"
	"github.com/piifilter/caddy-pii-filter/detect"
	"github.com/piifilter/caddy-pii-filter/internal/fieldtext"
)

// Header fields and the request target are read as well as bodies (the
// headers option, default inspect): a Location, a Set-Cookie, a
// Content-Disposition filename or an X- field the upstream sets reaches
// the client as surely as its body does, and a query string the client
// sends reaches the upstream. Each value is read as the pii log filter
// reads a log field (fieldtext.Redact: a URI part by part and
// percent-decoded, anything else through every reading a body's text
// gets) under the direction's action: redact masks the value in place,
// reject refuses the exchange (a field with findings is masked all the
// same, so a refusal never carries it), log only reports. A field whose
// name holds an identifier is dropped when the action is not log.

// fieldsAction is what happens to header fields and the request target.
type fieldsAction string

// The values of the headers option.
const (
	fieldsInspect fieldsAction = "inspect"
	fieldsPass    fieldsAction = "pass"
)

func parseFieldsAction(s string) (fieldsAction, error) {
	switch a := fieldsAction(s); a {
	case "":
		return fieldsInspect, nil
	case fieldsInspect, fieldsPass:
		return a, nil
	}
	return "", fmt.Errorf("unknown headers mode %q (valid: inspect, pass)", s)
}

// unreadFields are the fields that frame the message, whose masking would
// break it (a range, a length, the WebSocket handshake's keys; a
// Content-Type's parameters other than charset and boundary are read by
// fieldScan.params, and a Content-Range that is no range a receiver reads
// as text, fieldScan.framesRange), the filter's own incident header, and the
// request's credentials (Authorization, Cookie), which reach the upstream
// that issued them and would break a login if masked (residuals the
// threat model lists). The request's host, kept out of its header by Go's
// server, is read apart (host.go). Every other field is read, dates and
// validators included: an upstream may put anything in them.
var unreadFields = map[string]bool{
	"Connection": true, "Keep-Alive": true, "Proxy-Connection": true,
	"Transfer-Encoding": true, "Upgrade": true,
	"Content-Length": true, "Content-Encoding": true, "Content-Type": true,
	"Content-Range": true, "Range": true,
	"Sec-Websocket-Key": true, "Sec-Websocket-Accept": true, "Sec-Websocket-Version": true,
	"Sec-Websocket-Extensions": true, "Host": true, incidentHeader: true,
	"Authorization": true, "Proxy-Authorization": true, "Cookie": true,
}

// findField is the call through which header values and the request
// target reach the engine. It is a variable only so that tests can make
// it panic; nothing else sets it.
var findField = bodyformat.FindText

// fieldScan reads header fields and a request target with the handler's
// engine, rewriting what it finds when rewrite is set.
type fieldScan struct {
	h       *Handler
	rewrite bool
	status  int // a response's status; 0 for a request
	found   []detect.Finding
	judged  map[fieldKey]bool // names and values a reading of their own found something in
}

// find reads one decoded piece of a value.
func (s *fieldScan) find(text []byte, hint detect.CategorySet) []detect.Finding {
	return findField(s.h.engine, text, hint)
}

// header reads every field of hdr not in unreadFields, name and values.
// The fields are first read together, one "name: value" line each, in the
// order of their names: most exchanges have nothing in their fields, and
// one reading of all of them costs a fraction of one per value. A field
// whose name hints a category (X-Mobile: cn_mobile, X-User-Name:
// cn_name) is read on its own with that hint whatever the joined reading
// says, and so is one that holds what only such a reading sees
// (readsAlone: a GBK page's escapes, a '+'-spaced query or cookie, tel=); when the
// joined reading finds something, every field is read on
// its own (redacting it as a URI or as text), and what only the joined
// reading saw, a value split over two fields, is starred where it lies.
// A name holding a digit is read on its own too, its digits alone
// (s.name): the joined reading leaves "X-U<ID>" to a word.
func (s *fieldScan) header(hdr http.Header) {
	names := make([]string, 0, len(hdr))
	for name := range hdr {
		switch canon := http.CanonicalHeaderKey(name); {
		case canon == "Content-Type":
			s.params(hdr, name)
		case canon == "Content-Disposition":
			// parameters first, so a filename's mask keeps its syntax;
			// then the whole value as text, as masked so far
			if !s.params(hdr, name) || s.rewrite {
				names = append(names, name)
			}
		case canon == "Content-Range" && !s.framesRange(hdr[name]):
			names = append(names, name) // no range a receiver reads: text
		case !unreadFields[canon]:
			names = append(names, name)
		}
	}
	if len(names) == 0 {
		return
	}
	slices.Sort(names)
	hints := make([]detect.CategorySet, len(names))
	var joined []byte
	var lines []fieldLine
	for i, name := range names {
		if hints[i] = bodyformat.HintForKey(name); hints[i] != 0 {
			continue
		}
		lines = append(lines, fieldLine{name: name, value: -1, start: len(joined)})
		joined = append(joined, name...)
		lines[len(lines)-1].end = len(joined)
		joined = append(joined, ": "...)
		for i, v := range hdr[name] {
			lines = append(lines, fieldLine{name: name, value: i, start: len(joined), end: len(joined) + len(v)})
			joined = append(joined, v...)
			joined = append(joined, '\n')
		}
	}
	var together []detect.Finding
	if len(joined) > 0 {
		together = s.find(joined, 0)
	}
	for i, name := range names {
		switch {
		case len(together) > 0 || hints[i] != 0 || readsAlone(name, hdr[name]):
			s.field(hdr, name, hints[i])
		case strings.ContainsFunc(name, unicode.IsDigit):
			s.name(hdr, name) // its digits alone, which the joined reading leaves to a word
		}
	}
	if len(together) > 0 {
		s.starSplit(hdr, lines, together)
	}
}

// readsAlone reports whether the field name with values vs holds what
// only a reading of its own sees (fieldtext.ReadsAlone: escapes of bytes
// that are no ASCII, read in legacy charsets or as overlong forms; a '+'
// in a query; a query field named for a category), which the joined
// reading of the header cannot clear.
func readsAlone(name string, vs []string) bool {
	if fieldtext.ReadsAlone(name) {
		return true
	}
	alone := fieldtext.ReadsAlone
	if cookieField(name) {
		alone = fieldtext.CookieReadsAlone // a '+' in a cookie's value
	}
	for _, v := range vs {
		if alone(v) {
			return true
		}
	}
	return false
}

// cookieField reports whether the field name carries cookies (Set-Cookie,
// Cookie), whose values a framework may read with '+' as a space
// (fieldtext.RedactCookie).
func cookieField(name string) bool {
	switch http.CanonicalHeaderKey(name) {
	case "Set-Cookie", "Cookie":
		return true
	}
	return false
}

// params reads the parameters of a Content-Type or Content-Disposition
// field a receiver reads (a download's name= or filename*=, any parameter
// but charset and boundary) and masks them in place in their own syntax
// (fieldtext.RedactParams); the type and the parameters that frame the
// body are not read. It reports whether it found anything.
func (s *fieldScan) params(hdr http.Header, name string) (found bool) {
	values := hdr[name]
	for i, v := range values {
		out, fs := fieldtext.RedactParams(s.find, v)
		if len(fs) == 0 {
			continue
		}
		found = true
		s.found = append(s.found, fs...)
		if s.rewrite {
			values[i] = out
		}
	}
	return found
}

// framesRange reports whether the Content-Range values vs are a range a
// receiver reads as one, and so are left unread: on a request (a
// resumable upload's PUT) or on a 206 or 416 response, the only statuses
// that give the field a meaning (RFC 9110 14.4), each value exactly
// "bytes first-last/complete", "bytes first-last/*" or "bytes
// */complete" with first <= last < complete. Anything else is read as
// text like any field: masking it breaks nothing a receiver relies on.
func (s *fieldScan) framesRange(vs []string) bool {
	if s.status != 0 && s.status != http.StatusPartialContent && s.status != http.StatusRequestedRangeNotSatisfiable {
		return false
	}
	for _, v := range vs {
		if !byteRange(v) {
			return false
		}
	}
	return len(vs) > 0
}

// byteRange reports whether v is an RFC 9110 Content-Range in bytes.
func byteRange(v string) bool {
	unit, rest, ok := strings.Cut(v, " ")
	if !ok || !strings.EqualFold(unit, "bytes") {
		return false
	}
	span, complete, ok := strings.Cut(rest, "/")
	if !ok {
		return false
	}
	size, sizeOK := rangeNumber(complete)
	if span == "*" {
		return sizeOK
	}
	first, last, ok := strings.Cut(span, "-")
	f, fOK := rangeNumber(first)
	l, lOK := rangeNumber(last)
	if !ok || !fOK || !lOK || f > l || complete != "*" && (!sizeOK || l >= size) {
		return false
	}
	return true
}

// rangeNumber parses a Content-Range position or length: 1 to 14 digits,
// under 100 TB. A longer number is no size an HTTP resource has, and is
// the length of an 18-digit ID, an old 15-digit one or a card number.
func rangeNumber(s string) (int64, bool) {
	if s == "" || len(s) > 14 {
		return 0, false
	}
	var n int64
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return 0, false
		}
		n = n*10 + int64(s[i]-'0')
	}
	return n, true
}

// fieldLine is where a field's name (value -1) or one of its values
// stands in the joined reading of a header.
type fieldLine struct {
	name       string
	value      int
	start, end int
}

// fieldKey names a field's name (value -1) or one of its values.
type fieldKey struct {
	name  string
	value int
}

// field reads one field on its own, its name (s.name) and then its
// values with hint (the name's, HintForKey). What it finds something in
// is marked judged.
func (s *fieldScan) field(hdr http.Header, name string, hint detect.CategorySet) {
	if s.name(hdr, name) {
		return
	}
	redact := fieldtext.Redact
	if cookieField(name) {
		redact = fieldtext.RedactCookie
	}
	values := hdr[name]
	for i, v := range values {
		out, fs := redact(s.find, v, hint)
		if len(fs) == 0 {
			continue
		}
		s.judge(fieldKey{name, i}, fs)
		if s.rewrite {
			values[i] = out
		}
	}
}

// name reads a field's name on its own, as text and its digits alone
// (fieldtext.RedactName: "X-U<ID>", an identifier glued to a letter,
// which a reading as text leaves to a word). A receiver matches names
// whole, so a name holding an identifier is not masked: its field is
// dropped on rewrite. It reports whether it found something.
func (s *fieldScan) name(hdr http.Header, name string) bool {
	_, fs := fieldtext.RedactName(s.find, name)
	if len(fs) == 0 {
		return false
	}
	s.judge(fieldKey{name, -1}, fs)
	if s.rewrite {
		delete(hdr, name)
	}
	return true
}

// judge records the findings of one name or value read on its own.
func (s *fieldScan) judge(k fieldKey, fs []detect.Finding) {
	s.found = append(s.found, fs...)
	if s.judged == nil {
		s.judged = make(map[fieldKey]bool)
	}
	s.judged[k] = true
}

// starSplit handles what the joined reading found that the fields read
// one by one did not (a value split over two fields, a value only its
// field's name labels): such a finding counts, and on rewrite the part of
// each value under it that no reading of its own judged is starred (a
// name it begins or ends in drops its field). Lines and findings are both
// walked in the order of their offsets, so each finding looks only at the
// lines it overlaps; it returns how many lines it looked at (the
// complexity test counts them).
func (s *fieldScan) starSplit(hdr http.Header, lines []fieldLine, together []detect.Finding) (looked int) {
	slices.SortFunc(together, func(a, b detect.Finding) int { return a.Start - b.Start })
	k := 0
	for _, f := range together {
		for k < len(lines) && lines[k].end <= f.Start {
			k++
		}
		counted := false
		for _, l := range lines[k:] {
			looked++
			if l.start >= f.End {
				break
			}
			if l.end <= f.Start || s.judged[fieldKey{l.name, l.value}] || s.judged[fieldKey{l.name, -1}] {
				continue
			}
			if l.value < 0 && f.Start < l.start && l.end < f.End {
				continue // a name the finding only passes through, from one value to the next
			}
			if !counted {
				s.found, counted = append(s.found, f), true
			}
			if !s.rewrite {
				continue
			}
			if l.value < 0 {
				delete(hdr, l.name)
				s.judge(fieldKey{l.name, -1}, nil)
				continue
			}
			values := hdr[l.name]
			v := []byte(values[l.value])
			for i := max(f.Start, l.start) - l.start; i < min(f.End, l.end)-l.start; i++ {
				v[i] = '*'
			}
			values[l.value] = string(v)
		}
	}
	return looked
}

// target reads r's request target, path and query, and on rewrite makes
// the redacted target r's URL. The copy of the request Caddy keeps as it
// arrived (caddyhttp.OriginalRequestCtxKey) is redacted too: it is what
// {http.request.orig_uri} expands to, what php_fastcgi sends the
// upstream as REQUEST_URI, and what an error route restores. A target
// that is not a path (an authority-form CONNECT, the asterisk of
// OPTIONS) holds no content.
func (s *fieldScan) target(r *http.Request) {
	var before string
	if r.URL != nil {
		before = r.URL.RequestURI()
	}
	fs := s.redactURL(r.URL)
	if len(fs) > 0 {
		s.found = append(s.found, fs...)
		if s.rewrite {
			r.RequestURI = r.URL.RequestURI()
		}
	}
	orig, ok := r.Context().Value(caddyhttp.OriginalRequestCtxKey).(http.Request)
	if !ok || !s.rewrite && len(fs) > 0 {
		return
	}
	if orig.URL == nil {
		return
	}
	var ofs []detect.Finding
	if orig.URL.RequestURI() == before {
		// the target as it arrived: read once
		if len(fs) == 0 {
			return
		}
		ofs = fs
		if s.rewrite {
			orig.URL.Path, orig.URL.RawPath, orig.URL.RawQuery = r.URL.Path, r.URL.RawPath, r.URL.RawQuery
		}
	} else {
		ofs = s.redactURL(orig.URL)
	}
	if len(ofs) == 0 {
		return
	}
	if len(fs) == 0 {
		// a target rewritten before this handler: what the copy holds
		// is still sent on (REQUEST_URI) and shown
		s.found = append(s.found, ofs...)
	}
	if !s.rewrite {
		return
	}
	// orig.URL is the copy's own; its RequestURI is a string in the
	// context's value, so the context is replaced, in the request every
	// handler shares (as caddyhttp.NewReplacer's callers do)
	orig.RequestURI = orig.URL.RequestURI()
	*r = *r.WithContext(context.WithValue(r.Context(), caddyhttp.OriginalRequestCtxKey, orig))
}

// redactURL reads the path and query of u and, on rewrite, sets u's to
// the redacted ones. A URL that is not a path holds no content.
func (s *fieldScan) redactURL(u *url.URL) []detect.Finding {
	if u == nil || u.Opaque != "" || !strings.HasPrefix(u.EscapedPath(), "/") {
		return nil
	}
	out, fs := fieldtext.Redact(s.find, u.RequestURI(), 0)
	if len(fs) == 0 || !s.rewrite {
		return fs
	}
	red, err := url.ParseRequestURI(out)
	if err != nil {
		// the masks are escaped (fieldtext): a target that no longer
		// parses has lost its path, which a refusal must not echo
		red = &url.URL{Path: "/"}
	}
	u.Path, u.RawPath, u.RawQuery = red.Path, red.RawPath, red.RawQuery
	return fs
}

// scanFields reads r's header and target (request) or hdr (response, of
// status; trailers as a 200's) under action act: redact and reject rewrite
// what they find. A panic is returned as an inspection error.
func (h *Handler) scanFields(r *http.Request, hdr http.Header, status int, act action) (found []detect.Finding, err error) {
	defer containPanic(&err)
	s := fieldScan{h: h, rewrite: act == actRedact || act == actReject, status: status}
	if r != nil {
		s.target(r)
		s.header(r.Header)
	} else {
		s.header(hdr)
	}
	return s.found, nil
}

// fieldsIncident is the incident of findings in the header fields (or
// target) of r in direction dir.
func (h *Handler) fieldsIncident(r *http.Request, dir direction, found []detect.Finding) *incident {
	inc := h.newIncident(r, dir, found)
	inc.Fields = true
	return inc
}

// refusesFields reports whether the findings of inc in header fields
// refuse the exchange: the action is reject, or they make a dossier.
func refusesFields(inc *incident) bool {
	if inc.Dossier {
		inc.Reason = reasonDossier
	}
	return inc.Action == actReject || inc.Dossier
}

// outcomeOf is the outcome of findings in header fields the action does
// not refuse: masked under redact, and under reject where a refusal can
// no longer be sent (an informational response, trailers); only logged
// under log.
func outcomeOf(act action) outcome {
	if act == actLog {
		return outLogged
	}
	return outRedacted
}

// filterRequestFields reads r's target and header fields (or, with
// trailer, its trailer fields, once its body has been read) under the
// request action. prior is what the request's fields read before held
// (its target and header when trailer is set); seen returns it with what
// these fields hold, for the dossier rule, which judges the request's
// fields and its body together (dossierWith). It reports done when it
// refused the request; a field it cannot read (a contained panic) follows
// on_error like a body. A host with findings refuses the request unless
// the action is log (host.go).
func (h *Handler) filterRequestFields(w http.ResponseWriter, r *http.Request, trailer bool, prior detect.Summary) (seen detect.Summary, done bool, err error) {
	var found, host []detect.Finding
	if trailer {
		found, err = h.scanFields(nil, r.Trailer, 0, h.cfg.request)
	} else if found, err = h.scanFields(r, nil, 0, h.cfg.request); err == nil {
		host, err = h.scanHost(r) // host.go: refused, never masked
		found = append(found, host...)
	}
	if err != nil {
		done, err = h.requestUninspectable(w, r, err)
		return prior, done, err
	}
	if len(found) == 0 {
		return prior, false, nil
	}
	if !trailer && h.cfg.request != actLog {
		dropRegexpCaptures(r) // taken from the values just masked
	}
	inc := h.fieldsIncident(r, dirRequest, found)
	seen = joinSummaries(prior, inc.Summary)
	h.dossierWith(inc, prior)
	if refusesFields(inc) || len(host) > 0 && h.cfg.request != actLog {
		inc.Status = h.cfg.status
		return seen, true, h.refuseRequest(w, r, inc)
	}
	inc.Outcome = outcomeOf(h.cfg.request)
	h.report(r, inc)
	return seen, false, nil
}

// trailerFields returns the trailer fields a handler set in hdr (the keys
// with http.TrailerPrefix, and the fields its Trailer field announced) as
// a header of their own whose values are hdr's: a value rewritten in one
// is rewritten in the other.
func trailerFields(hdr http.Header) http.Header {
	tr := http.Header{}
	for k, v := range hdr {
		if strings.HasPrefix(k, http.TrailerPrefix) {
			tr[k] = v
		}
	}
	for _, v := range hdr["Trailer"] {
		for name := range strings.SplitSeq(v, ",") {
			name = http.CanonicalHeaderKey(strings.TrimSpace(name))
			if vs, ok := hdr[name]; ok {
				tr[name] = vs
			}
		}
	}
	return tr
}

// filterTrailers reads the trailer fields of the response once the next
// handler is done (gRPC's grpc-message, a checksum, a status line), under
// the response action: the body may be out already, so nothing is refused
// here; redact and reject mask, log reports, and fields that cannot be
// read are dropped unless on_error is pass.
func (rw *responseWriter) filterTrailers() {
	h := rw.h
	if h.cfg.headers != fieldsInspect || h.cfg.response == actOff {
		return
	}
	hdr := rw.Header()
	tr := trailerFields(hdr)
	if len(tr) == 0 {
		return
	}
	names := slices.Collect(maps.Keys(tr))
	found, err := h.scanFields(nil, tr, http.StatusOK, h.cfg.response)
	switch {
	case err != nil && h.cfg.onErrorFor(dirResponse) == failPass:
		h.passUninspected(rw.r, dirResponse, err)
	case err != nil:
		countUninspected(dirResponse, uninspectedReason(err))
		for _, name := range names {
			delete(hdr, name)
		}
	case len(found) > 0:
		for _, name := range names {
			if _, kept := tr[name]; !kept {
				delete(hdr, name) // a name that held an identifier
			}
		}
		inc := h.fieldsIncident(rw.r, dirResponse, found)
		inc.Outcome = outcomeOf(h.cfg.response)
		h.report(rw.r, inc)
	}
}

// screenFields reads the header fields of a response under the response
// action: what it finds is masked (redact, reject) and reported, and when
// canRefuse is set (nothing of the response is out yet) it returns the
// incident of a refusal the action or the dossier rule calls for. A final
// response's fields are read once, when they are about to go out: at
// WriteHeader for a response that is streamed or passed, when the body is
// sent for one that is buffered (a handler may set fields after
// WriteHeader until then), before a refusal or an error's answer, and
// when the next handler wrote nothing at all. An informational response's
// fields are read each time one goes out. Fields that cannot be read (a
// contained panic, on_error reject) are dropped: refused when it can be.
func (rw *responseWriter) screenFields(status int, canRefuse bool) *incident {
	h := rw.h
	if h.cfg.headers != fieldsInspect || h.cfg.response == actOff {
		return nil
	}
	informational := status >= 100 && status <= 199
	if !informational {
		if rw.fieldsRead {
			return nil
		}
		rw.fieldsRead = true
	}
	hdr := rw.Header()
	found, err := h.scanFields(nil, hdr, status, h.cfg.response)
	if err != nil {
		countUninspected(dirResponse, uninspectedReason(err))
		if h.cfg.onErrorFor(dirResponse) == failPass {
			h.passUninspected(rw.r, dirResponse, err)
			return nil
		}
		for name := range hdr {
			if !unreadFields[http.CanonicalHeaderKey(name)] {
				delete(hdr, name)
			}
		}
		if !informational {
			h.syncProxyHeaders(rw.r, hdr)
		}
		if informational || !canRefuse {
			return nil
		}
		inc := h.uninspectable(rw.r, dirResponse, err)
		inc.Fields, inc.Status = true, h.cfg.status
		return inc
	}
	if len(found) == 0 {
		return nil
	}
	if !informational && h.cfg.response != actLog {
		h.syncProxyHeaders(rw.r, hdr)
	}
	inc := h.fieldsIncident(rw.r, dirResponse, found)
	inc.Status = status
	seen := joinSummaries(rw.seen, inc.Summary)
	h.dossierWith(inc, rw.seen) // a dossier split between the fields and the body
	rw.seen = seen
	if canRefuse && !informational && refusesFields(inc) {
		inc.Status = h.cfg.status
		return inc
	}
	inc.Outcome = outcomeOf(h.cfg.response)
	h.report(rw.r, inc)
	return nil
}
