package matcher

import (
	"strconv"

	"github.com/caddyserver/caddy/v2/caddyconfig/caddyfile"

	"github.com/piifilter/caddy-pii-filter/detect"
	"github.com/piifilter/caddy-pii-filter/internal/caddyfileargs"
)

// UnmarshalCaddyfile sets up the matcher from Caddyfile tokens. Syntax:
//
//	pii [<category...>]
//
//	pii [<category...>] {
//	    in       query|body|headers|path ...
//	    header   <name...>
//	    detect   <category...>
//	    min      <n>
//	    max_body <size>
//	}
//
// Categories after pii, like detect, restrict the categories that count
// (default: all). in names where to look (default: query body); header
// names the headers searched and adds headers to in (with in headers and
// no header line, every header is searched). min is how many distinct
// categories must be present (default 1). max_body is the largest body
// read (default 1MiB); a larger one is an error (413), not a non-match.
// detect and header may be repeated, and so may the pii matcher itself
// within one named matcher: the lines add up.
func (m *MatchPII) UnmarshalCaddyfile(d *caddyfile.Dispenser) error {
	// Repeated matchers of one name arrive joined: pii … pii …
	for d.Next() {
		for d.NextArg() {
			c, err := detect.ParseCategory(d.Val())
			if err != nil {
				return d.Errf("pii: %v", err)
			}
			m.Detect = append(m.Detect, c)
		}
		for d.NextBlock(0) {
			if err := m.unmarshalOption(d); err != nil {
				return err
			}
		}
	}
	return nil
}

// unmarshalOption reads one subdirective of the pii block.
func (m *MatchPII) unmarshalOption(d *caddyfile.Dispenser) error {
	opt := d.Val()
	switch opt {
	case "in":
		args := d.RemainingArgs()
		if len(args) == 0 {
			return d.ArgErr()
		}
		for _, a := range args {
			switch a {
			case SourceQuery, SourceBody, SourceHeaders, SourcePath:
				m.In = append(m.In, a)
			default:
				return d.Errf("pii in: unknown place %q (valid: query, body, headers, path)", a)
			}
		}

	case "header":
		args := d.RemainingArgs()
		if len(args) == 0 {
			return d.ArgErr()
		}
		m.Headers = append(m.Headers, args...)

	case "detect":
		cats, err := caddyfileargs.Categories(d, "pii detect")
		if err != nil {
			return err
		}
		m.Detect = append(m.Detect, cats...)

	case "min":
		v, err := caddyfileargs.One(d)
		if err != nil {
			return err
		}
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			return d.Errf("pii min: %q is not a count of categories (1 or more)", v)
		}
		m.Min = n

	case "max_body":
		size, err := caddyfileargs.Size(d, "pii max_body", "1MiB")
		if err != nil {
			return err
		}
		m.MaxBody = size

	default:
		return d.Errf("unrecognized pii subdirective '%s'", opt)
	}
	return nil
}
