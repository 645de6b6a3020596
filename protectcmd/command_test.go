package protectcmd

import (
	"bytes"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"strings"
	"testing"

	caddycmd "github.com/caddyserver/caddy/v2/cmd"
	"github.com/spf13/pflag"
)

// fakeAdmin answers the admin API's /pii/protected calls and records the
// last body; it stands for Caddy's admin endpoint, whose own tests are in
// piiapp and integration.
func fakeAdmin(t *testing.T, last *map[string]any) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		var req map[string]any
		_ = json.Unmarshal(body, &req)
		req["method"], req["path"] = r.Method, r.URL.Path
		*last = req
		n := len(req["values"].([]any))
		switch {
		case r.URL.Path == "/pii/protected/check":
			out := make([]bool, n)
			out[0] = true
			_ = json.NewEncoder(w).Encode(map[string][]bool{"protected": out})
		case r.Method == http.MethodDelete:
			_ = json.NewEncoder(w).Encode(map[string]int{"removed": n})
		default:
			_ = json.NewEncoder(w).Encode(map[string]int{"added": n})
		}
	})}
	go func() { _ = srv.Serve(l) }()
	t.Cleanup(func() { _ = srv.Close() })
	return l.Addr().String()
}

func flags(t *testing.T, args ...string) caddycmd.Flags {
	fs := pflag.NewFlagSet("pii-protect", pflag.ContinueOnError)
	fs.String("category", "", "")
	fs.String("address", "", "")
	fs.String("config", "", "")
	fs.String("adapter", "", "")
	if err := fs.Parse(args); err != nil {
		t.Fatal(err)
	}
	return caddycmd.Flags{FlagSet: fs}
}

func TestRunSendsStdinNeverArguments(t *testing.T) {
	var last map[string]any
	addr := fakeAdmin(t, &last)
	var out bytes.Buffer
	code, err := run(flags(t, "add", "--address", addr, "--category", "CN_MOBILE"), strings.NewReader("one\n\n  two  \n"), &out)
	if err != nil || code != exitOK || out.String() != "2 of 2 values added to the protected list\n" {
		t.Fatalf("add: %d %v %q", code, err, out.String())
	}
	if last["method"] != "POST" || last["path"] != "/pii/protected" || last["category"] != "cn_mobile" ||
		len(last["values"].([]any)) != 2 || last["values"].([]any)[1] != "two" {
		t.Fatalf("request %v", last)
	}
	out.Reset()
	if code, err := run(flags(t, "remove", "--address", addr), strings.NewReader("one\n"), &out); err != nil || code != exitOK || last["method"] != "DELETE" {
		t.Fatalf("remove: %d %v %v", code, err, last)
	}
	out.Reset()
	code, err = run(flags(t, "check", "--address", addr), strings.NewReader("one\ntwo\n"), &out)
	if err != nil || code != exitUnprotected || out.String() != "value 1: protected\nvalue 2: not protected\n" {
		t.Fatalf("check: %d %v %q", code, err, out.String())
	}
}

func TestRunErrors(t *testing.T) {
	for name, tc := range map[string]struct {
		args  []string
		stdin string
	}{
		"unknown action":    {[]string{"protect", "--address", "127.0.0.1:1"}, "x\n"},
		"value as action":   {[]string{"secret-value", "--address", "127.0.0.1:1"}, "x\n"},
		"unknown category":  {[]string{"add", "--category", "colour", "--address", "127.0.0.1:1"}, "x\n"},
		"value as category": {[]string{"add", "--category", "secret-value", "--address", "127.0.0.1:1"}, "x\n"},
		"no values":         {[]string{"add", "--address", "127.0.0.1:1"}, "\n \n"},
		"no admin":          {[]string{"add", "--address", "127.0.0.1:1"}, "secret-value\n"},
	} {
		code, err := run(flags(t, tc.args...), strings.NewReader(tc.stdin), io.Discard)
		if code != exitError || err == nil {
			t.Errorf("%s: %d %v", name, code, err)
		} else if strings.Contains(err.Error(), "secret-value") {
			t.Errorf("%s: the error quotes a value: %v", name, err)
		}
	}
}
