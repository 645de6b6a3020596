package matcher

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"github.com/caddyserver/caddy/v2/modules/caddyhttp"

	"github.com/piifilter/caddy-pii-filter/bodyformat"
	"github.com/piifilter/caddy-pii-filter/detect"
	"github.com/piifilter/caddy-pii-filter/internal/fieldtext"
	"github.com/piifilter/caddy-pii-filter/internal/membudget"
)

// formType is the media type the query string is read as: the same
// percent-decoding and field-name hints as a form body.
const formType = "application/x-www-form-urlencoded"

// scanPath returns the categories in the decoded URL path.
func (m *MatchPII) scanPath(r *http.Request) found {
	if r.URL == nil || r.URL.Path == "" {
		return found{}
	}
	cats, protected := categories(m.engine, []byte(r.URL.Path), 0)
	return found{cats, protected}
}

// scanQuery returns the categories in the query string, read by bodyformat
// as a form: values percent-decoded, field names as hints (idCard=… hints
// cn_id), JSON inside a value walked as JSON.
func (m *MatchPII) scanQuery(r *http.Request) (found, error) {
	if r.URL == nil || r.URL.RawQuery == "" {
		return found{}, nil
	}
	res, err := inspect(m.engine, []byte(r.URL.RawQuery), formType, "", bodyformat.Limits{Context: r.Context()})
	if err != nil {
		return found{}, caddyhttp.Error(http.StatusBadRequest, fmt.Errorf("pii matcher: query string cannot be inspected: %w", err))
	}
	return resultFound(res), nil
}

// scanHeaders returns the categories in the header values searched: the
// headers named by the headers option, or all of them and the host. Each value is
// percent-decoded when it decodes and hinted by its header name; a Cookie
// header is split into its cookies, each hinted by its own name. A host
// that cannot be read is an error (400), as a query string is.
func (m *MatchPII) scanHeaders(r *http.Request) (found, error) {
	var f found
	var failed error
	scan := func(name string, values []string) {
		hint := bodyformat.HintForKey(name)
		for _, v := range values {
			var vf found
			var err error
			if name == "Cookie" {
				vf, err = m.scanCookies(v)
			} else {
				vf, err = m.scanValue(v, hint)
			}
			f.add(vf)
			if failed == nil {
				failed = err
			}
		}
	}
	if len(m.cfg.headerNames) > 0 {
		for _, name := range m.cfg.headerNames {
			if name == "Host" {
				h, err := m.scanHost(r)
				if err != nil {
					return found{}, err
				}
				f.add(h)
				continue
			}
			scan(name, r.Header[name])
		}
		return f, failed
	}
	for name, values := range r.Header {
		scan(name, values)
	}
	if failed != nil {
		return found{}, failed
	}
	h, err := m.scanHost(r)
	if err != nil {
		return found{}, err
	}
	f.add(h)
	return f, nil
}

// scanHost returns the categories in the request's host (r.Host: the Host
// field, which Go's server keeps out of r.Header, HTTP/2's :authority),
// read as pii_filter reads it (fieldtext.RedactHost: as text, its digits
// alone, punycode labels decoded).
func (m *MatchPII) scanHost(r *http.Request) (found, error) {
	var failed error
	_, fs := fieldtext.RedactHost(func(text []byte, hint detect.CategorySet) []detect.Finding {
		fs, err := findText(m.engine, text, hint)
		if failed == nil {
			failed = err
		}
		return fs
	}, r.Host)
	if failed != nil {
		return found{}, caddyhttp.Error(http.StatusBadRequest, fmt.Errorf("pii matcher: host cannot be inspected: %w", failed))
	}
	return findingsFound(fs), nil
}

// findingsFound returns the categories of fs, and whether one of them is
// a protected identifier's.
func findingsFound(fs []detect.Finding) found {
	var f found
	for _, x := range fs {
		f.cats = f.cats.With(x.Category)
		f.protected = f.protected || x.Evidence&detect.EvProtected != 0
	}
	return f
}

// scanCookies scans the cookies of one Cookie header value.
func (m *MatchPII) scanCookies(v string) (found, error) {
	var f found
	for pair := range strings.SplitSeq(v, ";") {
		name, val, ok := strings.Cut(strings.TrimSpace(pair), "=")
		if !ok {
			val, name = name, ""
		}
		vf, err := m.scanValue(val, bodyformat.HintForKey(name))
		if err != nil {
			return found{}, err
		}
		f.add(vf)
	}
	return f, nil
}

// scanValue scans one value, percent-decoded when it holds escapes that
// decode, in every reading pii_filter reads a header field in
// (bodyformat.FindText: escapes, base64, a compressed blob in base64…);
// a value no reading can read whole is an error (400), as the host is.
func (m *MatchPII) scanValue(v string, hint detect.CategorySet) (found, error) {
	if strings.IndexByte(v, '%') >= 0 {
		if dec, err := url.PathUnescape(v); err == nil {
			v = dec
		}
	}
	if v == "" {
		return found{}, nil
	}
	fs, err := findText(m.engine, []byte(v), hint)
	if err != nil {
		return found{}, caddyhttp.Error(http.StatusBadRequest, fmt.Errorf("pii matcher: a header value cannot be inspected: %w", err))
	}
	return findingsFound(fs), nil
}

// limits are the bodyformat limits for a body of at most max_body bytes,
// decoded or not, inspected for a request whose context is ctx, charging
// its memory to lease. The matcher needs only the categories: one
// finding is fingerprinted and kept, the others only counted.
func (m *MatchPII) limits(ctx context.Context, lease *membudget.Lease) bodyformat.Limits {
	return bodyformat.Limits{MaxDecoded: m.cfg.maxBody, Context: ctx, Memory: lease, Samples: 1, SamplesOnly: true}
}
