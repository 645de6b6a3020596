package logfilter

import (
	"context"
	"encoding/json"
	"net/http/httptest"
	"reflect"
	"strings"
	"testing"

	"github.com/caddyserver/caddy/v2"
	"github.com/caddyserver/caddy/v2/caddyconfig/caddyfile"
	"github.com/caddyserver/caddy/v2/modules/caddyhttp"
	"github.com/caddyserver/caddy/v2/modules/logging"
	"go.uber.org/zap"
	"go.uber.org/zap/zapcore"

	"github.com/piifilter/caddy-pii-filter/detect"
)

func TestUnmarshalCaddyfile(t *testing.T) {
	for _, tc := range []struct {
		name, input string
		want        Filter
	}{
		{"bare", `pii`, Filter{}},
		{"inline mask", `pii mask label`, Filter{Mask: "label"}},
		{"inline both", `pii detect cn_id CN_MOBILE mask hash`,
			Filter{Mask: "hash", Detect: []detect.Category{detect.CNID, detect.CNMobile}}},
		{"inline mask first", `pii mask full detect email`,
			Filter{Mask: "full", Detect: []detect.Category{detect.Email}}},
		{"block", "pii {\n mask partial\n detect cn_id\n detect email bank_card\n}",
			Filter{Mask: "partial", Detect: []detect.Category{detect.CNID, detect.Email, detect.BankCard}}},
		{"inline drop", `pii drop Authorization Proxy-Authorization mask label`,
			Filter{Mask: "label", Drop: []string{"Authorization", "Proxy-Authorization"}}},
		{"inline detect then drop", `pii detect email drop Set-Cookie`,
			Filter{Detect: []detect.Category{detect.Email}, Drop: []string{"Set-Cookie"}}},
		{"block drop", "pii {\n drop Authorization\n drop Set-Cookie\n}",
			Filter{Drop: []string{"Authorization", "Set-Cookie"}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var got Filter
			if err := got.UnmarshalCaddyfile(caddyfile.NewTestDispenser(tc.input)); err != nil {
				t.Fatalf("UnmarshalCaddyfile: %v", err)
			}
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("got %+v, want %+v", got, tc.want)
			}
		})
	}
}

func TestUnmarshalCaddyfileErrors(t *testing.T) {
	for _, tc := range []struct{ input, want string }{
		{`pii label`, `unknown option "label"`},
		{`pii mask`, "missing style"},
		{`pii mask blur`, "unknown mask style"},
		{`pii detect`, "missing category"},
		{`pii detect mask label`, "missing category"},
		{`pii detect passport`, `unknown category "passport"`},
		{`pii drop`, "missing member name"},
		{`pii drop mask label`, "missing member name"},
		{"pii {\n drop\n}", "wrong argument count"},
		{"pii {\n mask\n}", "wrong argument count"},
		{"pii {\n mask label full\n}", "wrong argument count"},
		{"pii {\n detect\n}", "wrong argument count"},
		{"pii {\n key_file x\n}", "unrecognized pii subdirective 'key_file'"},
	} {
		t.Run(tc.input, func(t *testing.T) {
			var f Filter
			err := f.UnmarshalCaddyfile(caddyfile.NewTestDispenser(tc.input))
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("got %v, want an error containing %q", err, tc.want)
			}
		})
	}
}

// TestFilterEncoder runs the filter inside Caddy's filter encoder, set up
// from a Caddyfile, over a logged request as the access log logs it.
func TestFilterEncoder(t *testing.T) {
	var fe logging.FilterEncoder
	d := caddyfile.NewTestDispenser(`filter {
		wrap json
		fields {
			request>uri pii mask label
			request>headers>Referer pii
			request>headers>Cookie pii {
				mask label
			}
		}
	}`)
	if err := fe.UnmarshalCaddyfile(d); err != nil {
		t.Fatalf("UnmarshalCaddyfile: %v", err)
	}
	var raw map[string]any
	if err := json.Unmarshal(fe.FieldsRaw["request>uri"], &raw); err != nil || raw["filter"] != "pii" || raw["mask"] != "label" {
		t.Fatalf("request>uri filter JSON: %s (%v)", fe.FieldsRaw["request>uri"], err)
	}
	ctx, cancel := caddy.NewContext(caddy.Context{Context: context.Background()})
	t.Cleanup(cancel)
	if err := fe.Provision(ctx); err != nil {
		t.Fatalf("Provision: %v", err)
	}

	r := httptest.NewRequest("GET", "/find?phone="+percentAll(testMobile)+"&id="+testID, nil)
	r.Header.Set("Referer", "https://shop.example/u/"+testID)
	r.Header.Set("Cookie", "sid=abc; mail="+testEmail)
	buf, err := fe.EncodeEntry(zapcore.Entry{Message: "handled request"}, []zapcore.Field{
		zap.Object("request", caddyhttp.LoggableHTTPRequest{Request: r, ShouldLogCredentials: true}),
	})
	if err != nil {
		t.Fatalf("EncodeEntry: %v", err)
	}
	out := buf.String()
	noRaw(t, out)
	for _, want := range []string{
		`"uri":"/find?phone=[CN_MOBILE]&id=[CN_ID]"`,
		`"Referer":["https://shop.example/u/` + testID[:4] + `**********` + testID[14:] + `"]`,
		`"Cookie":["sid=abc; mail=[EMAIL]"]`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("log entry %s\nlacks %s", out, want)
		}
	}
}
