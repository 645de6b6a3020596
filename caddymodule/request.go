package caddymodule

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"

	"github.com/caddyserver/caddy/v2/modules/caddyhttp"
	"go.uber.org/zap"

	"github.com/piifilter/caddy-pii-filter/bodyformat"
	"github.com/piifilter/caddy-pii-filter/detect"
	"github.com/piifilter/caddy-pii-filter/internal/membudget"
)

// errSeveralTypes is the inspection error of a request body labelled with
// several differing Content-Type values (two lines, or a comma list): a
// server reads it by the first (Go's Header.Get, so ParseForm), others by
// the last, so no one reading is the one the receiver makes. It is
// refused as uninspectable (on_error; 400 by default).
var errSeveralTypes = fmt.Errorf("%w: several differing Content-Type values", bodyformat.ErrMalformed)

// filterRequest inspects the request body and applies the request action.
// fields is what the request's target and header fields held: the dossier
// rule judges them with the body. It reports done when it answered the
// request itself (a refusal); a non-nil error also ends the request.
// Otherwise r goes on to the next handler with either its original bytes
// or the redacted body; a body sent on unread has its trailer fields read
// when the next handler reads it to its end (trailerScreen).
func (h *Handler) filterRequest(w http.ResponseWriter, r *http.Request, lease *membudget.Lease, fields detect.Summary) (done bool, err error) {
	if !bodyformat.HasRequestBody(r) {
		return false, nil
	}
	if bodyformat.SeveralContentTypes(r.Header) && h.cfg.onErrorFor(dirRequest) != failPass {
		// which type the receiver reads it by is the receiver's choice
		return h.requestUninspectable(w, r, errSeveralTypes)
	}
	ct := bodyformat.ContentType(r.Header)
	class := h.classify(ct)
	if class == notText {
		h.screenTrailersAtEOF(r, fields)
		return false, nil
	}
	limit := h.cfg.maxBody

	// An untyped body is read as far as its first bytes, and sent on
	// beyond them if they are not text: unread when its type names a
	// binary format (image/png), else through the binary screen, which
	// reads it for form fields as it streams (binaryScreen). A compressed
	// one is read whole: bodyformat sniffs it once decompressed; so is one
	// that is a gzip file, a zlib stream, a zstd or LZ4 frame by its first
	// bytes with no Content-Encoding (CompressedFile: Inspect decompresses
	// it whatever its type says, the screen cannot), or raw deflate whose
	// head may inflate to text as Inspect reads raw deflate (DeflatedHead),
	// up to max_body. Past max_body such a body is refused as oversize
	// only when its whole head inflates to text (DeflatedText); one that
	// passes only Inspect's looser rule (one random upload in nine does)
	// goes through the binary screen (docs/threat-model.md).
	var head []byte
	looseDeflate := false // raw deflate by DeflatedHead only: screened past max_body
	if class == sniffText && bodyformat.ContentCoding(r.Header) == "" {
		if head, err = readBody(lease, r.Body, sniffLen, 0); err != nil {
			return h.requestUnread(w, r, err)
		}
		r.Header.Del("Expect") // the 100 Continue went out with the first read
		if !bodyformat.IsText(ct, head) {
			if bodyformat.KnownBinary(ct) || !bodyformat.CompressedFile(head) && !bodyformat.DeflatedHead(head) {
				return h.screenUntyped(w, r, head, ct, lease, fields)
			}
			looseDeflate = !bodyformat.CompressedFile(head) && !bodyformat.DeflatedText(head)
		}
	}

	if r.ContentLength > limit {
		if looseDeflate {
			return h.screenUntyped(w, r, head, ct, lease, fields)
		}
		if len(head) > 0 {
			r.Body = prefixedBody(head, r.Body)
		}
		return h.requestOversizeUnread(w, r, fields)
	}

	rest, err := readBody(lease, r.Body, limit+1-int64(len(head)), r.ContentLength)
	if err != nil {
		return h.requestUnread(w, r, err)
	}
	r.Header.Del("Expect")
	body := append(head, rest...)
	if int64(len(body)) > limit {
		if looseDeflate {
			return h.screenUntyped(w, r, body, ct, lease, fields)
		}
		r.Body = prefixedBody(body, r.Body)
		return h.requestOversizeUnread(w, r, fields)
	}
	// the body was read to its end: its trailer fields are in
	if len(r.Trailer) > 0 && h.cfg.request != actOff && h.cfg.headers == fieldsInspect {
		if fields, done, err = h.filterRequestFields(w, r, true, fields); done || err != nil {
			return done, err
		}
	}

	j, err := h.judge(dirRequest, body, ct, bodyformat.ContentCoding(r.Header), h.limits(r.Context(), lease))
	if err != nil {
		r.Body = prefixedBody(body, r.Body)
		switch {
		case errors.Is(err, bodyformat.ErrTooLarge):
			return h.requestOversize(w, r)
		case outOfMemory(err):
			return h.requestBusy(w, r)
		case canceled(err):
			return true, h.abandoned(dirRequest, err)
		}
		return h.requestUninspectable(w, r, err)
	}
	if j.kind == verdictClean {
		r.Body = prefixedBody(body, r.Body)
		return false, nil
	}

	h.observe(r, j.samples)
	inc := h.incidentFor(r, dirRequest, j)
	switch {
	case j.kind == verdictRefused || h.dossierWith(inc, fields): // a dossier split between the fields and the body too
		inc.Status = h.cfg.status
		return true, h.refuseRequest(w, r, inc)
	case j.kind == verdictRedacted:
		replaceBody(r, j.body, j.encoding)
		inc.Outcome = outRedacted
	default:
		r.Body = prefixedBody(body, r.Body)
		inc.Outcome = outLogged
	}
	h.report(r, inc)
	return false, nil
}

// screenUntyped sends on an untyped request body that is no text, read
// as far as read: unread when its type names a binary format, else
// through the binary screen; its trailer fields are read at its end.
func (h *Handler) screenUntyped(w http.ResponseWriter, r *http.Request, read []byte, ct string, lease *membudget.Lease, fields detect.Summary) (bool, error) {
	r.Body = prefixedBody(read, r.Body)
	if !bodyformat.KnownBinary(ct) {
		if err := h.screenBinary(r, lease, fields); err != nil {
			return h.requestUnread(w, r, err)
		}
	}
	h.screenTrailersAtEOF(r, fields)
	return false, nil
}

// requestOversize applies the oversize policy to a request body larger
// than max_body: 413, or on to the next handler as it is.
func (h *Handler) requestOversize(w http.ResponseWriter, r *http.Request) (bool, error) {
	countUninspected(dirRequest, skipOversize)
	if h.cfg.oversizeFor(dirRequest) == failPass {
		h.logger.Debug("request body larger than max_body passed uninspected",
			zap.Int64("max_body", h.cfg.maxBody), zap.Int64("content_length", r.ContentLength))
		return false, nil
	}
	inc := h.newIncident(r, dirRequest, nil)
	inc.Reason, inc.Status = reasonTooLarge, http.StatusRequestEntityTooLarge
	return true, h.refuseRequest(w, r, inc)
}

// requestOversizeUnread is requestOversize for a body not read to its
// end: one passed on has its trailer fields read at its end.
func (h *Handler) requestOversizeUnread(w http.ResponseWriter, r *http.Request, fields detect.Summary) (bool, error) {
	done, err := h.requestOversize(w, r)
	if !done && err == nil {
		h.screenTrailersAtEOF(r, fields)
	}
	return done, err
}

// requestUninspectable applies the on_error policy to a request body that
// could not be inspected (its inspection failed or panicked): 400, or on
// to the next handler as it is.
func (h *Handler) requestUninspectable(w http.ResponseWriter, r *http.Request, err error) (bool, error) {
	countUninspected(dirRequest, uninspectedReason(err))
	if h.cfg.onErrorFor(dirRequest) == failPass {
		h.passUninspected(r, dirRequest, err)
		return false, nil
	}
	inc := h.uninspectable(r, dirRequest, err)
	inc.Status = http.StatusBadRequest
	return true, h.refuseRequest(w, r, inc)
}

// replaceBody makes body, in the given content coding, the body of r:
// new reader, length, header, no transfer coding, integrity headers gone,
// original body closed.
func replaceBody(r *http.Request, body []byte, encoding string) {
	_ = r.Body.Close()
	r.Body = io.NopCloser(bytes.NewReader(body))
	r.ContentLength = int64(len(body))
	r.TransferEncoding = nil
	r.Header.Set("Content-Length", strconv.Itoa(len(body)))
	if encoding == "" {
		r.Header.Del("Content-Encoding")
	} else {
		r.Header.Set("Content-Encoding", encoding)
	}
	for _, k := range integrityHeaders {
		r.Header.Del(k)
	}
	r.GetBody = func() (io.ReadCloser, error) {
		return io.NopCloser(bytes.NewReader(body)), nil
	}
}

// requestUnread ends a request whose body could not be read: refused
// for want of memory (503), or the reading error (see readError).
func (h *Handler) requestUnread(w http.ResponseWriter, r *http.Request, err error) (bool, error) {
	if outOfMemory(err) {
		return h.requestBusy(w, r)
	}
	return true, readError(err)
}

// prefixedBody returns a body that yields prefix, then what is left of
// body, and closes body.
func prefixedBody(prefix []byte, body io.ReadCloser) io.ReadCloser {
	return struct {
		io.Reader
		io.Closer
	}{io.MultiReader(bytes.NewReader(prefix), body), body}
}

// readError maps an error reading the request body to the error the
// handler returns: a limit set by an earlier handler (request_body) is a
// 413, anything else (a client that went away) a 400.
func readError(err error) error {
	if he, ok := errors.AsType[caddyhttp.HandlerError](err); ok {
		return he
	}
	if _, ok := errors.AsType[*http.MaxBytesError](err); ok {
		return caddyhttp.Error(http.StatusRequestEntityTooLarge, err)
	}
	return caddyhttp.Error(http.StatusBadRequest, fmt.Errorf("pii_filter: reading request body: %w", err))
}

// errorClass names the kind of an inspection error for the log, without
// its text, which might quote the body.
func errorClass(err error) string {
	switch {
	case isPanic(err):
		return skipPanic
	case errors.Is(err, bodyformat.ErrTooLarge):
		return "too_large"
	case errors.Is(err, bodyformat.ErrEncoding):
		return "encoding"
	case errors.Is(err, bodyformat.ErrMalformed):
		return "malformed"
	case errors.Is(err, bodyformat.ErrWork):
		return skipWork
	case outOfMemory(err):
		return skipMemory
	case canceled(err):
		return skipCanceled
	}
	return "other"
}

// uninspectedReason is the uninspected_bodies_total reason of an
// inspection error.
func uninspectedReason(err error) string {
	switch c := errorClass(err); c {
	case "too_large":
		return skipOversize
	case skipEncoding, skipMalformed, skipPanic, skipWork, skipMemory, skipCanceled:
		return c
	}
	return skipOther
}
