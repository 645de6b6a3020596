package logfilter

import (
	"go.uber.org/zap"
	"go.uber.org/zap/zapcore"
)

// An error (zap.Error, zap.NamedError: Caddy's "error" of a failed
// request, a *url.Error quoting the URL it failed on) is written as zap
// writes it, through a redacting encoder: its text under its key, and,
// as zap adds them, the "<key>Verbose" text of a rich error (%+v, a
// github.com/pkg/errors stack) and the "<key>Causes" of an error group,
// each text redacted, hinted by the key. A panic in the error's Error
// method is written as zap writes it ("<key>Error": "PANIC=…"), redacted
// too.

// redactedError writes an error's fields, redacted, in the object the
// field is added to (an inline marshaler: the fields keep their keys).
type redactedError struct {
	key string
	err error
	f   *Filter
}

// MarshalLogObject adds the error's fields as zap would, through a
// redacting encoder.
func (r redactedError) MarshalLogObject(enc zapcore.ObjectEncoder) error {
	zap.NamedError(r.key, r.err).AddTo(redactingObjectEncoder{ObjectEncoder: enc, f: r.f})
	return nil
}

// redactError returns an error field whose text is written redacted.
func (f *Filter) redactError(in zapcore.Field) zapcore.Field {
	err, ok := in.Interface.(error)
	if !ok {
		return in
	}
	return zapcore.Field{Key: in.Key, Type: zapcore.InlineMarshalerType, Interface: redactedError{key: in.Key, err: err, f: f}}
}
