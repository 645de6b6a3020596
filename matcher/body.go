package matcher

import (
	"net/http"

	"github.com/piifilter/caddy-pii-filter/bodyformat"
	"github.com/piifilter/caddy-pii-filter/detect"
)

// sniffLen is how many leading bytes decide whether an untyped body is
// text, as in http.DetectContentType and bodyformat.
const sniffLen = 512

// textProbe is a head that is text: bodyformat.IsText(ct, textProbe) is
// true exactly for the types that are text by name or by their bytes, and
// false for the types that are never inspected (images, archives, …).
var textProbe = []byte("text")

// scanBody returns the categories in the request body, inspecting it
// through bodyformat at most once per request, engine and max_body (see
// bodyState). Bodies of a non-text type are not read. A body over
// max_body, one that fails to arrive and one bodyformat cannot decode are
// errors.
func (m *MatchPII) scanBody(r *http.Request) (detect.CategorySet, error) {
	if !bodyformat.HasRequestBody(r) {
		return 0, nil
	}
	ct := r.Header.Get("Content-Type")
	byName := bodyformat.IsText(ct, nil)
	if !byName && !bodyformat.IsText(ct, textProbe) {
		return 0, nil
	}
	if r.ContentLength > m.cfg.maxBody {
		return 0, tooLarge(m.cfg.maxBody)
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
	return v.cats, v.err
}

// inspectBody reads the body into s as far as max_body allows and
// inspects it. An untyped, uncompressed body is first read as far as its
// head, and is not read further when the head is not text. Callers hold
// s.mu.
func (m *MatchPII) inspectBody(r *http.Request, s *bodyState, ct string, sniff bool) verdict {
	ce := bodyformat.ContentCoding(r.Header)
	if sniff && ce == "" {
		err := s.fill(sniffLen, r.ContentLength)
		r.Header.Del("Expect") // the 100 Continue went out with the first read
		if err != nil {
			return verdict{err: readError(err)}
		}
		if !bodyformat.IsText(ct, s.buf[:min(len(s.buf), sniffLen)]) {
			return verdict{}
		}
	}
	err := s.fill(m.cfg.maxBody+1, r.ContentLength)
	r.Header.Del("Expect")
	if err != nil {
		return verdict{err: readError(err)}
	}
	if int64(len(s.buf)) > m.cfg.maxBody {
		return verdict{err: tooLarge(m.cfg.maxBody)}
	}
	res, err := inspect(m.engine, s.buf, ct, ce, m.limits())
	if err != nil {
		return verdict{err: inspectError(err)}
	}
	return verdict{cats: res.Summary.Categories}
}
