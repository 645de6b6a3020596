package piiapp

import (
	"github.com/caddyserver/caddy/v2"
	"github.com/caddyserver/caddy/v2/caddyconfig"
	"github.com/caddyserver/caddy/v2/caddyconfig/caddyfile"
	"github.com/caddyserver/caddy/v2/caddyconfig/httpcaddyfile"

	"github.com/piifilter/caddy-pii-filter/internal/caddyfileargs"
)

func init() {
	httpcaddyfile.RegisterGlobalOption("pii", parseGlobalOption)
}

// parseGlobalOption sets up the pii app from the global options block:
//
//	{
//	    pii {
//	        key_file        <path>
//	        memory_budget   <size>
//	        memory_wait     <duration>
//	        store           memory | redis <addr> {
//	            password <pw>
//	            db       <n>
//	            prefix   <key prefix>
//	            tls
//	        }
//	        campaign        <clients> <window> [protect <ttl>]
//	        campaign_client <placeholder>
//	    }
//	}
func parseGlobalOption(d *caddyfile.Dispenser, existing any) (any, error) {
	app := new(App)
	if existing != nil {
		return nil, d.Err("pii: the global option may be given once")
	}
	if err := app.UnmarshalCaddyfile(d); err != nil {
		return nil, err
	}
	return httpcaddyfile.App{Name: "pii", Value: caddyconfig.JSON(app, nil)}, nil
}

// UnmarshalCaddyfile sets up the app from the tokens of the pii global
// option.
func (a *App) UnmarshalCaddyfile(d *caddyfile.Dispenser) error {
	d.Next() // consume the option name
	if d.NextArg() {
		return d.ArgErr()
	}
	for d.NextBlock(0) {
		switch opt := d.Val(); opt {
		case "key_file":
			v, err := caddyfileargs.One(d)
			if err != nil {
				return err
			}
			a.KeyFile = v
		case "memory_budget":
			n, err := caddyfileargs.Size(d, "pii memory_budget", "160MiB")
			if err != nil {
				return err
			}
			a.MemoryBudget = n
		case "memory_wait":
			v, err := caddyfileargs.One(d)
			if err != nil {
				return err
			}
			wait, err := caddy.ParseDuration(v)
			if err != nil || wait <= 0 {
				return d.Errf("pii memory_wait: %q is not a duration such as 5s or 500ms", v)
			}
			a.MemoryWait = caddy.Duration(wait)
		case "store":
			if a.Store != nil {
				return d.Err("pii: store already specified")
			}
			st, err := parseStore(d)
			if err != nil {
				return err
			}
			a.Store = st
		case "campaign":
			if a.Campaign != nil {
				return d.Err("pii: campaign already specified")
			}
			c, err := parseCampaign(d)
			if err != nil {
				return err
			}
			a.Campaign = c
		case "campaign_client":
			v, err := caddyfileargs.One(d)
			if err != nil {
				return err
			}
			a.CampaignClient = v
		default:
			return d.Errf("pii: unknown option %q (valid: key_file, memory_budget, memory_wait, store, campaign, campaign_client)", opt)
		}
	}
	return nil
}

// Interface guard
var _ caddyfile.Unmarshaler = (*App)(nil)
