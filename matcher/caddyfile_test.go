package matcher

import (
	"reflect"
	"strings"
	"testing"

	"github.com/caddyserver/caddy/v2/caddyconfig/caddyfile"

	"github.com/piifilter/caddy-pii-filter/detect"
)

func TestUnmarshalCaddyfile(t *testing.T) {
	for _, tc := range []struct {
		name  string
		input string
		want  MatchPII
	}{
		{"bare", `pii`, MatchPII{}},
		{"categories", `pii cn_id CN_MOBILE`, MatchPII{Detect: []detect.Category{detect.CNID, detect.CNMobile}}},
		{"empty block", "pii {\n}", MatchPII{}},
		{"every option", `pii email {
			in       query body headers path
			header   Referer x-user-note
			header   Cookie
			detect   cn_id bank_card
			min      3
			max_body 256KiB
		}`, MatchPII{
			In:      []string{"query", "body", "headers", "path"},
			Headers: []string{"Referer", "x-user-note", "Cookie"},
			Detect:  []detect.Category{detect.Email, detect.CNID, detect.BankCard},
			Min:     3, MaxBody: 256 << 10,
		}},
		{"decimal size", "pii {\n max_body 1MB\n}", MatchPII{MaxBody: 1000000}},
		// Two "pii" lines of one named matcher arrive joined.
		{"repeated matcher", "pii cn_id\npii {\n min 2\n detect email\n}",
			MatchPII{Detect: []detect.Category{detect.CNID, detect.Email}, Min: 2}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var got MatchPII
			if err := got.UnmarshalCaddyfile(caddyfile.NewTestDispenser(tc.input)); err != nil {
				t.Fatalf("UnmarshalCaddyfile: %v", err)
			}
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("got  %+v\nwant %+v", got, tc.want)
			}
			if err := got.Validate(); err != nil {
				t.Errorf("Validate: %v", err)
			}
		})
	}
}

func TestUnmarshalCaddyfileErrors(t *testing.T) {
	for _, tc := range []struct{ input, want string }{
		{`pii cn_idd`, `unknown category "cn_idd"`},
		{"pii {\n in query cookies\n}", `unknown place "cookies"`},
		{"pii {\n in\n}", "wrong argument count"},
		{"pii {\n header\n}", "wrong argument count"},
		{"pii {\n detect\n}", "wrong argument count"},
		{"pii {\n detect passport\n}", `unknown category "passport"`},
		{"pii {\n min 0\n}", `"0" is not a count`},
		{"pii {\n min two\n}", `"two" is not a count`},
		{"pii {\n min 1 2\n}", "wrong argument count"},
		{"pii {\n max_body lots\n}", `"lots" is not a size`},
		{"pii {\n max_body 0\n}", `"0" is not a size`},
		{"pii {\n mask label\n}", "unrecognized pii subdirective 'mask'"},
	} {
		t.Run(tc.input, func(t *testing.T) {
			var m MatchPII
			err := m.UnmarshalCaddyfile(caddyfile.NewTestDispenser(tc.input))
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("got %v, want an error containing %q", err, tc.want)
			}
		})
	}
}

func TestValidate(t *testing.T) {
	for _, tc := range []struct {
		name string
		m    MatchPII
		want string
	}{
		{"unknown place", MatchPII{In: []string{"cookie"}}, "in: unknown place"},
		{"bad header", MatchPII{Headers: []string{"X Y"}}, "headers:"},
		{"unknown category", MatchPII{Detect: []detect.Category{"ssn"}}, "detect: unknown category"},
		{"negative min", MatchPII{Min: -1}, "min: -1 is negative"},
		{"min above categories", MatchPII{Detect: []detect.Category{detect.CNID, detect.Email}, Min: 3}, "min: 3 is more than the 2"},
		{"negative max_body", MatchPII{MaxBody: -5}, "max_body: -5 is negative"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.m.Validate()
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("got %v, want an error containing %q", err, tc.want)
			}
		})
	}
}

func TestResolveDefaults(t *testing.T) {
	s, err := (&MatchPII{}).resolve()
	if err != nil {
		t.Fatal(err)
	}
	if !s.query || !s.body || s.headers || s.path {
		t.Errorf("default places: %+v, want query and body", s)
	}
	if s.min != DefaultMin || s.maxBody != DefaultMaxBody {
		t.Errorf("defaults: min %d max_body %d", s.min, s.maxBody)
	}
	s, err = (&MatchPII{In: []string{"path"}, Headers: []string{"referer", "Referer"}}).resolve()
	if err != nil {
		t.Fatal(err)
	}
	if !s.path || !s.headers || s.query || s.body || !reflect.DeepEqual(s.headerNames, []string{"Referer"}) {
		t.Errorf("headers option: %+v, want path and the Referer header only", s)
	}
}
