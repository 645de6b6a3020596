package caddymodule

import (
	"strconv"

	"github.com/caddyserver/caddy/v2"
	"github.com/caddyserver/caddy/v2/caddyconfig/caddyfile"
	"github.com/caddyserver/caddy/v2/caddyconfig/httpcaddyfile"
	"github.com/caddyserver/caddy/v2/modules/caddyhttp"

	"github.com/piifilter/caddy-pii-filter/detect"
	"github.com/piifilter/caddy-pii-filter/internal/caddyfileargs"
)

func init() {
	httpcaddyfile.RegisterHandlerDirective("pii_filter", parseCaddyfile)
	// Inside encode: the filter sees uncompressed bytes and encode
	// compresses its output; outside every handler that writes a body.
	httpcaddyfile.RegisterDirectiveOrder("pii_filter", httpcaddyfile.After, "encode")
}

// parseCaddyfile sets up the handler from Caddyfile tokens.
func parseCaddyfile(h httpcaddyfile.Helper) (caddyhttp.MiddlewareHandler, error) {
	m := new(Handler)
	if err := m.UnmarshalCaddyfile(h.Dispenser); err != nil {
		return nil, err
	}
	return m, nil
}

// UnmarshalCaddyfile sets up the handler from Caddyfile tokens. Syntax:
//
//	pii_filter [<matcher>] [redact|reject|log] {
//	    request  redact|reject|log|off
//	    response redact|reject|log|off
//	    dossier  <n>
//	    detect   <category...>
//	    ignore   <category...>
//	    mask     partial|full|label|hash
//	    types    <media-type...>
//	    max_body <size>
//	    work_budget <size>
//	    oversize reject|pass
//	    on_error reject|pass
//	    status   <code>
//	    key_file <path>
//	    websocket inspect|pass
//	    headers  inspect|pass
//	    cache    off | <entries> [<ttl>]
//	    cache_bytes <size>
//	}
//
// An action on the directive's line (pii_filter reject) is the action of
// both directions; request and response in the block override it.
// Every subdirective is optional and the block may be left out:
// request and response default to redact, dossier to 3 (0 turns the rule
// off), detect to every category, mask to partial, types to every
// text-like type (wildcards such as text/* and application/*+json are
// allowed), max_body to 8MiB (sizes such as 512KiB or 1MB), work_budget
// to 16 times max_body, oversize and
// on_error to reject, status to 403, key_file to a random key for each
// process, websocket to inspect (pass lets a WebSocket's messages
// through uninspected), and headers to inspect (pass leaves header fields
// and the request target unread). detect and ignore may be repeated; they add up.
//
// The verdict cache is on by default with 10000 entries kept for 5m
// (durations such as 90s or 1h) and 64MiB of verdicts at most;
// cache_bytes sets that size. cache off turns it off and takes no
// cache_bytes.
func (h *Handler) UnmarshalCaddyfile(d *caddyfile.Dispenser) error {
	d.Next() // consume directive name
	if err := h.unmarshalLineAction(d); err != nil {
		return err
	}
	for d.NextBlock(0) {
		opt := d.Val()
		switch opt {
		case "request", "response":
			v, err := caddyfileargs.One(d)
			if err != nil {
				return err
			}
			if _, err := parseAction(v); err != nil {
				return d.Errf("pii_filter %s: %v", opt, err)
			}
			if opt == "request" {
				h.Request = v
			} else {
				h.Response = v
			}

		case "dossier":
			v, err := caddyfileargs.One(d)
			if err != nil {
				return err
			}
			n, err := strconv.Atoi(v)
			if err != nil || n < 0 {
				return d.Errf("pii_filter dossier: %q is not a count of categories (0 turns the rule off)", v)
			}
			h.Dossier = &n

		case "detect", "ignore":
			cats, err := caddyfileargs.Categories(d, "pii_filter "+opt)
			if err != nil {
				return err
			}
			if opt == "detect" {
				h.Detect = append(h.Detect, cats...)
			} else {
				h.Ignore = append(h.Ignore, cats...)
			}

		case "mask":
			v, err := caddyfileargs.One(d)
			if err != nil {
				return err
			}
			m, err := detect.ParseMaskStyle(v)
			if err != nil {
				return d.Errf("pii_filter mask: %v", err)
			}
			h.Mask = string(m)

		case "types":
			args := d.RemainingArgs()
			if len(args) == 0 {
				return d.ArgErr()
			}
			for _, a := range args {
				p, err := parseTypePattern(a)
				if err != nil {
					return d.Errf("pii_filter types: %v", err)
				}
				h.Types = append(h.Types, p)
			}

		case "max_body":
			size, err := caddyfileargs.Size(d, "pii_filter max_body", "8MiB")
			if err != nil {
				return err
			}
			h.MaxBody = size

		case "work_budget":
			size, err := caddyfileargs.Size(d, "pii_filter work_budget", "128MiB")
			if err != nil {
				return err
			}
			h.WorkBudget = size

		case "oversize", "on_error":
			v, err := caddyfileargs.One(d)
			if err != nil {
				return err
			}
			if _, err := parseFailPolicy(v); err != nil {
				return d.Errf("pii_filter %s: %v", opt, err)
			}
			if opt == "oversize" {
				h.Oversize = v
			} else {
				h.OnError = v
			}

		case "status":
			v, err := caddyfileargs.One(d)
			if err != nil {
				return err
			}
			code, err := strconv.Atoi(v)
			if err != nil || code < 400 || code > 599 {
				return d.Errf("pii_filter status: %q is not a 4xx or 5xx status code", v)
			}
			h.Status = code

		case "websocket":
			v, err := caddyfileargs.One(d)
			if err != nil {
				return err
			}
			if _, err := parseWSAction(v); err != nil {
				return d.Errf("pii_filter websocket: %v", err)
			}
			h.WebSocket = v

		case "headers":
			v, err := caddyfileargs.One(d)
			if err != nil {
				return err
			}
			if _, err := parseFieldsAction(v); err != nil {
				return d.Errf("pii_filter headers: %v", err)
			}
			h.Headers = v

		case "key_file":
			v, err := caddyfileargs.One(d)
			if err != nil {
				return err
			}
			h.KeyFile = v

		case "cache":
			if err := parseCache(d, h); err != nil {
				return err
			}

		case "cache_bytes":
			size, err := caddyfileargs.Size(d, "pii_filter cache_bytes", "64MiB")
			if err != nil {
				return err
			}
			if h.Cache == nil {
				h.Cache = new(CacheConfig)
			}
			if h.Cache.Off {
				return d.Errf("pii_filter cache_bytes: the cache is off")
			}
			h.Cache.Bytes = size

		default:
			return d.Errf("unrecognized pii_filter subdirective '%s'", opt)
		}
	}
	return nil
}

// parseCache parses the arguments of the cache subdirective: off, or a
// count of entries and an optional TTL.
func parseCache(d *caddyfile.Dispenser, h *Handler) error {
	args := d.RemainingArgs()
	if len(args) == 0 || len(args) > 2 {
		return d.ArgErr()
	}
	if args[0] == "off" {
		if len(args) > 1 {
			return d.ArgErr()
		}
		if h.Cache != nil && h.Cache.Bytes != 0 {
			return d.Errf("pii_filter cache: off together with cache_bytes")
		}
		h.Cache = &CacheConfig{Off: true}
		return nil
	}
	n, err := strconv.Atoi(args[0])
	if err != nil || n <= 0 {
		return d.Errf("pii_filter cache: %q is neither off nor a count of entries", args[0])
	}
	c := &CacheConfig{Entries: n}
	if h.Cache != nil {
		c.Bytes = h.Cache.Bytes
	}
	if len(args) == 2 {
		ttl, err := caddy.ParseDuration(args[1])
		if err != nil || ttl <= 0 {
			return d.Errf("pii_filter cache: %q is not a duration such as 5m or 90s", args[1])
		}
		c.TTL = caddy.Duration(ttl)
	}
	h.Cache = c
	return nil
}

// lineActionHint says how to write what the directive's line cannot hold.
const lineActionHint = "the directive's line takes one action for both directions " +
	"(pii_filter redact, reject or log); set each direction, and every other option, " +
	"in a block after it, one a line (request reject, response redact)"

// unmarshalLineAction reads the one-line form, pii_filter <action>: the
// action of both directions, unless the block that follows sets request or
// response itself.
func (h *Handler) unmarshalLineAction(d *caddyfile.Dispenser) error {
	if !d.NextArg() {
		return nil
	}
	v := d.Val()
	if d.NextArg() {
		return d.Errf("pii_filter: unexpected %q after %q: %s", d.Val(), v, lineActionHint)
	}
	if a, err := parseAction(v); err != nil || a == actOff || v == "" {
		return d.Errf("pii_filter: %q is not an action here: %s", v, lineActionHint)
	}
	h.Request, h.Response = v, v
	return nil
}
