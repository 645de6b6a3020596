package matcher

import (
	"errors"
	"fmt"
	"net/http"

	"github.com/caddyserver/caddy/v2"
	"github.com/caddyserver/caddy/v2/modules/caddyhttp"
	"go.uber.org/zap"

	"github.com/piifilter/caddy-pii-filter/bodyformat"
	"github.com/piifilter/caddy-pii-filter/detect"
	"github.com/piifilter/caddy-pii-filter/internal/panics"
)

// The calls through which a request reaches the engine: bodyformat.Inspect
// for query strings and bodies, CategoriesProtected for the path,
// bodyformat.FindText for header values and the host. They are variables
// only so that tests can make them panic; nothing else sets them.
var (
	inspectBody = bodyformat.Inspect
	categories  = (*detect.Engine).CategoriesProtected
	findText    = bodyformat.FindText
)

// inspect runs inspectBody in scan mode and turns a panic into an error
// (a *panics.Error), so a body's verdict is reached, and kept, even then.
func inspect(eng *detect.Engine, b []byte, contentType, contentEncoding string, lim bodyformat.Limits) (res bodyformat.Result, err error) {
	defer func() {
		if recover() != nil {
			err = panics.Recovered()
		}
	}()
	return inspectBody(eng, b, contentType, contentEncoding, bodyformat.Scan, lim)
}

// containPanic is deferred by MatchWithError: a panic anywhere in the
// matcher (the path, header and query scans included) becomes the error
// of a request that cannot be inspected (400), never a dropped
// connection. The panic's value, which may quote the request, is dropped.
func containPanic(match *bool, err *error) {
	if recover() != nil {
		*match, *err = false, uninspectable(panics.Recovered())
	}
}

// uninspectable is the error (status 400) of a request that cannot be
// inspected because of cause.
func uninspectable(cause error) error {
	return caddyhttp.Error(http.StatusBadRequest, fmt.Errorf("%w: %w", ErrUninspectable, cause))
}

// logPanic reports err, when it is a contained panic, to the matcher's
// log (Caddy's default log before Provision) at error level: the panic's
// reason and stack, never a value of the request. Caddy logs the 400 the
// request gets; this entry says it was a bug, and where.
func (m *MatchPII) logPanic(err error) {
	pe, ok := errors.AsType[*panics.Error](err)
	if !ok {
		return
	}
	log := m.logger
	if log == nil {
		log = caddy.Log()
	}
	log.Error("pii matcher: inspecting a request panicked; it was refused (400)",
		zap.String("error", panics.Reason),
		zap.Strings("stack", pe.Stack))
}
