package matcher

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"

	"github.com/caddyserver/caddy/v2/modules/caddyhttp"
	"go.uber.org/zap"
	"go.uber.org/zap/zapcore"
	"go.uber.org/zap/zaptest/observer"

	"github.com/piifilter/caddy-pii-filter/bodyformat"
	"github.com/piifilter/caddy-pii-filter/detect"
)

// panickingInspect makes every inspection through bodyformat panic, with a
// value quoting the text, as an engine bug might, and counts the calls.
func panickingInspect(t *testing.T) *int {
	t.Helper()
	calls := new(int)
	old := inspectBody
	inspectBody = func(_ *detect.Engine, b []byte, _, _ string, _ bodyformat.Mode, _ bodyformat.Limits) (bodyformat.Result, error) {
		*calls++
		panic("index out of range in " + string(b))
	}
	t.Cleanup(func() { inspectBody = old })
	return calls
}

// assertPanicError checks the error of a contained panic: a 400 that
// names the panic, and never the request's values.
func assertPanicError(t *testing.T, match bool, err error) {
	t.Helper()
	if match || err == nil {
		t.Fatalf("match %v, err %v; want an error", match, err)
	}
	if statusOf(err) != 400 || !strings.HasSuffix(err.Error(), "inspection panicked") {
		t.Errorf("err %v (status %d)", err, statusOf(err))
	}
	if strings.Contains(err.Error(), testID) {
		t.Errorf("the error quotes the request: %v", err)
	}
}

func TestPanicInBodyIsAnError(t *testing.T) {
	calls := panickingInspect(t)
	body := `{"note":"hello","idCard":"` + testID + `"}`
	r := newRequest("POST", "/api", "application/json", strings.NewReader(body))
	m := newMatcher(t, MatchPII{})
	match, err := m.MatchWithError(r)
	assertPanicError(t, match, err)
	if !errors.Is(err, ErrUninspectable) {
		t.Errorf("err %v does not wrap ErrUninspectable", err)
	}

	// The request is left with no body (handle_errors must not send it
	// on): a second matcher has none to inspect, and the handlers read
	// nothing.
	again, err2 := newMatcher(t, MatchPII{Min: 2}).MatchWithError(r)
	if again || err2 != nil {
		t.Errorf("second matcher: %v, %v; want no body to match", again, err2)
	}
	if *calls != 1 {
		t.Errorf("the body was inspected %d times, want 1", *calls)
	}
	got, rerr := io.ReadAll(r.Body)
	if rerr != nil || len(got) != 0 {
		t.Errorf("the handler after the matchers read %q, %v", got, rerr)
	}
}

func TestPanicInQueryIsAnError(t *testing.T) {
	panickingInspect(t)
	m := newMatcher(t, MatchPII{})
	r := newRequest("GET", "/find?idCard="+testID, "", nil)
	match, err := m.MatchWithError(r)
	assertPanicError(t, match, err)

	// Through the older Match interface the error goes to the request's
	// vars, where Caddy reads it.
	r = newRequest("GET", "/find?idCard="+testID, "", nil)
	if m.Match(r) {
		t.Error("Match = true")
	}
	verr, _ := caddyhttp.GetVar(r.Context(), caddyhttp.MatcherErrorVarKey).(error)
	assertPanicError(t, false, verr)
}

func TestPanicInPathOrHeadersIsAnError(t *testing.T) {
	old, oldFind := categories, findText
	categories = func(_ *detect.Engine, text []byte, _ detect.CategorySet) (detect.CategorySet, bool) {
		panic("index out of range in " + string(text))
	}
	findText = func(_ *detect.Engine, text []byte, _ detect.CategorySet) ([]detect.Finding, error) {
		panic("index out of range in " + string(text))
	}
	t.Cleanup(func() { categories, findText = old, oldFind })
	for _, in := range []string{SourcePath, SourceHeaders} {
		r := newRequest("GET", "/users/"+testID, "", nil)
		r.Header.Set("X-Note", testID)
		match, err := newMatcher(t, MatchPII{In: []string{in}}).MatchWithError(r)
		assertPanicError(t, match, err)
		if !errors.Is(err, ErrUninspectable) {
			t.Errorf("%s: err %v does not wrap ErrUninspectable", in, err)
		}
	}
}

// TestPanicLogged checks that a contained panic, in the body or in the
// path, is reported once to the matcher's log at error level, with its
// reason and stack and never a value of the request; and that an error
// that is no panic (a body too large) is not.
func TestPanicLogged(t *testing.T) {
	panickingInspect(t)
	m := newMatcher(t, MatchPII{MaxBody: 64})
	core, logs := observer.New(zapcore.DebugLevel)
	m.logger = zap.New(core)

	r := newRequest("POST", "/users/"+testID, "application/json", strings.NewReader(`{"idCard":"`+testID+`"}`))
	_, err := m.MatchWithError(r)
	assertPanicError(t, false, err)
	all := logs.TakeAll()
	if len(all) != 1 || all[0].Level != zapcore.ErrorLevel {
		t.Fatalf("entries %v, want one error", all)
	}
	ctx := all[0].ContextMap()
	if ctx["error"] != "panic" || len(ctx["stack"].([]any)) == 0 {
		t.Errorf("entry %v: want error panic and a stack", ctx)
	}
	if s := fmt.Sprint(all[0].Message, ctx); strings.Contains(s, testID) {
		t.Errorf("the entry quotes the request: %s", s)
	}

	r = newRequest("POST", "/api", "text/plain", strings.NewReader(strings.Repeat("x", 65)))
	if _, err := m.MatchWithError(r); statusOf(err) != 413 {
		t.Fatalf("a body over max_body: %v", err)
	}
	if n := logs.Len(); n != 0 {
		t.Errorf("an error that is no panic logged %d entries", n)
	}
}
