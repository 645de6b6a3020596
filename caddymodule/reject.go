package caddymodule

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/caddyserver/caddy/v2/modules/caddyhttp"
)

// problemTypeBase is the start of the type URIs of refusals; each reason
// has its own fragment, documented in the README.
const problemTypeBase = "https://github.com/piifilter/caddy-pii-filter#"

// errRefused is wrapped by the errors of refusals, and returned by writes
// to a response the filter has refused, so a handler still writing stops.
var errRefused = errors.New("pii_filter: refused")

// problem is an RFC 9457 problem document describing a refusal. It names
// categories of personal information, never values.
type problem struct {
	Type       string   `json:"type"`
	Title      string   `json:"title"`
	Status     int      `json:"status"`
	Detail     string   `json:"detail"`
	Categories []string `json:"categories"`
	Dossier    bool     `json:"dossier"`
	Incident   string   `json:"incident"`
}

// newProblem describes a refused incident.
func newProblem(inc *incident) problem {
	p := problem{
		Status:     inc.Status,
		Categories: inc.categories(),
		Dossier:    inc.Dossier,
		Incident:   inc.ID,
	}
	body := "The " + string(inc.Direction) + " body"
	switch inc.Reason {
	case reasonTooLarge:
		p.Type = problemTypeBase + "refused-too-large"
		p.Title = "Body too large to inspect"
		p.Detail = body + " is larger than the personal information filter inspects."
	case reasonBusy:
		p.Type = problemTypeBase + "refused-busy"
		p.Title = "Too busy to inspect the body"
		p.Detail = body + " could not be inspected now: the personal information filter has no memory to spare. Retry later."
	case reasonUninspectable:
		p.Type = problemTypeBase + "refused-uninspectable"
		p.Title = "Body could not be inspected"
		p.Detail = body + " could not be decoded and inspected for personal information."
	case reasonDossier:
		p.Type = problemTypeBase + "refused-personal-information"
		p.Title = "Personal information refused"
		p.Detail = fmt.Sprintf("%s combines %d kinds of personal information.", body, len(p.Categories))
	default:
		p.Type = problemTypeBase + "refused-personal-information"
		p.Title = "Personal information refused"
		p.Detail = body + " contains personal information."
	}
	return p
}

// writeProblem answers with the problem document of a refused incident.
// The headers the upstream set for its own body are cleared first.
func writeProblem(w http.ResponseWriter, inc *incident) error {
	body, err := json.Marshal(newProblem(inc))
	if err != nil {
		return err
	}
	hdr := w.Header()
	clearForRefusal(hdr)
	hdr.Set("Content-Type", "application/problem+json")
	hdr.Set("Content-Length", strconv.Itoa(len(body)))
	hdr.Set("X-Content-Type-Options", "nosniff")
	hdr.Set("Cache-Control", "no-store")
	hdr.Set(incidentHeader, inc.ID)
	setRetryAfter(hdr, inc)
	w.WriteHeader(inc.Status)
	_, err = w.Write(body)
	return err
}

// refusalError is the error of a refused request, for handle_errors: its
// message ({http.error.message}) names the reason, the categories and the
// incident, never a value. It matches errRefused with errors.Is.
type refusalError struct{ inc *incident }

// Error returns the message of the refusal.
func (e refusalError) Error() string {
	msg := "pii_filter: " + string(e.inc.Direction) + " refused: " + strings.ReplaceAll(string(e.inc.Reason), "_", " ")
	if cats := e.inc.categories(); len(cats) > 0 {
		msg += " (" + strings.Join(cats, ", ") + ")"
	}
	return msg + "; incident " + e.inc.ID
}

// Is makes a refusal match errRefused.
func (e refusalError) Is(target error) bool { return target == errRefused }

// refuseRequest refuses a request before it reaches the next handler and
// logs the incident. When the server has handle_errors routes, it returns
// a caddyhttp.HandlerError whose ID is the incident id, so those routes
// answer ({http.error.id}, {http.vars.pii_incident}); otherwise it writes
// the problem document itself. Either way the response carries the
// X-PII-Incident header.
func (h *Handler) refuseRequest(w http.ResponseWriter, r *http.Request, inc *incident) error {
	inc.Outcome = outRefused
	h.report(r, inc)
	if hasErrorRoutes(r) {
		clearForRefusal(w.Header())
		w.Header().Set(incidentHeader, inc.ID)
		setRetryAfter(w.Header(), inc)
		return caddyhttp.Error(inc.Status, caddyhttp.HandlerError{
			ID:         inc.ID,
			StatusCode: inc.Status,
			Err:        refusalError{inc},
		})
	}
	return writeProblem(w, inc)
}

// hasErrorRoutes reports whether the server handling r has handle_errors
// routes.
func hasErrorRoutes(r *http.Request) bool {
	srv, ok := r.Context().Value(caddyhttp.ServerCtxKey).(*caddyhttp.Server)
	return ok && srv != nil && srv.Errors != nil && len(srv.Errors.Routes) > 0
}

// setRetryAfter tells the client of a refusal for want of memory when to
// try again.
func setRetryAfter(hdr http.Header, inc *incident) {
	if inc.Reason == reasonBusy {
		hdr.Set("Retry-After", retryAfterSeconds)
	}
}
