// Package logfilter provides the pii log field filter for Caddy (module ID
// caddy.logging.encoders.filter.pii). It redacts personal information in
// the value of a log field with the detect engine's masks, so that an
// access log can keep URIs, referrers and cookies without the identifiers
// in them:
//
//	log {
//	    format filter {
//	        wrap json
//	        fields {
//	            request>uri              pii
//	            request>headers>Referer  pii
//	            request>headers>Cookie   pii mask label
//	        }
//	    }
//	}
//
// Caddy logs Cookie, Set-Cookie and the Authorization headers as
// "REDACTED" unless the servers option log_credentials is set; only then is
// there a cookie value for the filter to look at.
//
// Importing the package (usually as a blank import in the caddy main
// package) registers the module.
package logfilter

import (
	"fmt"

	"github.com/caddyserver/caddy/v2"
	"github.com/caddyserver/caddy/v2/caddyconfig/caddyfile"
	"github.com/caddyserver/caddy/v2/modules/caddyhttp"
	"github.com/caddyserver/caddy/v2/modules/logging"
	"go.uber.org/zap/zapcore"

	"github.com/piifilter/caddy-pii-filter/bodyformat"
	"github.com/piifilter/caddy-pii-filter/detect"
)

func init() {
	caddy.RegisterModule(Filter{})
}

// Filter redacts personal information in a log field's value: a string,
// a byte string, an array of strings (header values arrive as one) or an
// object, whose members are redacted in turn (request>headers pii covers
// every header); an error, written as zap writes it (its text, and its
// "<key>Verbose" and "<key>Causes") with each text redacted; a value zap
// writes as JSON (zap.Any of a map or a struct, an object's AddReflected
// member), its JSON text redacted, kept JSON when it stays valid and a
// string otherwise; a number of enough digits to be an identifier (a
// mobile, a card, an ID) or a fraction under a key naming a category, at
// the top or in an object or array, read with its key's hint and written
// as a string holding its mask when it holds one; binary data as the
// base64 zap writes, complex numbers as zap writes them, durations and
// times as their nanoseconds (scalars.go). The JSON of an array, an
// object or a reflected value is then walked as a JSON body is, so a key
// naming a category joins a value split over its elements or members
// (walked.go). Booleans, namespaces and skipped fields hold nothing to
// read; a field of any other type (one zap does not know, or a value not
// of its type) is replaced whole by "[REDACTED]".
//
// A value that looks like a URI (a request-target starting with "/", or
// scheme://…) is redacted part by part: the path and fragment are
// percent-decoded before they are scanned, each query value is
// form-decoded and scanned with its field name as a hint, and a redaction
// is written back percent-encoded, so /find?phone=%31%33%38… is caught
// and the result is still a URI. In any other value, percent-escapes are
// decoded for scanning too, and a redaction that covers escaped bytes is
// written back escaped.
type Filter struct {
	// Mask is how a value is replaced: "partial" (default: 138****5678),
	// "full" (every character '*'), "label" ([CN_MOBILE]) or "hash" (a
	// pseudonym keyed afresh in each process, so it correlates entries of
	// one run only).
	Mask string `json:"mask,omitempty"`

	// Detect lists the categories to redact; empty means all of them.
	Detect []detect.Category `json:"detect,omitempty"`

	// Drop names the members of an object field that are not written
	// (case-insensitive keys): the credentials in request>headers or
	// resp_headers under log_credentials, which a filter on the whole
	// object keeps Caddy's filters on single members from reaching.
	Drop []string `json:"drop,omitempty"`

	engine *detect.Engine
	// cleanKeys are the keys found clean, which a field's JSON may hold
	// without being walked (walkgate.go)
	cleanKeys *cleanKeys
}

// CaddyModule returns the Caddy module information.
func (Filter) CaddyModule() caddy.ModuleInfo {
	return caddy.ModuleInfo{
		ID:  "caddy.logging.encoders.filter.pii",
		New: func() caddy.Module { return new(Filter) },
	}
}

// Provision checks the options and compiles the detection engine.
func (f *Filter) Provision(caddy.Context) error {
	pol, err := f.policy()
	if err != nil {
		return err
	}
	eng, err := detect.Compile(pol)
	if err != nil {
		return fmt.Errorf("pii log filter: %w", err)
	}
	f.engine, f.cleanKeys = eng, new(cleanKeys)
	return nil
}

// Validate reports the first invalid option, naming it.
func (f *Filter) Validate() error {
	_, err := f.policy()
	return err
}

// policy checks the options and returns the engine policy they describe.
func (f *Filter) policy() (detect.Policy, error) {
	var pol detect.Policy
	mask, err := detect.ParseMaskStyle(f.Mask)
	if err != nil {
		return pol, fmt.Errorf("pii log filter: mask: %w", err)
	}
	pol.Mask = mask
	for _, c := range f.Detect {
		pc, err := detect.ParseCategory(string(c))
		if err != nil {
			return pol, fmt.Errorf("pii log filter: detect: %w", err)
		}
		pol.Categories = append(pol.Categories, pc)
	}
	return pol, nil
}

// Filter returns the field with personal information in its value
// redacted. A filter that was never provisioned drops the field rather
// than log it unread. A value that cannot be filtered (the engine
// panicked on it) is replaced whole by "[REDACTED]": the entry is still
// written, and the panic goes to Caddy's log without the value.
func (f *Filter) Filter(in zapcore.Field) (out zapcore.Field) {
	if f.engine == nil {
		in.Type = zapcore.SkipType
		return in
	}
	defer containField(in.Key, &out)
	hint := bodyformat.HintForKey(in.Key)
	switch in.Type {
	case zapcore.StringType:
		in.String = f.redactKeyed(in.Key, in.String, hint)
	case zapcore.ByteStringType:
		b, ok := in.Interface.([]byte)
		if !ok {
			return redactedField(in.Key)
		}
		in.Interface = []byte(f.redact(string(b), hint))
	case zapcore.StringerType:
		s, ok := in.Interface.(fmt.Stringer)
		if !ok {
			return redactedField(in.Key)
		}
		in.Type, in.String, in.Interface = zapcore.StringType, f.redact(s.String(), hint), nil
	case zapcore.ArrayMarshalerType, zapcore.ObjectMarshalerType, zapcore.InlineMarshalerType, zapcore.ReflectType:
		in = f.redactStructured(in, hint)
	case zapcore.ErrorType:
		if _, ok := in.Interface.(error); !ok {
			return redactedField(in.Key)
		}
		in = f.redactError(in)
	case zapcore.BinaryType, zapcore.Complex128Type, zapcore.Complex64Type,
		zapcore.DurationType, zapcore.TimeType, zapcore.TimeFullType:
		in = f.filterScalar(in, hint)
	case zapcore.Int64Type, zapcore.Int32Type, zapcore.Int16Type, zapcore.Int8Type,
		zapcore.Uint64Type, zapcore.Uint32Type, zapcore.Uint16Type, zapcore.Uint8Type, zapcore.UintptrType,
		zapcore.Float64Type, zapcore.Float32Type:
		if text, ok := longNumberText(in); ok {
			in = f.filterNumber(in, text, hint)
		}
	case zapcore.BoolType, zapcore.NamespaceType, zapcore.SkipType:
		// true or false, a namespace's key, nothing: no value to read
	default:
		// UnknownType, on which zap panics, and any type a later zap
		// adds: a value this filter cannot read is not written
		return redactedField(in.Key)
	}
	return in
}

// redactStructured returns an array, object, inline object or reflected
// field with its values read one by one as they are added (redacting
// encoders, redactReflected) and then its JSON walked (walked). A field
// whose value is not of its type is replaced whole.
func (f *Filter) redactStructured(in zapcore.Field, hint detect.CategorySet) zapcore.Field {
	switch in.Type {
	case zapcore.ArrayMarshalerType:
		switch a := in.Interface.(type) {
		case caddyhttp.LoggableStringArray:
			out := make(caddyhttp.LoggableStringArray, len(a))
			for i, s := range a {
				out[i] = f.redact(s, hint)
			}
			in.Interface = out
		case zapcore.ArrayMarshaler:
			in.Interface = redactedArray{a: a, f: f, hint: hint}
		default:
			return redactedField(in.Key)
		}
	case zapcore.ObjectMarshalerType, zapcore.InlineMarshalerType:
		o, ok := in.Interface.(zapcore.ObjectMarshaler)
		if !ok {
			return redactedField(in.Key)
		}
		in.Interface = redactedObject{o: f.withoutDropped(o), f: f}
	case zapcore.ReflectType:
		in = f.redactReflected(in.Key, in.Interface, hint)
	}
	return f.walked(in)
}

// Interface guards
var (
	_ caddy.Provisioner       = (*Filter)(nil)
	_ caddy.Validator         = (*Filter)(nil)
	_ logging.LogFieldFilter  = (*Filter)(nil)
	_ caddyfile.Unmarshaler   = (*Filter)(nil)
	_ zapcore.ArrayMarshaler  = redactedArray{}
	_ zapcore.ObjectMarshaler = redactedObject{}
	_ zapcore.ObjectEncoder   = redactingObjectEncoder{}
	_ zapcore.ArrayEncoder    = redactingArrayEncoder{}
)
