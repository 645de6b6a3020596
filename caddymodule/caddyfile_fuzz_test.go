package caddymodule_test

import (
	"slices"
	"testing"

	"github.com/caddyserver/caddy/v2/caddyconfig/caddyfile"

	"github.com/piifilter/caddy-pii-filter/caddymodule"
	"github.com/piifilter/caddy-pii-filter/logfilter"
	"github.com/piifilter/caddy-pii-filter/matcher"
	"github.com/piifilter/caddy-pii-filter/piiapp"
)

// FuzzCaddyfile feeds arbitrary Caddyfile text to every parser of the
// project: the pii_filter directive, the pii matcher, the pii log filter
// and the pii global option. None may panic; a directive that parses must
// validate or say why not, never panic either.
func FuzzCaddyfile(f *testing.F) {
	for _, seed := range []string{
		"pii_filter",
		"pii_filter reject",
		"pii_filter {\n request reject\n response log\n dossier 2\n detect cn_id cn_mobile\n mask hash\n max_body 1MiB\n work_budget 16MiB\n cache 100 1m\n cache_bytes 1MiB\n}",
		"pii_filter {\n types text/* application/*+json\n oversize pass\n on_error pass\n status 451\n}",
		"pii {\n detect email\n ignore name\n source body query\n max_body 64KiB\n}",
		"pii {\n key_file /tmp/k\n memory_budget 64MiB\n memory_wait 2s\n store redis 127.0.0.1:6379 {\n  db 2\n  prefix x:\n }\n campaign 5 1h protect 720h\n}",
		"pii {\n mask full\n}",
		"pii_filter {\n cache off\n cache_bytes 1\n}",
		"pii_filter {\n dossier -1\n max_body 0\n}",
		"pii_filter {\n{\n}\n}",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, input string) {
		if len(input) > 4096 {
			return
		}
		// Caddy's lexer refuses some text (a bad heredoc marker) before any
		// directive sees it; caddyfile.NewTestDispenser would log.Fatal on
		// it and end the fuzzing worker, so the tokens are made here.
		tokens, err := caddyfile.Tokenize([]byte(input), "Caddyfile")
		if err != nil {
			return
		}
		dispenser := func() *caddyfile.Dispenser { return caddyfile.NewDispenser(slices.Clone(tokens)) }
		h := new(caddymodule.Handler)
		if err := h.UnmarshalCaddyfile(dispenser()); err == nil {
			_ = h.Validate()
		}
		m := new(matcher.MatchPII)
		if err := m.UnmarshalCaddyfile(dispenser()); err == nil {
			_ = m.Validate()
		}
		_ = new(logfilter.Filter).UnmarshalCaddyfile(dispenser())
		_ = new(piiapp.App).UnmarshalCaddyfile(dispenser())
	})
}
