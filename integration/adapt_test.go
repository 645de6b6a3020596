package integration

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/caddyserver/caddy/v2/caddyconfig"
	"github.com/caddyserver/caddy/v2/caddytest"

	"github.com/piifilter/caddy-pii-filter/caddymodule"
)

// goldenSeparator is the line between the Caddyfile and the expected
// result of a golden file.
const goldenSeparator = "\n----------\n"

// readGolden splits a testdata/*.caddyfiletest file into its Caddyfile and
// its expected result: JSON, or else a part of the adapter's error.
func readGolden(t *testing.T, name string) (caddyfile, expected string) {
	t.Helper()
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	text := regexp.MustCompile(`\r?\n`).ReplaceAllString(string(data), "\n")
	cfg, want, ok := strings.Cut(text, goldenSeparator)
	if !ok {
		t.Fatalf("%s: no ---------- line between the Caddyfile and the expected result", name)
	}
	// file_server hides the Caddyfile by a path that depends on the OS.
	hide, _ := json.Marshal("." + string(filepath.Separator) + "Caddyfile")
	want = strings.ReplaceAll(strings.TrimSpace(want), `"./Caddyfile"`, string(hide))
	return strings.TrimSpace(cfg) + "\n", want
}

// TestCaddyfileAdapt runs every golden file of testdata/: the Caddyfile
// adapts to exactly the JSON given, or fails with an error containing the
// text given. To update a file after a deliberate syntax change, adapt its
// Caddyfile (go run ./cmd/caddy adapt --pretty) and review the difference.
func TestCaddyfileAdapt(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "*.caddyfiletest"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no golden files (%v)", err)
	}
	for _, name := range files {
		t.Run(filepath.Base(name), func(t *testing.T) {
			cfg, want := readGolden(t, name)
			if strings.HasPrefix(want, "{") {
				if !caddytest.CompareAdapt(t, name, cfg, "caddyfile", want) {
					t.Errorf("%s: the Caddyfile no longer adapts to the JSON in the file (diff on stdout)", name)
				}
				return
			}
			_, _, err := caddyconfig.GetAdapter("caddyfile").Adapt([]byte(cfg), nil)
			if err == nil {
				t.Fatalf("%s: adapted without the expected error %q", name, want)
			}
			if !strings.Contains(err.Error(), want) {
				t.Errorf("%s: error\n%s\ndoes not contain\n%s", name, err, want)
			}
		})
	}
}

// TestGoldenCoversEveryOption checks that pii_filter_all_options sets
// every option of the handler's JSON, so that a new option cannot be
// added without its Caddyfile form being pinned here.
func TestGoldenCoversEveryOption(t *testing.T) {
	_, want := readGolden(t, filepath.Join("testdata", "pii_filter_all_options.caddyfiletest"))
	var cfg struct {
		Apps struct {
			HTTP struct {
				Servers map[string]struct {
					Routes []struct {
						Handle []map[string]json.RawMessage `json:"handle"`
					} `json:"routes"`
				} `json:"servers"`
			} `json:"http"`
		} `json:"apps"`
	}
	if err := json.Unmarshal([]byte(want), &cfg); err != nil {
		t.Fatal(err)
	}
	var handler map[string]json.RawMessage
	for _, srv := range cfg.Apps.HTTP.Servers {
		for _, r := range srv.Routes {
			for _, h := range r.Handle {
				if string(h["handler"]) == `"pii_filter"` {
					handler = h
				}
			}
		}
	}
	if handler == nil {
		t.Fatal("no pii_filter handler in pii_filter_all_options.caddyfiletest")
	}
	typ := reflect.TypeFor[caddymodule.Handler]()
	for i := range typ.NumField() {
		f := typ.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if !f.IsExported() || name == "" || name == "-" {
			continue
		}
		if _, ok := handler[name]; !ok {
			t.Errorf("pii_filter_all_options.caddyfiletest does not set %q (%s)", name, f.Name)
		}
	}
}
