package integration

import (
	"fmt"
	"net/http"
	"testing"
)

// TestHostRefused (attack pass 37): a site that answers any host
// (`:port`) under pii_filter redact or reject refuses a request whose
// host holds an identifier (a host routes the request and is not
// masked): the upstream sees neither the host nor X-Forwarded-Host. A
// clean host goes through.
func TestHostRefused(t *testing.T) {
	for _, act := range []string{"reject", "redact"} {
		t.Run(act, func(t *testing.T) {
			seen := make(chan string, 4)
			up := upstream(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				seen <- r.Host + "\n" + r.Header.Get("X-Forwarded-Host") + "\n" + r.RequestURI
				w.WriteHeader(http.StatusNoContent)
			}))
			mfRun(t, "http://:9080 {\n\tpii_filter "+act+"\n\treverse_proxy "+up+"\n}\n")
			c := mfClient(t)
			for _, tc := range []struct{ name, host, raw string }{
				{"mobile subdomain", alice.Mobile + ".shop.example", alice.Mobile},
				{"id subdomain", "u" + alice.ID + ".shop.example", alice.ID},
				{"id subdomain with a port", "u" + alice.ID + ".shop.example:9080", alice.ID},
			} {
				req, err := http.NewRequest("GET", mfBase+"/profile", nil)
				if err != nil {
					t.Fatal(err)
				}
				req.Host = tc.host
				status, body, _ := mfDo(t, c, req, "")
				select {
				case got := <-seen:
					assertNoRaw(t, fmt.Sprintf("%s: what the upstream saw (status %d)", tc.name, status), []byte(got), tc.raw)
					t.Errorf("%s: reached the upstream with status %d, want a refusal", tc.name, status)
				default:
				}
				if status != http.StatusForbidden {
					t.Errorf("%s: status %d, want 403", tc.name, status)
				}
				assertNoRaw(t, tc.name+": the refusal", []byte(body), tc.raw)
			}
			req, err := http.NewRequest("GET", mfBase+"/profile", nil)
			if err != nil {
				t.Fatal(err)
			}
			req.Host = "shop.example"
			if status, _, _ := mfDo(t, c, req, ""); status != http.StatusNoContent {
				t.Errorf("clean host: status %d, want 204", status)
			}
			select {
			case got := <-seen:
				if want := "shop.example\nshop.example\n/profile"; got != want {
					t.Errorf("clean host: the upstream saw %q, want %q", got, want)
				}
			default:
				t.Error("clean host: the upstream saw nothing")
			}
		})
	}
}
