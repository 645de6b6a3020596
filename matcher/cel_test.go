package matcher

import (
	"context"
	"net/url"
	"strings"
	"testing"

	"github.com/caddyserver/caddy/v2"
	"github.com/caddyserver/caddy/v2/modules/caddyhttp"
)

// newExpression returns a provisioned CEL expression matcher.
func newExpression(t *testing.T, expr string) (*caddyhttp.MatchExpression, error) {
	t.Helper()
	ctx, cancel := caddy.NewContext(caddy.Context{Context: context.Background()})
	t.Cleanup(cancel)
	m := &caddyhttp.MatchExpression{Expr: expr}
	return m, m.Provision(ctx)
}

func TestCEL(t *testing.T) {
	idBody := func() string { return `{"idCard":"` + testID + `"}` }
	for _, tc := range []struct {
		expr, method, target, body string
		want                       bool
	}{
		{"pii()", "POST", "/", idBody(), true},
		{"pii()", "POST", "/", `{"greeting":"hello"}`, false},
		{"pii()", "GET", "/?mail=" + url.QueryEscape(testEmail), "", true},
		{"pii('cn_id')", "POST", "/", idBody(), true},
		{"pii('email', 'bank_card')", "POST", "/", idBody(), false},
		{"pii('email', 'cn_id')", "POST", "/", idBody(), true},
		{"method('POST') && pii('cn_id')", "GET", "/?id=" + testID, "", false},
		{"!pii()", "POST", "/", `{"greeting":"hello"}`, true},
		{"pii() && pii('cn_id') && !pii('email')", "POST", "/", idBody(), true},
	} {
		t.Run(tc.expr, func(t *testing.T) {
			m, err := newExpression(t, tc.expr)
			if err != nil {
				t.Fatalf("Provision: %v", err)
			}
			var r = newRequest(tc.method, tc.target, "application/json", strings.NewReader(tc.body))
			got, err := m.MatchWithError(r)
			if err != nil {
				t.Fatalf("MatchWithError: %v", err)
			}
			if got != tc.want {
				t.Errorf("match = %v, want %v", got, tc.want)
			}
			// Asked again, the body is not inspected again.
			if s, ok := caddyhttp.GetVar(r.Context(), stateVar).(*bodyState); ok {
				n := len(s.verdicts)
				if again, _ := m.MatchWithError(r); again != got || len(s.verdicts) != n {
					t.Errorf("second evaluation: %v with %d inspections, want %v with %d", again, len(s.verdicts), got, n)
				}
			}
		})
	}
}

func TestCELErrors(t *testing.T) {
	for _, tc := range []struct{ expr, want string }{
		{"pii('passport')", `unknown category "passport"`},
		{"pii(1)", "string literals"},
		{"pii('cn_' + 'id')", "string literals"},
	} {
		t.Run(tc.expr, func(t *testing.T) {
			_, err := newExpression(t, tc.expr)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("got %v, want an error containing %q", err, tc.want)
			}
		})
	}
}

func TestCELBodyError(t *testing.T) {
	m, err := newExpression(t, "pii()")
	if err != nil {
		t.Fatal(err)
	}
	r := newRequest("POST", "/", "application/json", strings.NewReader("broken"))
	r.Header.Set("Content-Encoding", "gzip")
	ok, err := m.MatchWithError(r)
	if ok || statusOf(err) != 400 {
		t.Errorf("pii() over a broken body: %v, %v; want an error with status 400", ok, err)
	}
}
