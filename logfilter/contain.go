package logfilter

import (
	"github.com/caddyserver/caddy/v2"
	"go.uber.org/zap"
	"go.uber.org/zap/zapcore"

	"github.com/piifilter/caddy-pii-filter/bodyformat"
	"github.com/piifilter/caddy-pii-filter/detect"
	"github.com/piifilter/caddy-pii-filter/internal/panics"
)

// A panic while a field is filtered is contained here: the value is
// replaced whole by redactedMarker, so the entry is still written and
// carries nothing unfiltered, and the panic is logged without its value,
// which may quote the field. A piece of a value that a reading cannot
// read (bodyformat.FindText's error: a compressed blob past what it may
// inflate) is not filtered either: find panics with unreadable, which the
// same containment turns into redactedMarker, without a report.

// findHinted is the call through which every value reaches the engine,
// through every reading the format layer reads a body's text in (a log's
// reader sees 187|6772|0441 or a base64 token as a body's does): masks
// only, a log entry has no use for fingerprints. It is a variable only so
// that tests can make it panic; nothing else sets it.
var findHinted = bodyformat.FindText

// unreadable is what find panics with when a reading cannot read a piece
// of a value, as encoding/json's decoder unwinds with its errors: the
// containment above the value replaces it whole.
type unreadable struct{ err error }

// redactedMarker replaces a value that could not be filtered.
const redactedMarker = "[REDACTED]"

// containField is deferred by Filter: after a panic the field becomes the
// string redactedMarker under its own key.
func containField(key string, out *zapcore.Field) {
	if r := recover(); r != nil {
		*out = redactedField(key)
		if _, ok := r.(unreadable); !ok {
			logPanic(key, panics.Recovered())
		}
	}
}

// redactedField is the field that replaces a value under key that could
// not be filtered or read.
func redactedField(key string) zapcore.Field { return zap.String(key, redactedMarker) }

// redactElement is redact for the strings of an array, which are
// filtered while the entry is encoded: after a panic the string becomes
// redactedMarker and the rest of the array is encoded as usual.
func (f *Filter) redactElement(s string, hint detect.CategorySet) (out string) {
	defer containValue("", &out)
	return f.redact(s, hint)
}

// redactMember is redactElement for an object's string member, hinted by
// its key.
func (f *Filter) redactMember(key, s string) (out string) {
	defer containValue(key, &out)
	return f.redactKeyed(key, s, f.keyHint(key))
}

// containValue is deferred by redactElement and redactMember: after a
// panic the value becomes redactedMarker.
func containValue(key string, out *string) {
	if r := recover(); r != nil {
		*out = redactedMarker
		if _, ok := r.(unreadable); !ok {
			logPanic(key, panics.Recovered())
		}
	}
}

// defaultLog is where contained panics are reported: Caddy's default log.
// A variable only so that tests can read what is reported.
var defaultLog = caddy.Log

// logPanic reports a contained panic to Caddy's default log: the field's
// key and the panic's stack, never a value.
func logPanic(key string, pe *panics.Error) {
	defaultLog().Error("pii log filter: filtering a field panicked; its value was replaced",
		zap.String("field", key),
		zap.String("replaced_with", redactedMarker),
		zap.String("error", panics.Reason),
		zap.Strings("stack", pe.Stack))
}
