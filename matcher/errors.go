package matcher

import (
	"errors"
	"fmt"
	"net/http"

	"github.com/caddyserver/caddy/v2/modules/caddyhttp"

	"github.com/piifilter/caddy-pii-filter/bodyformat"
	"github.com/piifilter/caddy-pii-filter/internal/membudget"
)

// ErrBodyTooLarge is wrapped by the error (status 413) of a body larger
// than max_body, by its Content-Length or once read, or larger than the
// inspection limit once decompressed.
var ErrBodyTooLarge = errors.New("pii matcher: request body too large to inspect")

// ErrUninspectable is wrapped by the error (status 400) of a body that
// cannot be inspected: an unknown or broken content coding, a malformed
// multipart body, several differing Content-Type values, or an inspection
// that panicked (a bug, contained: the error's text then ends in
// "inspection panicked", never the panic's value).
var ErrUninspectable = errors.New("pii matcher: request body cannot be inspected")

// errSeveralTypes is the cause of the error (400, ErrUninspectable) of a
// body labelled with several differing Content-Type values.
var errSeveralTypes = errors.New("several differing Content-Type values")

// ErrBusy is wrapped by the error (status 503) of a body the process's
// memory budget (the pii app's memory_budget) cannot hold now: the route
// fails closed, and the client may retry later. A matcher cannot set
// headers; handle_errors may add Retry-After.
var ErrBusy = errors.New("pii matcher: no memory to inspect the request body now")

// ErrCanceled is wrapped by the error (status 499) of a body whose
// inspection stopped because the request's context ended (the client went
// away, the server shuts down).
var ErrCanceled = errors.New("pii matcher: request ended before its body was inspected")

// tooLarge is the error of a body over max_body.
func tooLarge(maxBody int64) error {
	return caddyhttp.Error(http.StatusRequestEntityTooLarge,
		fmt.Errorf("%w: larger than max_body (%d bytes)", ErrBodyTooLarge, maxBody))
}

// readError maps an error reading the body to the error the matcher
// returns: a limit set by an earlier handler (request_body) is a 413, a
// body consumed by a handler before the matcher a 500, anything else (a
// client that went away) a 400.
func readError(err error) error {
	if he, ok := errors.AsType[caddyhttp.HandlerError](err); ok {
		return he
	}
	if _, ok := errors.AsType[*http.MaxBytesError](err); ok {
		return caddyhttp.Error(http.StatusRequestEntityTooLarge, fmt.Errorf("%w: %w", ErrBodyTooLarge, err))
	}
	if errors.Is(err, errConsumed) {
		return caddyhttp.Error(http.StatusInternalServerError, err)
	}
	return caddyhttp.Error(http.StatusBadRequest, fmt.Errorf("pii matcher: reading request body: %w", err))
}

// fillError maps an error filling the body state: a reservation the
// memory budget refused is a 503 (busy), anything else a reading error.
func fillError(err error) error {
	if errors.Is(err, membudget.ErrExhausted) {
		return busy(err)
	}
	return readError(err)
}

// busy is the error (503) of a body the memory budget cannot hold.
func busy(err error) error {
	return caddyhttp.Error(http.StatusServiceUnavailable, fmt.Errorf("%w: %w", ErrBusy, err))
}

// inspectError maps a bodyformat error to the error the matcher returns:
// too large once decompressed is a 413, no memory a 503, a request that
// ended a 499, anything else (the work budget exceeded included) a 400.
func inspectError(err error) error {
	switch {
	case errors.Is(err, bodyformat.ErrTooLarge):
		return caddyhttp.Error(http.StatusRequestEntityTooLarge, fmt.Errorf("%w: %w", ErrBodyTooLarge, err))
	case errors.Is(err, membudget.ErrExhausted):
		return busy(err)
	case errors.Is(err, bodyformat.ErrCanceled):
		return caddyhttp.Error(499, fmt.Errorf("%w: %w", ErrCanceled, err))
	}
	return uninspectable(err)
}
