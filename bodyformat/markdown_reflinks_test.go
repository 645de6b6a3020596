package bodyformat

import (
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/detect"
	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// TestMarkdownReferenceLinks (attack pass 33, F8): a Markdown inline link
// between a number's digits is read as its text (138[1234](url)5678, the
// control), and so is a reference link, full ([1234][1]), collapsed
// ([1234][]) or shortcut ([1234], its label defined in the document),
// which every CommonMark renderer (and every LLM chat client) shows as its
// text too: "tel 138[1234][1]5678" renders as tel 13812345678, in a
// Markdown body and in an LLM's content.
func TestMarkdownReferenceLinks(t *testing.T) {
	eng := testEngine(t)
	r := rng(t.Name())
	for range 3 {
		m := synth.CNMobile(r)
		a, b, c := m[:3], m[3:7], m[7:]
		if res := mustInspect(t, eng, []byte("tel "+a+"["+b+"](https://e.example/1)"+c), "text/markdown", "", Redact); !res.Changed {
			t.Fatalf("control: an inline link passes")
		}
		for _, tc := range []struct{ body, ct string }{
			{"tel " + a + "[" + b + "][1]" + c + "\n\n[1]: https://e.example/1\n", "text/markdown"},
			{"tel " + a + "[" + b + "][]" + c + "\n\n[" + b + "]: https://e.example/1\n", "text/markdown"},
			{"tel [" + a + "][1][" + b + "][2]" + c + "\n\n[1]: https://e.example/1\n[2]: https://e.example/2\n", "text/markdown"},
			{"tel " + a + "[" + b + "]" + c + "\n\n[" + b + "]: /x\n", "text/markdown"},
			{"tel " + a + "[" + b + "]" + c + "\n\n> [" + b + "]:   https://e.example/1 \"t\"\n", "text/markdown"},
			{`{"role":"assistant","content":"tel ` + a + `[` + b + `][1]` + c + `\n\n[1]: https://e.example/1"}`, "application/json"},
			{`{"role":"assistant","content":"tel ` + a + `[` + b + `]` + c + `\n\n[` + b + `]: /x"}`, "application/json"},
		} {
			res := mustInspect(t, eng, []byte(tc.body), tc.ct, "", Redact)
			if strings.Contains(string(res.Body), b+"]") && strings.Contains(string(res.Body), "]"+c) {
				t.Errorf("%s: %q renders as tel %s and passes", tc.ct, tc.body, m)
			}
			if !hasCategory(res.Findings, detect.CNMobile) {
				t.Errorf("%s: %q: no mobile found: %+v", tc.ct, tc.body, res.Findings)
			}
			assertStable(t, eng, res, tc.ct)
		}
	}
}

// TestDecodeMarkdownLinks: each form of link reads as its text, mapped
// byte for byte; a shortcut link whose label the text does not define is
// shown as written (brackets and all) and so read; labels match as
// CommonMark matches them (case folded, white space collapsed); one a
// digit stands beside is read whether or not it is defined (issue #9).
func TestDecodeMarkdownLinks(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"a[1](/x)b", "a1b"},
		{"a[1][r]b", "a1b"},
		{"a[1][]b", "a1b"},
		{"a[1]b\n[1]: /x", "a1b\n1: /x"},
		{"a[1 X]b\n  [1   x]: /x", "a1 Xb\n  1   x: /x"},
		{"a![1][r]b", "ab"},
		{"a[1]b [2]: /x", ""},                   // a definition opens a line
		{"a[1][r\n]b", "a1b"},                   // a soft break in a label (attack pass 35, F5)
		{"a[1][r\n\n]b", ""},                    // no blank line in a label
		{"a[1](/w(x))b", "a1b"},                 // balanced parentheses (F5)
		{"a[1](/x \"(t)\")b", "a1b"},            // a title holding parentheses (F5)
		{"a[1](/x\n't')b", "a1b"},               // a title on the next line (F5)
		{"a[1](/x\n\n't')b", ""},                // not past a blank line
		{"a[1](((((((((((x)))))))))))b", "a1b"}, // any nesting, as goldmark reads it
		{"a[1\n2](/x)b", "a1\n2b"},              // a soft break in the text (F4)
		{"a[](/x)b", "ab"},                      // empty text (F7)
		{"a[][1]b", "ab"},                       // (F7)
		{"a[]b\n[]: /x", ""},                    // no empty label
		{"a[1]b\n- [1]: /x", "a1b\n- 1: /x"},    // a definition in a list item (F6)
		{"a[1]b\n> 12) [1]: /x", "a1b\n> 12) 1: /x"},
		{"a[1]b\n-[1]: /x", ""}, // no list item without a blank
		{"a _1_ b", "a 1 b"},    // '_' emphasis (F4)
		{"a _1\n2_ b", "a 1\n2 b"},
		{"a_1_b", ""},                      // '_' inside a word opens nothing
		{"a *1\n\n2* b", ""},               // no pair over a blank line
		{"a[1][[r]]b", ""},                 // no bracket in a label
		{"a[1]b\n[r]: /x", ""},             // another label
		{"a[1]b\n[2]: /x", "a[1]b\n2: /x"}, // (a definition's label read: its line is no text shown)
		{"1[2]3", "123"},                   // beside a digit: read undefined (issue #9)
		{"1 [2]\n3", "1 2\n3"},             // past a blank or a break too
		{"[1\n2]3", "1\n23"},               // a label over a line
		{"a １[2] b", "a １2 b"},             // a wide digit beside
		{"- - [2021-10-29] \"GET", ""},     // a log line's date: no digit beside
		{"a1  [2]  3", ""},                 // two blanks: set apart
	} {
		dec, offs, ok := decodeMarkdown([]byte(c.in))
		if ok != (c.want != "") || ok && string(dec) != c.want {
			t.Errorf("%q: %q %v, want %q", c.in, dec, ok, c.want)
			continue
		}
		for k := range dec {
			if c.in[offs[k]] != dec[k] {
				t.Errorf("%q: byte %d %q maps to %d", c.in, k, dec[k], offs[k])
			}
		}
	}
}

// TestMarkdownCleanDocumentUntouched (attack pass 33, F8/F9): ordinary
// README-like Markdown, with reference links, their definitions, numbered
// lists, block quotes, soft breaks, code and versions, goes out byte for
// byte as it came, under every mask style, and finds nothing.
func TestMarkdownCleanDocumentUntouched(t *testing.T) {
	doc := `# caddy-example

[![build][badge]][ci] [![docs][docs-badge]][docs]

Version 2.10.3 adds three things (see [#1482][1482] and [the
changelog][changelog]). Install with ` + "`go install example.com/x@v2.10.3`" + `.

1. Download the [release][2] for your platform.
2. Run ` + "`x serve --port 8080`" + `; it listens on
   port 8080 by default, or on [port 443][3] with TLS.
3. Read [RFC 9110][] and [RFC 7230] for the details.
10. Step ten of 12, released 2024-05-17.

> Note: builds 1482 and 1490 were withdrawn
> on 2024-06-02; use 1491 or later.
> See [1491] for the notes.

| id | count |
|----|-------|
| 17 | 3021  |

    code block 1234
    5678 lines

*Updated* 2024, **12** contributors, ~~3~~ 4 maintainers.

[badge]: https://ci.example.com/badge.svg
[ci]: https://ci.example.com/x
[docs-badge]: https://docs.example.com/badge.svg
[docs]: https://docs.example.com/x
[1482]: https://git.example.com/x/pull/1482
[changelog]: ./CHANGELOG.md
[2]: https://git.example.com/x/releases/v2.10.3
[3]: https://example.com/tls "TLS"
[rfc 9110]: https://www.rfc-editor.org/rfc/rfc9110
[RFC 7230]: https://www.rfc-editor.org/rfc/rfc7230
[1491]: https://git.example.com/x/releases/1491
`
	for _, mask := range []detect.MaskStyle{detect.MaskPartial, detect.MaskLabel, detect.MaskHash} {
		eng := detect.MustCompile(detect.Policy{FingerprintKey: testKey, Mask: mask})
		for _, ct := range []string{"text/markdown", "text/plain"} {
			res := mustInspect(t, eng, []byte(doc), ct, "", Redact)
			if res.Changed || string(res.Body) != doc || len(res.Findings) > 0 {
				t.Errorf("%v %s: a clean document changed: %+v", mask, ct, res.Findings)
			}
		}
	}
}
