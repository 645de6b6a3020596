package matcher

import (
	"net/http"

	"github.com/piifilter/caddy-pii-filter/bodyformat"
)

// sniffLen is how many leading bytes decide whether an untyped body is
// text, as in http.DetectContentType and bodyformat.
const sniffLen = 512

// scanBody returns the categories in the request body, inspecting it
// through bodyformat at most once per request, engine and max_body (see
// bodyState). A body whose type is not text by name is read as far as
// its head when it is not compressed, and further only when that is text
// (see bodyformat.IsText) or its type names no binary format (untyped,
// application/octet-stream: bodyformat reads a binary body for the form
// fields a parser reads in it, as pii_filter's binary screen does); one
// of a binary type (image/png) is not read further. A body over
// max_body, one that fails to arrive and one bodyformat cannot decode are
// errors, and so is a body labelled with several differing Content-Type
// values (bodyformat.SeveralContentTypes: the upstream may read it by
// another than the one inspected).
func (m *MatchPII) scanBody(r *http.Request) (found, error) {
	if !bodyformat.HasRequestBody(r) {
		return found{}, nil
	}
	if bodyformat.SeveralContentTypes(r.Header) {
		return found{}, uninspectable(errSeveralTypes)
	}
	ct := bodyformat.ContentType(r.Header)
	byName := bodyformat.IsText(ct, nil)

	if byName && r.ContentLength > m.cfg.maxBody {
		return found{}, tooLarge(m.cfg.maxBody) // a sniffed body is judged by its head first
	}
	s := stateFor(r)
	s.mu.Lock()
	defer s.mu.Unlock()
	key := verdictKey{cats: m.engine.Enabled(), maxBody: m.cfg.maxBody}
	v, ok := s.verdicts[key]
	if !ok {
		v = m.inspectBody(r, s, ct, !byName)
		s.verdicts[key] = v
	}
	return v.found, v.err
}

// inspectBody reads the body into s as far as max_body allows and
// inspects it. An untyped, uncompressed body is first read as far as its
// head, and is not read further when the head is not text and its type
// names a binary format. Callers hold s.mu.
func (m *MatchPII) inspectBody(r *http.Request, s *bodyState, ct string, sniff bool) verdict {
	ce := bodyformat.ContentCoding(r.Header)
	if sniff && ce == "" {
		err := s.fill(sniffLen, r.ContentLength)
		r.Header.Del("Expect") // the 100 Continue went out with the first read
		if err != nil {
			return verdict{err: fillError(err)}
		}
		if !bodyformat.IsText(ct, s.buf[:min(len(s.buf), sniffLen)]) && bodyformat.KnownBinary(ct) {
			return verdict{}
		}
	}
	if r.ContentLength > m.cfg.maxBody {
		return verdict{err: tooLarge(m.cfg.maxBody)}
	}
	err := s.fill(m.cfg.maxBody+1, r.ContentLength)
	r.Header.Del("Expect")
	if err != nil {
		return verdict{err: fillError(err)}
	}
	if int64(len(s.buf)) > m.cfg.maxBody {
		return verdict{err: tooLarge(m.cfg.maxBody)}
	}
	res, err := inspect(m.engine, s.buf, ct, ce, m.limits(r.Context(), s.lease))
	if err != nil {
		return verdict{err: inspectError(err)}
	}
	return verdict{found: resultFound(res)}
}
