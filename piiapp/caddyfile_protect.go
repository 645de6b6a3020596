package piiapp

import (
	"strconv"

	"github.com/caddyserver/caddy/v2"
	"github.com/caddyserver/caddy/v2/caddyconfig/caddyfile"
)

// parseStore reads the store option:
//
//	store memory
//	store redis <addr> {
//	    password <pw>
//	    db       <n>
//	    prefix   <key prefix>
//	    tls
//	}
func parseStore(d *caddyfile.Dispenser) (*StoreConfig, error) {
	args := d.RemainingArgs()
	if len(args) == 0 {
		return nil, d.ArgErr()
	}
	st := &StoreConfig{Type: args[0]}
	switch {
	case args[0] == storeMemory && len(args) == 1:
		if d.NextBlock(d.Nesting()) {
			return nil, d.Err("pii: store memory takes no options")
		}
		return st, nil
	case args[0] == storeRedis && len(args) == 2:
		st.Address = args[1]
	case args[0] == storeMemory || args[0] == storeRedis:
		return nil, d.ArgErr()
	default:
		return nil, d.Errf("pii: store: unknown type %q (valid: memory, redis <addr>)", args[0])
	}
	for nesting := d.Nesting(); d.NextBlock(nesting); {
		switch opt := d.Val(); opt {
		case "password", "prefix":
			if !d.NextArg() {
				return nil, d.ArgErr()
			}
			if opt == "password" {
				st.Password = d.Val()
			} else {
				st.Prefix = d.Val()
			}
		case "db":
			if !d.NextArg() {
				return nil, d.ArgErr()
			}
			n, err := strconv.Atoi(d.Val())
			if err != nil || n < 0 {
				return nil, d.Errf("pii: store db %q: want a database number", d.Val())
			}
			st.DB = n
		case "tls":
			st.TLS = true
		default:
			return nil, d.Errf("pii: store: unknown option %q (valid: password, db, prefix, tls)", opt)
		}
		if d.NextArg() {
			return nil, d.ArgErr()
		}
	}
	return st, nil
}

// parseCampaign reads the campaign option:
//
//	campaign <clients> <window> [protect <ttl>] {
//	    client_prefix <ipv4 bits> <ipv6 bits>   # default 32 64
//	    max_alerts    <count> <interval>        # default 1000 1h; 0: no cap
//	    max_protects  <count> <interval>        # default 100 1h; 0: no cap
//	}
func parseCampaign(d *caddyfile.Dispenser) (*CampaignConfig, error) {
	args := d.RemainingArgs()
	if len(args) != 2 && !(len(args) == 4 && args[2] == "protect") {
		return nil, d.Err("pii: campaign: want <clients> <window> [protect <ttl>], e.g. campaign 5 1h protect 720h")
	}
	n, err := strconv.Atoi(args[0])
	if err != nil {
		return nil, d.Errf("pii: campaign clients %q: want a number", args[0])
	}
	c := &CampaignConfig{Clients: n}
	w, err := caddy.ParseDuration(args[1])
	if err != nil {
		return nil, d.Errf("pii: campaign window %q: %v", args[1], err)
	}
	c.Window = caddy.Duration(w)
	if len(args) == 4 {
		p, err := caddy.ParseDuration(args[3])
		if err != nil {
			return nil, d.Errf("pii: campaign protect %q: %v", args[3], err)
		}
		c.Protect = caddy.Duration(p)
	}
	for nesting := d.Nesting(); d.NextBlock(nesting); {
		switch opt := d.Val(); opt {
		case "client_prefix":
			bits := d.RemainingArgs()
			if len(bits) != 2 {
				return nil, d.Err("pii: campaign client_prefix: want <ipv4 bits> <ipv6 bits>, e.g. client_prefix 32 64")
			}
			v4, err4 := strconv.Atoi(bits[0])
			v6, err6 := strconv.Atoi(bits[1])
			if err4 != nil || err6 != nil {
				return nil, d.Errf("pii: campaign client_prefix %q %q: want two numbers of bits", bits[0], bits[1])
			}
			if err := validatePrefixes(v4, v6); err != nil {
				return nil, d.Errf("pii: %v", err)
			}
			c.IPv4Prefix, c.IPv6Prefix = v4, v6
		case "max_alerts", "max_protects":
			rc, err := parseRateCap(d, opt)
			if err != nil {
				return nil, err
			}
			if opt == "max_alerts" {
				c.MaxAlerts = rc
			} else {
				c.MaxProtects = rc
			}
		default:
			return nil, d.Errf("pii: campaign: unknown option %q (valid: client_prefix, max_alerts, max_protects)", opt)
		}
	}
	if err := c.validate(); err != nil {
		return nil, d.Errf("pii: %v", err)
	}
	return c, nil
}

// parseRateCap reads "<count> <interval>" (or "0": no cap) after opt.
func parseRateCap(d *caddyfile.Dispenser, opt string) (*RateCap, error) {
	args := d.RemainingArgs()
	if len(args) == 1 && args[0] == "0" {
		return &RateCap{}, nil
	}
	if len(args) != 2 {
		return nil, d.Errf("pii: campaign %s: want <count> <interval>, e.g. %s 100 1h (or 0: no cap)", opt, opt)
	}
	n, err := strconv.Atoi(args[0])
	if err != nil {
		return nil, d.Errf("pii: campaign %s count %q: want a number", opt, args[0])
	}
	per, err := caddy.ParseDuration(args[1])
	if err != nil {
		return nil, d.Errf("pii: campaign %s interval %q: %v", opt, args[1], err)
	}
	rc := &RateCap{Count: n, Per: caddy.Duration(per)}
	if err := rc.validate(opt); err != nil {
		return nil, d.Errf("pii: %v", err)
	}
	return rc, nil
}
