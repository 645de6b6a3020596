package caddymodule

import (
	"mime"
	"net/http"
	"path"
	"strconv"
	"strings"

	"github.com/piifilter/caddy-pii-filter/bodyformat"
)

// sniffLen is how many leading bytes decide whether an untyped body is
// text, as in http.DetectContentType.
const sniffLen = 512

// textClass says whether a body of some Content-Type is inspected.
type textClass int

const (
	notText   textClass = iota // passed on uninspected
	isText                     // inspected
	sniffText                  // not text by name: inspected when its first bytes are text
)

// classify decides from a Content-Type header value whether a body is
// inspected. A body whose type is not text by name is decided later from
// its first bytes (sniffText), whatever it is labelled: a receiver that
// parses JSON reads JSON sent as image/png. With a types option, the types
// it does not name are not inspected, except an untyped body, which is
// sniffed.
func (h *Handler) classify(contentType string) textClass {
	mt := mediaType(contentType)
	if len(h.cfg.types) > 0 {
		for _, p := range h.cfg.types {
			if ok, _ := path.Match(p, mt); ok {
				return isText
			}
		}
		if mt == "" {
			return sniffText
		}
		return notText
	}
	if bodyformat.IsText(contentType, nil) {
		return isText
	}
	return sniffText
}

// passedCompressed reports whether a response body of a sniffed type
// passes on uninspected: one compressed with codings the filter knows, of
// a known binary format (see bodyformat.KnownBinary), which is not
// decompressed to be sniffed. A request body never passes so: an upstream
// may well ignore the coding a client claims and read the bytes.
func passedCompressed(class textClass, contentType, contentEncoding string) bool {
	return class == sniffText && bodyformat.Compressed(contentEncoding) && bodyformat.KnownBinary(contentType)
}

// mediaType returns the lower-case media type of a Content-Type value,
// without parameters, or "" when there is none.
func mediaType(contentType string) string {
	if contentType == "" {
		return ""
	}
	if mt, _, err := mime.ParseMediaType(contentType); err == nil {
		return mt
	}
	mt, _, _ := strings.Cut(contentType, ";")
	return strings.ToLower(strings.TrimSpace(mt))
}

// namesType reports whether a Content-Type value names a media type, a
// type and a subtype (image/png), not an empty or blank value or
// parameters alone.
func namesType(contentType string) bool {
	typ, sub, ok := strings.Cut(mediaType(contentType), "/")
	return ok && typ != "" && sub != ""
}

// isEventStream reports whether a Content-Type is text/event-stream.
func isEventStream(contentType string) bool {
	return mediaType(contentType) == "text/event-stream"
}

// isLineStream reports the JSON-lines types that APIs stream (an LLM's
// answer, a log tail): sent without a length, they are redacted line by
// line like Incremental responses instead of being buffered.
func isLineStream(contentType string) bool {
	switch mediaType(contentType) {
	case "application/x-ndjson", "application/jsonl", "application/json-seq", "application/stream+json":
		return true
	}
	return false
}

// isDataStream reports a data stream (the Vercel AI SDK's data stream
// protocol: plain text, one part a line, marked X-Vercel-AI-Data-Stream):
// an LLM's answer, redacted line by line like JSON lines when sent
// without a length, each line read as the JSON value after its type code.
func isDataStream(hdr http.Header) bool {
	mt := mediaType(bodyformat.ContentType(hdr))
	return hdr.Get("X-Vercel-AI-Data-Stream") != "" && (mt == "text/plain" || mt == "")
}

// streamable reports whether a response marked "Incremental: ?1" can be
// redacted as it flows: server-sent events, JSON lines, and plain text or
// JSON in UTF-8, read event by event or line by line (each line read as
// text is: escapes and exponent numbers decoded). Markup and other
// charsets are read whole, as their receivers read them, so such a
// response is buffered like any other.
func streamable(hdr http.Header) bool {
	ct := bodyformat.ContentType(hdr)
	if isEventStream(ct) || isLineStream(ct) {
		return utf8Charset(ct)
	}
	mt, _, err := mime.ParseMediaType(ct)
	if ct != "" && err != nil {
		return false
	}
	textual := ct == "" || mt == "text/plain" || mt == "application/json" || strings.HasSuffix(mt, "+json")
	return textual && utf8Charset(ct)
}

// utf8Charset reports whether a Content-Type declares no charset, UTF-8
// or US-ASCII: a stream in another (UTF-16 JSON lines) cannot be read
// line by line as bytes, and is read whole in its charset instead.
func utf8Charset(ct string) bool {
	if ct == "" {
		return true
	}
	_, params, err := mime.ParseMediaType(ct)
	if err != nil {
		return false
	}
	switch strings.ToLower(strings.TrimSpace(params["charset"])) {
	case "", "utf-8", "utf8", "us-ascii":
		return true
	}
	return false
}

// unlabelled reports whether a Content-Type declares no charset: a
// browser may then show the body in its locale's legacy charset (GBK,
// Big5, Shift_JIS), and a stream is read in those too.
func unlabelled(ct string) bool {
	_, params, _ := mime.ParseMediaType(ct)
	return strings.TrimSpace(params["charset"]) == ""
}

// declaredLength returns the Content-Length of a header, or -1.
func declaredLength(h http.Header) int64 {
	v := h.Get("Content-Length")
	if v == "" {
		return -1
	}
	n, err := strconv.ParseInt(strings.TrimSpace(v), 10, 64)
	if err != nil || n < 0 {
		return -1
	}
	return n
}

// bodyAllowed reports whether a response to r with this status has a
// body (RFC 9110 §6.4.1). Only a 2xx to a CONNECT that opens a tunnel
// (bodyformat.OpensTunnel) starts one; a 2xx to "CONNECT /path" is an
// ordinary answer with a body, as Go's server and reverse_proxy carry it.
func bodyAllowed(r *http.Request, status int) bool {
	switch {
	case r.Method == http.MethodHead:
		return false
	case status >= 100 && status <= 199, status == http.StatusNoContent, status == http.StatusNotModified:
		return false
	case status >= 200 && status <= 299 && bodyformat.OpensTunnel(r):
		return false
	}
	return true
}

// integrityHeaders describe the exact bytes of a body; they are wrong once
// the body changes.
var integrityHeaders = []string{"Content-MD5", "Content-Digest", "Repr-Digest", "Digest"}

// upstreamRequest returns the request to send on when responses are
// inspected: it asks for an identity-encoded, whole representation, so no
// compressed body and no partial slice comes back. The header map is
// cloned, so the client's original headers stay as they were.
func upstreamRequest(r *http.Request) *http.Request {
	r2 := r.WithContext(r.Context())
	r2.Header = r.Header.Clone()
	if r2.Header == nil {
		r2.Header = make(http.Header)
	}
	r2.Header.Set("Accept-Encoding", "identity")
	r2.Header.Del("Range")
	r2.Header.Del("If-Range")
	return r2
}

// rewrittenHeaders fixes the representation headers of a body that was
// rewritten: its coding is now encoding, the integrity headers and any
// byte ranges no longer apply, and a strong ETag becomes weak (the
// representation is equivalent, not byte-identical). Content-Length is
// set by the caller, which knows the new length.
func rewrittenHeaders(h http.Header, encoding string) {
	if encoding == "" {
		h.Del("Content-Encoding")
	} else {
		h.Set("Content-Encoding", encoding)
	}
	for _, k := range integrityHeaders {
		h.Del(k)
	}
	h.Del("Accept-Ranges")
	h.Del("Content-Range")
	weakenETag(h)
}

// weakenETag turns a strong ETag into a weak one.
func weakenETag(h http.Header) {
	if et := h.Get("ETag"); et != "" && !strings.HasPrefix(et, "W/") {
		h.Set("ETag", "W/"+et)
	}
}

// refusalClears are the headers an upstream (or an earlier handler) may
// have set that must not go out with a refusal: they describe a body that
// is not sent, or carry state from it.
var refusalClears = []string{
	"Content-Length", "Content-Encoding", "Content-Type", "Content-Range",
	"Content-Language", "Content-Location", "Content-Disposition",
	"Content-MD5", "Content-Digest", "Repr-Digest", "Digest",
	"ETag", "Last-Modified", "Expires", "Accept-Ranges", "Cache-Control",
	"Set-Cookie", "Location", "Refresh", "Link", "Trailer", "Incremental",
}

// clearForRefusal removes the headers in refusalClears.
func clearForRefusal(h http.Header) {
	for _, k := range refusalClears {
		h.Del(k)
	}
}

// bodyHeaders are cleared when a buffered response is dropped because the
// next handler failed: the error response must not inherit them.
var bodyHeaders = []string{
	"Content-Length", "Content-Encoding", "Content-Range", "ETag",
	"Content-MD5", "Content-Digest", "Repr-Digest", "Digest", "Accept-Ranges",
}

// clearBodyHeaders removes the headers in bodyHeaders.
func clearBodyHeaders(h http.Header) {
	for _, k := range bodyHeaders {
		h.Del(k)
	}
}
