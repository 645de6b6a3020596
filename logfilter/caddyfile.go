package logfilter

import (
	"github.com/caddyserver/caddy/v2/caddyconfig/caddyfile"

	"github.com/piifilter/caddy-pii-filter/detect"

	"github.com/piifilter/caddy-pii-filter/internal/caddyfileargs"
)

// UnmarshalCaddyfile sets up the filter from Caddyfile tokens. Syntax, as
// the filter of a field in a filter log encoder:
//
//	<field> pii [mask partial|full|label|hash] [detect <category...>] [drop <member...>]
//
//	<field> pii {
//	    mask   partial|full|label|hash
//	    detect <category...>
//	    drop   <member...>
//	}
//
// mask defaults to partial and detect to every category; drop names the
// members of an object field left out (Filter.Drop). On the line, detect
// and drop take the arguments up to the next option; in the block, they
// may be repeated and add up.
func (f *Filter) UnmarshalCaddyfile(d *caddyfile.Dispenser) error {
	d.Next() // consume filter name
	args := d.RemainingArgs()
	for i := 0; i < len(args); i++ {
		switch args[i] {
		case "mask":
			if i+1 >= len(args) {
				return d.Errf("pii mask: missing style (partial, full, label or hash)")
			}
			i++
			if err := f.setMask(d, args[i]); err != nil {
				return err
			}
		case "detect":
			n := 0
			for i+1 < len(args) && !lineOption(args[i+1]) {
				i++
				n++
				if err := f.addCategory(d, args[i]); err != nil {
					return err
				}
			}
			if n == 0 {
				return d.Errf("pii detect: missing category")
			}
		case "drop":
			n := 0
			for i+1 < len(args) && !lineOption(args[i+1]) {
				i++
				n++
				f.Drop = append(f.Drop, args[i])
			}
			if n == 0 {
				return d.Errf("pii drop: missing member name")
			}
		default:
			return d.Errf("pii: unknown option %q (valid: mask, detect, drop)", args[i])
		}
	}
	for d.NextBlock(0) {
		switch opt := d.Val(); opt {
		case "mask":
			if !d.NextArg() {
				return d.ArgErr()
			}
			if err := f.setMask(d, d.Val()); err != nil {
				return err
			}
			if d.NextArg() {
				return d.ArgErr()
			}
		case "detect":
			cats, err := caddyfileargs.Categories(d, "pii detect")
			if err != nil {
				return err
			}
			f.Detect = append(f.Detect, cats...)
		case "drop":
			names := d.RemainingArgs()
			if len(names) == 0 {
				return d.ArgErr()
			}
			f.Drop = append(f.Drop, names...)
		default:
			return d.Errf("unrecognized pii subdirective '%s'", opt)
		}
	}
	return nil
}

// setMask checks a mask style and sets it.
func (f *Filter) setMask(d *caddyfile.Dispenser, v string) error {
	if v == "" {
		return d.Errf("pii mask: empty style (valid: partial, full, label, hash)")
	}
	m, err := detect.ParseMaskStyle(v)
	if err != nil {
		return d.Errf("pii mask: %v", err)
	}
	f.Mask = string(m)
	return nil
}

// addCategory checks a category name and adds it to Detect.
func (f *Filter) addCategory(d *caddyfile.Dispenser, v string) error {
	c, err := detect.ParseCategory(v)
	if err != nil {
		return d.Errf("pii detect: %v", err)
	}
	f.Detect = append(f.Detect, c)
	return nil
}

// lineOption reports whether arg starts an option on the line.
func lineOption(arg string) bool {
	return arg == "mask" || arg == "detect" || arg == "drop"
}
